package org.calloutcome.router.queue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.calloutcome.router.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which instances sharing the database are alive, so that a killed one never holds work for long. Each instance beats
 * (database time) in {@code router_instance}; claims in the work queues whose owner has not beaten within the timeout
 * become due at once, and any live instance takes them. A graceful stop hands this instance's claims back and leaves.
 * A claim taken back from an instance that was only slow is safe: an owner finishes only what it still holds.
 */
public final class Liveness {
    private static final Logger LOG = LoggerFactory.getLogger(Liveness.class);
    /** Rows of instances gone this long are forgotten. */
    private static final long FORGET_SECONDS = 86_400;

    private final Sql sql;
    private final String self;
    private final Duration timeout;
    private final List<WorkQueue> queues;

    /**
     * @param self    this instance, as its claims name it
     * @param timeout how long an instance may be silent before its claims are taken back
     * @param queues  the work queues whose rows instances claim
     */
    public Liveness(Sql sql, String self, Duration timeout, List<WorkQueue> queues) {
        this.sql = sql;
        this.self = self;
        this.timeout = timeout;
        this.queues = queues;
    }

    /** Records that this instance is alive, then takes back the claims of instances that are not. */
    public int beat() throws SQLException {
        sql.update("MERGE INTO router_instance t USING (SELECT CAST(? AS VARCHAR(200)) AS instance_id) s"
                + " ON t.instance_id = s.instance_id WHEN MATCHED THEN UPDATE SET heartbeat_at = CURRENT_TIMESTAMP"
                + " WHEN NOT MATCHED THEN INSERT (instance_id, started_at, heartbeat_at)"
                + " VALUES (s.instance_id, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", self);
        int taken = 0;
        for (WorkQueue queue : queues) {
            taken += queue.takeBackFromSilent(self, "router_instance", timeout);
        }
        if (taken > 0) {
            LOG.warn("Took back {} claim(s) of instances silent for more than {} s", taken, timeout.toSeconds());
        }
        sql.update("DELETE FROM router_instance WHERE heartbeat_at < CURRENT_TIMESTAMP - CAST(? AS INTEGER)"
                + " * INTERVAL '1' SECOND", FORGET_SECONDS);
        return taken;
    }

    /**
     * Makes the claims of {@code owner} (of every owner, when null) due now: at a graceful stop this instance's own,
     * at the start of a single-process (H2) router everyone's.
     */
    public int release(String owner) throws SQLException {
        int released = 0;
        for (WorkQueue queue : queues) {
            released += queue.release(owner);
        }
        return released;
    }

    /** A graceful stop: this instance's claims are due at once for the others, and it is no longer counted alive. */
    public void leave() throws SQLException {
        int released = release(self);
        sql.update("DELETE FROM router_instance WHERE instance_id = ?", self);
        LOG.info("Handed back {} claim(s) at stop", released);
    }
}
