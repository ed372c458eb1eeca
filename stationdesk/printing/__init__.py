"""PDF rendering with ReportLab: DTOs in, PDF bytes out; no database, no Qt."""
