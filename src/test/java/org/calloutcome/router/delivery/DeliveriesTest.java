package org.calloutcome.router.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.CallEventJson;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.calloutcome.router.platforms.EventKey;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What several instances share about a sink's work, through the database: a pause one of them was told to take, and
 * claims that only their owner may finish. Two {@link Deliveries} with different owners stand for two instances.
 */
class DeliveriesTest {
    private static final Retry RETRY = new Retry(Duration.ofSeconds(10), Duration.ofMinutes(15), 12);

    private Sql sql;
    private Deliveries instanceA;
    private Deliveries instanceB;

    @BeforeEach
    void oneProcessedCallAskingForSalesforce() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:deliveries-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        sql = new Sql(dataSource);
        Inbox inbox = new Inbox(sql, new Inbox.Policy(Duration.ofMinutes(5), RETRY), "test");
        UUID eventId = inbox.accept(List.of(new Inbox.Submission("altur",
                new EventKey("call-ended", "cll_1", "on_call_end"), "{}"))).get(0).eventId();
        inbox.claim("processing", 1);
        CallEvent event = new CallEvent().setEventId(eventId.toString()).setVendor("altur").setEventKind("call-ended")
                .setVendorCallId("cll_1");
        inbox.markProcessed("processing", Map.of(eventId, CallEventJson.write(List.of(event))));
        Map<String, Retry> sinks = Map.of("salesforce", RETRY);
        instanceA = new Deliveries(sql, inbox, sinks, Duration.ofMinutes(5), "instance-a",
                new RouterMetrics(new SimpleMeterRegistry(), sql));
        instanceB = new Deliveries(sql, inbox, sinks, Duration.ofMinutes(5), "instance-b",
                new RouterMetrics(new SimpleMeterRegistry(), sql));
        instanceA.insert(List.of(new DeliveryRequest(event, "salesforce", "log-call"),
                new DeliveryRequest(event, "salesforce", "follow-up")));
    }

    @Test
    void aClaimedDeliveryComesWithTheStoredEventAndOnlyItsOwnerFinishesIt() throws Exception {
        List<Delivery> claimed = instanceA.claim("salesforce", 10);
        assertEquals(2, claimed.size());
        assertEquals("cll_1", claimed.get(0).event().getVendorCallId(), "the event as processed, read back");
        assertEquals(List.of(), instanceB.claim("salesforce", 10), "held by instance A");

        instanceB.done(claimed, "00T-not-mine");
        assertEquals(List.of("PROCESSING"), statuses(), "instance B cannot finish what A holds");
        instanceA.done(claimed, "00T5e000001");
        assertEquals(List.of("DONE"), statuses());
    }

    @Test
    void aPauseOneInstanceTakesHoldsForEveryInstance() throws Exception {
        List<Delivery> claimed = instanceA.claim("salesforce", 10);
        instanceA.pause("salesforce", claimed, Duration.ofMinutes(30));
        sql.update("UPDATE delivery SET next_attempt_at = CURRENT_TIMESTAMP"); // even work that is due waits
        assertEquals(List.of(), instanceB.claim("salesforce", 10), "instance B keeps off the paused sink");
        assertEquals(List.of(0), sql.query("SELECT DISTINCT attempts FROM delivery", row -> row.getInt(1)),
                "waiting is not a failed attempt");

        sql.update("UPDATE sink_pause SET paused_until = CURRENT_TIMESTAMP - INTERVAL '1' SECOND"); // time passes
        assertEquals(2, instanceB.claim("salesforce", 10).size());
    }

    private List<String> statuses() throws Exception {
        return sql.query("SELECT DISTINCT status FROM delivery", row -> row.getString(1));
    }
}
