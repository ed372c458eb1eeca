-- 0007_sync_blobs: which attachments (deputies' photos, by SHA-256) the county has confirmed
-- (issue 6). Local sync bookkeeping, not synced: the photo's hash travels in the deputy row, the
-- bytes go afterwards through the county's idempotent PUT /blobs/{sha256}. A new county epoch
-- (a restored county database) empties the table, so every photo is offered again.

CREATE TABLE sync_blob_sent (
    sha256 TEXT NOT NULL PRIMARY KEY,
    sent_at TEXT NOT NULL
);
