-- Outreach sequences apart by account, as calls are (V11): one account's report carrying another account's sequence
-- id is a sequence of its own. Rows from before take the account of the event that last wrote them.
ALTER TABLE sequence_step DROP CONSTRAINT sequence_step_sequence;
ALTER TABLE sequence_step DROP CONSTRAINT sequence_step_number;
ALTER TABLE call_sequence DROP CONSTRAINT call_sequence_vendor_sequence;
ALTER TABLE call_sequence ADD COLUMN account VARCHAR(40) DEFAULT 'default' NOT NULL;
ALTER TABLE sequence_step ADD COLUMN account VARCHAR(40) DEFAULT 'default' NOT NULL;
UPDATE call_sequence SET account = (SELECT i.account FROM inbox i WHERE i.event_id = call_sequence.last_event_id)
 WHERE EXISTS (SELECT 1 FROM inbox i WHERE i.event_id = call_sequence.last_event_id AND i.account <> 'default');
UPDATE sequence_step SET account = (SELECT c.account FROM call_sequence c
  WHERE c.vendor = sequence_step.vendor AND c.vendor_sequence_id = sequence_step.vendor_sequence_id)
 WHERE EXISTS (SELECT 1 FROM call_sequence c WHERE c.vendor = sequence_step.vendor
  AND c.vendor_sequence_id = sequence_step.vendor_sequence_id AND c.account <> 'default');
ALTER TABLE call_sequence ADD CONSTRAINT call_sequence_vendor_account_sequence
    UNIQUE (vendor, account, vendor_sequence_id);
ALTER TABLE sequence_step ADD CONSTRAINT sequence_step_number UNIQUE (vendor, account, vendor_sequence_id, step);
ALTER TABLE sequence_step ADD CONSTRAINT sequence_step_sequence FOREIGN KEY (vendor, account, vendor_sequence_id)
    REFERENCES call_sequence (vendor, account, vendor_sequence_id);
