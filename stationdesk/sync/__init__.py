"""The station's sync engine (design/sync.md §3): push, pull, backoff, lease; no Qt."""
