"""Credentials and password hashing: nothing here touches the database or the UI."""
