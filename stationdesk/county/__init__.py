"""The county server: stations push their records and pull county replies and reference data."""
