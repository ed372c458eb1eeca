"""The Qt user interface: windows, pages, dialogs, the task runner; the only PySide6 importer."""
