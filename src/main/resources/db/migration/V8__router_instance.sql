-- The router instances sharing this database, each with the database time of its last heartbeat. A claim (inbox row,
-- sink action) whose owner has not beaten within router.instance.heartbeat-timeout-seconds is taken back by a live
-- instance at once, instead of waiting out its lease: a killed instance never holds work for long.
CREATE TABLE router_instance (
    instance_id  VARCHAR(200)             PRIMARY KEY,
    started_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL
);
