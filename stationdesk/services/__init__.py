"""Use cases: each owns its transaction, audits, and returns frozen DTOs plus a ChangeSet."""
