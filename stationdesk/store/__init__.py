"""The station's SQLite store: engine and pragmas, ORM models, migrations, backups, integrity."""
