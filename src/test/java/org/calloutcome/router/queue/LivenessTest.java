package org.calloutcome.router.queue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.calloutcome.router.support.PostgresSchema;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Instances sharing a database: the claims of one that stopped beating are due at once for the others, those of one
 * that beats are left alone, and a graceful stop hands its claims back. On H2 and PostgreSQL.
 */
class LivenessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private Sql sql;
    private Inbox inbox;

    private void threeClaimedWebhooks(String database, String owner) throws Exception {
        sql = new Sql(database(database));
        inbox = new Inbox(sql, new Inbox.Policy(Duration.ofMinutes(5), new Retry(Duration.ofSeconds(5),
                Duration.ofMinutes(10), 10)), "test");
        for (int i = 0; i < 3; i++) {
            inbox.accept(List.of(new Inbox.Submission("altur", new EventKey(EventKind.CALL_ENDED, "cll_" + i, "on_call_end"),
                    "{}")));
        }
        assertEquals(3, inbox.claim(owner, 10).size());
    }

    private Liveness instance(String name) {
        return new Liveness(sql, name, TIMEOUT, List.of(new WorkQueue(sql, Inbox.TABLE), new WorkQueue(sql, Deliveries.TABLE)));
    }

    private int claimable() throws Exception {
        return sql.query("SELECT COUNT(*) FROM inbox WHERE next_attempt_at <= CURRENT_TIMESTAMP",
                row -> row.getInt(1)).get(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void theClaimsOfAnInstanceThatStoppedBeatingAreDueAtOnce(String database) throws Exception {
        threeClaimedWebhooks(database, "router-a");
        instance("router-a").beat();
        Liveness survivor = instance("router-b");

        assertEquals(0, survivor.beat(), "router-a beat a moment ago: its claims stand");
        assertEquals(0, claimable());
        sql.update("UPDATE router_instance SET heartbeat_at = CURRENT_TIMESTAMP - INTERVAL '16' SECOND"
                + " WHERE instance_id = 'router-a'"); // killed: 16 s without a beat
        assertEquals(3, survivor.beat());
        assertEquals(3, inbox.claim("router-b", 10).size(), "router-b takes them, long before their lease ends");
        assertEquals(0, survivor.beat(), "its own claims are never taken back");
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void claimsOfAnInstanceNeverSeenBeatingAreTakenBack(String database) throws Exception {
        threeClaimedWebhooks(database, "router-from-before-heartbeats");
        assertEquals(3, instance("router-b").beat());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aGracefulStopHandsItsClaimsBackAndLeaves(String database) throws Exception {
        threeClaimedWebhooks(database, "router-a");
        Liveness stopping = instance("router-a");
        stopping.beat();
        stopping.leave();
        assertEquals(3, claimable());
        assertEquals(List.of(), sql.query("SELECT instance_id FROM router_instance", row -> row.getString(1)));
    }

    private static DataSource database(String database) throws Exception {
        FluentConfiguration flyway = Flyway.configure().locations("classpath:db/migration");
        DataSource dataSource;
        if (database.equals("postgresql")) {
            dataSource = PostgresSchema.fresh("liveness_test");
            flyway.schemas("liveness_test").createSchemas(true);
        } else {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:liveness-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource = h2;
        }
        flyway.dataSource(dataSource).load().migrate();
        return dataSource;
    }
}
