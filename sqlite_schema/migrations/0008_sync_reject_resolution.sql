-- 0008_sync_reject_resolution: how a refused change was resolved (issue 6). 'resent' (重新上传:
-- the station's current version was queued again) or 'dismissed' (忽略, with a note in the audit
-- log). Reconcile needs the difference: a version a person dismissed is not sent again by the
-- machine, a version that was resent is like any other. Local bookkeeping, not synced.

ALTER TABLE sync_rejects ADD COLUMN resolution TEXT
    CHECK (resolution IS NULL OR resolution IN ('resent', 'dismissed'));
