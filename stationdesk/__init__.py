"""StationDesk (联络站工作台): the liaison station's desktop app; this module owns the version."""

__version__ = "0.1.0"
