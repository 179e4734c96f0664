-- Raw vendor payloads are kept only for a while after processing (router.retention.payload-days); the call log keeps
-- its canonical columns. redacted_at says when a row's payload was removed.
ALTER TABLE inbox ADD COLUMN redacted_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX inbox_processed ON inbox (processed_at);
