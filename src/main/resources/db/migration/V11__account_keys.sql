-- Accounts apart: the account is part of what makes a webhook a duplicate and a call one row, so that one account's
-- webhook carrying another account's call id is a call of its own. Rows from before keep the account 'default'.
-- Sink work keys name the account too when it is not the default one (see DeliveryKeys): existing work of other
-- accounts is given its account here, so that it is recognised again.
ALTER TABLE inbox DROP CONSTRAINT inbox_vendor_event;
ALTER TABLE inbox ADD CONSTRAINT inbox_vendor_account_event UNIQUE (vendor, account, event_kind, vendor_event_id);
ALTER TABLE call_event DROP CONSTRAINT call_event_vendor_call;
ALTER TABLE call_event ADD CONSTRAINT call_event_vendor_account_call UNIQUE (vendor, account, vendor_call_id);
UPDATE delivery SET delivery_key = delivery_key || '|' || (SELECT i.account FROM inbox i WHERE i.event_id = delivery.event_id)
 WHERE EXISTS (SELECT 1 FROM inbox i WHERE i.event_id = delivery.event_id AND i.account <> 'default');
