package org.calloutcome.router.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.CallEventJson;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.sink.salesforce.UnrecordedOptOuts;
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
 * What several instances share about a sink's work, through the database: a pause one of them was told to take, and
 * claims that only their owner may finish. Two {@link Deliveries} with different owners stand for two instances. On
 * H2 and on PostgreSQL (127.0.0.1:5432, database test, a schema of its own), whose claims and look-ups differ.
 */
class DeliveriesTest {
    private static final Retry RETRY = new Retry(Duration.ofSeconds(10), Duration.ofMinutes(15), 12);

    private Sql sql;
    private Deliveries instanceA;
    private Deliveries instanceB;

    private Inbox inbox;

    private void oneProcessedCallAskingForSalesforce(String database) throws Exception {
        DataSource dataSource = database(database);
        sql = new Sql(dataSource);
        inbox = new Inbox(sql, new Inbox.Policy(Duration.ofMinutes(5), RETRY), "test");
        CallEvent event = processedCall("cll_1");
        Map<String, Retry> sinks = Map.of("salesforce", RETRY);
        instanceA = new Deliveries(sql, inbox::events, sinks, Duration.ofMinutes(5), "instance-a",
                new RouterMetrics(new SimpleMeterRegistry(), sql));
        instanceB = new Deliveries(sql, inbox::events, sinks, Duration.ofMinutes(5), "instance-b",
                new RouterMetrics(new SimpleMeterRegistry(), sql));
        instanceA.insert(List.of(new DeliveryRequest(event, "salesforce", "log-call"),
                new DeliveryRequest(event, "salesforce", "follow-up")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aClaimedDeliveryComesWithTheStoredEventAndOnlyItsOwnerFinishesIt(String database) throws Exception {
        oneProcessedCallAskingForSalesforce(database);
        List<Delivery> claimed = instanceA.claim("salesforce", 10);
        assertEquals(2, claimed.size());
        assertEquals("cll_1", claimed.get(0).event().getVendorCallId(), "the event as processed, read back");
        assertEquals(List.of(), instanceB.claim("salesforce", 10), "held by instance A");

        instanceB.done(claimed, "00T-not-mine");
        assertEquals(List.of("PROCESSING"), statuses(), "instance B cannot finish what A holds");
        instanceA.done(claimed, "00T5e000001");
        assertEquals(List.of("DONE"), statuses());
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aPauseOneInstanceTakesHoldsForEveryInstance(String database) throws Exception {
        oneProcessedCallAskingForSalesforce(database);
        List<Delivery> claimed = instanceA.claim("salesforce", 10);
        instanceA.pause("salesforce", claimed, Duration.ofMinutes(30));
        sql.update("UPDATE delivery SET next_attempt_at = CURRENT_TIMESTAMP"); // even work that is due waits
        assertEquals(List.of(), instanceB.claim("salesforce", 10), "instance B keeps off the paused sink");
        assertEquals(List.of(0), sql.query("SELECT DISTINCT attempts FROM delivery", row -> row.getInt(1)),
                "waiting is not a failed attempt");

        sql.update("UPDATE sink_pause SET paused_until = CURRENT_TIMESTAMP - INTERVAL '1' SECOND"); // time passes
        assertEquals(2, instanceB.claim("salesforce", 10).size());
    }

    /** A claim takes the work that waited longest (then in the order it was asked for), however much is waiting. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void claimsTakeTheOldestWorkFirstAndAlertsFindEachCallsTask(String database) throws Exception {
        oneProcessedCallAskingForSalesforce(database);
        List<CallEvent> calls = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            calls.add(processedCall("cll_more_" + i));
        }
        instanceA.insert(calls.stream().map(call -> new DeliveryRequest(call, "salesforce", "log-call")).toList());
        // the first call's work waited longest; of the rest, one is retried later and one is overdue
        sql.update("UPDATE delivery SET next_attempt_at = next_attempt_at + INTERVAL '1' HOUR"
                + " WHERE subject_id = 'cll_more_5'");
        sql.update("UPDATE delivery SET next_attempt_at = next_attempt_at - INTERVAL '1' HOUR"
                + " WHERE subject_id = 'cll_more_7'");

        List<Delivery> first = instanceA.claim("salesforce", 3);
        assertEquals(List.of("cll_1", "cll_1", "cll_more_7"), first.stream().map(Delivery::subjectId).toList(),
                "the three that waited longest, in the order they were asked for");
        List<Delivery> rest = instanceB.claim("salesforce", 1000);
        assertEquals(298, rest.size(), "all that is due");
        assertEquals(List.of(), rest.stream().filter(d -> d.subjectId().equals("cll_more_5")).toList(),
                "the work retried later is not due yet");

        instanceB.done(rest, "00T-task");
        Map<String, String> tasks = instanceB.results("salesforce",
                List.of(DeliveryKeys.salesforceTask(calls.get(0)), DeliveryKeys.salesforceTask(calls.get(299)),
                        DeliveryKeys.salesforceTask(calls.get(5)), "log-call|altur|call-ended|no-such-call"));
        assertEquals(Map.of(DeliveryKeys.salesforceTask(calls.get(0)), "00T-task",
                DeliveryKeys.salesforceTask(calls.get(299)), "00T-task"), tasks, "done ones only, by key");
    }

    /** The promise compliance relies on: an opt-out that is not recorded is told, once, and so is its later success. */
    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void anOptOutThatDiesAsksForOneAlertAndItsLaterSuccessForAnother(String database) throws Exception {
        oneProcessedCallAskingForSalesforce(database);
        Deliveries deliveries = new Deliveries(sql, inbox::events, Map.of("salesforce", new Retry(Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1), "mail", RETRY), Duration.ofMinutes(5), "instance-a",
                new RouterMetrics(new SimpleMeterRegistry(), sql));
        deliveries.setAftermath(new UnrecordedOptOuts());
        sql.update("DELETE FROM delivery");
        deliveries.insert(List.of(new DeliveryRequest(processedCall("cll_opt"), "salesforce", "do-not-call")));
        String replay = "UPDATE delivery SET status = 'FAILED', attempts = 0, next_attempt_at = CURRENT_TIMESTAMP"
                + " WHERE sink = 'salesforce'";

        deliveries.failed(deliveries.claim("salesforce", 10), new java.net.SocketTimeoutException("Read timed out"));
        assertEquals(List.of("DEAD"), statuses("salesforce"), "its one attempt failed");
        assertEquals(List.of("opt-out-not-recorded"), mailRules());

        sql.update(replay);
        deliveries.dead(deliveries.claim("salesforce", 10), "FIELD_CUSTOM_VALIDATION_EXCEPTION: a reason is needed");
        assertEquals(List.of("opt-out-not-recorded"), mailRules(), "dead again after a replay: no second alert");

        sql.update(replay);
        List<Delivery> claimed = deliveries.claim("salesforce", 10);
        deliveries.finish(List.of(new DeliveryGroup(claimed)), List.of(Map.of("do-not-call",
                ActionResult.done("updated"))));
        assertEquals(List.of("opt-out-not-recorded", "opt-out-now-recorded"), mailRules());
    }

    private List<String> mailRules() throws Exception {
        return sql.query("SELECT rule FROM delivery WHERE sink = 'mail' ORDER BY id", row -> row.getString(1));
    }

    private List<String> statuses(String sink) throws Exception {
        return sql.query("SELECT DISTINCT status FROM delivery WHERE sink = ?", row -> row.getString(1), sink);
    }

    private CallEvent processedCall(String callId) throws Exception {
        UUID eventId = inbox.accept(List.of(new Inbox.Submission("altur",
                new EventKey(EventKind.CALL_ENDED, callId, "on_call_end"), "{}"))).get(0).eventId();
        inbox.claim("processing", 1);
        CallEvent event = new CallEvent().setEventId(eventId.toString()).setVendor("altur").setEventKind(EventKind.CALL_ENDED)
                .setVendorCallId(callId);
        inbox.markProcessed("processing", Map.of(eventId, CallEventJson.write(List.of(event))));
        return event;
    }

    private static DataSource database(String database) throws Exception {
        FluentConfiguration flyway = Flyway.configure().locations("classpath:db/migration");
        DataSource dataSource;
        if (database.equals("postgresql")) {
            dataSource = PostgresSchema.fresh("deliveries_test");
            flyway.schemas("deliveries_test").createSchemas(true);
        } else {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:deliveries-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
            dataSource = h2;
        }
        flyway.dataSource(dataSource).load().migrate();
        return dataSource;
    }

    private List<String> statuses() throws Exception {
        return sql.query("SELECT DISTINCT status FROM delivery", row -> row.getString(1));
    }
}
