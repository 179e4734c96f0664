-- Several accounts of one platform (a client's Retell workspace, Vapi org, Bland account), each on its own webhook
-- path with its own credential: the account a webhook came from, kept with it and on its call-log row. Reconciliation
-- keeps a window per platform account ("retell/clinic-a").
ALTER TABLE inbox ADD COLUMN account VARCHAR(40) DEFAULT 'default' NOT NULL;
ALTER TABLE call_event ADD COLUMN account VARCHAR(40) DEFAULT 'default' NOT NULL;
ALTER TABLE reconcile_window ALTER COLUMN vendor SET DATA TYPE VARCHAR(100);
