package org.calloutcome.router;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.SalesforceOrgs;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.intake.InboxWriter;
import org.calloutcome.router.mapping.VendorWebhook;
import org.calloutcome.router.normalize.Normalizer;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.processing.InboxProcessing;
import org.calloutcome.router.processing.InboxReprocessing;
import org.calloutcome.router.processing.PayloadRetention;
import org.calloutcome.router.processing.SinkRequests;
import org.calloutcome.router.queue.GiveWay;
import org.calloutcome.router.queue.InboxBacklog;
import org.calloutcome.router.queue.Liveness;
import org.calloutcome.router.queue.Wakeup;
import org.calloutcome.router.sink.CallLogSink;
import org.calloutcome.router.sink.salesforce.SalesforceLogin;
import org.calloutcome.router.sink.slack.SlackChannel;
import org.calloutcome.router.sink.salesforce.UnrecordedOptOuts;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;

/**
 * The database and the work queues on it: the inbox, its processing into call events, and the sinks' deliveries.
 * Beans are built when first looked up; the start ({@link RouterConfiguration}) looks up the first of them, so the
 * schema is migrated before any route starts.
 */
public class ProcessingConfiguration implements CamelConfiguration {

    /** The connection pool, migrated to the current schema when first looked up. */
    @BindToRegistry(value = "dataSource", lazy = true)
    public DataSource dataSource(CamelContext context, Settings settings) throws Exception {
        return Database.open(context, settings);
    }

    @BindToRegistry(value = "sql", lazy = true)
    public Sql sql(DataSource dataSource) {
        return new Sql(dataSource);
    }

    @BindToRegistry(value = "inbox", lazy = true)
    public Inbox inbox(Sql sql, Settings settings, @PropertyInject("router.inbox.lease-seconds") long lease,
            @PropertyInject("router.db.schema") String schema) {
        // one PostgreSQL channel per schema, so that routers of other schemas are not woken
        String channel = "call_router_inbox" + (schema.isBlank() ? "" : "_" + schema.strip());
        return new Inbox(sql, new Inbox.Policy(Duration.ofSeconds(lease), retry(settings, "router.inbox.")), channel);
    }

    /** Wakes the inbox workers when webhooks are stored. */
    @BindToRegistry(value = "inboxWakeup", lazy = true)
    public Wakeup inboxWakeup(CamelContext context) {
        return new Wakeup(context, Wakeup.INBOX);
    }

    /** Webhooks first: while a burst queues for intake, processing takes a share and catches up after it. */
    @BindToRegistry(value = "intakeFirst", lazy = true)
    public GiveWay intakeFirst(InboxWriter writer, @BeanInject("inboxWakeup") Wakeup inboxWakeup,
            @PropertyInject("router.inbox.share-while-busy-ms") long share) {
        return new GiveWay(writer::busy, Duration.ofMillis(share), inboxWakeup);
    }

    /** Whether inbox processing has a backlog: the sinks give way to the call log while it has. */
    @BindToRegistry(value = "inboxBacklog", lazy = true)
    public InboxBacklog inboxBacklog() {
        return new InboxBacklog();
    }

    @BindToRegistry(value = "normalizer", lazy = true)
    public Normalizer normalizer(@BeanInject("vendorWebhooks") Map<String, VendorWebhook> webhooks) {
        return new Normalizer(webhooks);
    }

    /** The sinks' work queue: the actions of each event, for the sinks that are configured. */
    @BindToRegistry(value = "deliveries", lazy = true)
    public Deliveries deliveries(Sql sql, Inbox inbox, Settings settings,
            @BeanInject("salesforceOrgLogins") Map<String, SalesforceLogin> salesforce, SlackChannel slack,
            @PropertyInject("router.delivery.lease-seconds") long lease,
            @BeanInject("instanceId") String owner, RouterMetrics metrics) {
        Map<String, Retry> configuredSinks = new HashMap<>();
        salesforce.forEach((sink, login) -> {
            if (login.enabled()) {
                configuredSinks.put(sink, retry(settings, "router.salesforce."));
            }
        });
        configuredSinks.put("mail", retry(settings, "router.mail.")); // SMTP, or the .eml outbox: always somewhere
        if (slack.enabled()) {
            configuredSinks.put(SlackChannel.SINK, retry(settings, "router.slack."));
        }
        Deliveries deliveries = new Deliveries(sql, inbox::events, configuredSinks, Duration.ofSeconds(lease), owner,
                metrics);
        deliveries.setAlertChannels(slack::channels);
        if (salesforce.values().stream().anyMatch(SalesforceLogin::enabled)) {
            deliveries.setAftermath(new UnrecordedOptOuts());
        }
        return deliveries;
    }

    @BindToRegistry(value = "inboxProcessing", lazy = true)
    public InboxProcessing inboxProcessing(CamelContext context, Sql sql, Inbox inbox, Normalizer normalizer,
            Deliveries deliveries, CallLogSink callLog, @BeanInject("instanceId") String owner,
            @PropertyInject("router.inbox.batch-size") int batchSize,
            @BeanInject("sinkWakeups") Map<String, Wakeup> sinkWakeups,
            @BeanInject("intakeFirst") GiveWay intakeFirst, InboxBacklog backlog, RouterMetrics metrics) {
        return new InboxProcessing(sql, new InboxProcessing.Claims(inbox, owner, batchSize, intakeFirst, backlog),
                normalizer, new InboxProcessing.Outputs(callLog, deliveries, sinkWakeups), context, metrics);
    }

    @BindToRegistry(value = "inboxReprocessing", lazy = true)
    public InboxReprocessing inboxReprocessing(CamelContext context, Sql sql, Inbox inbox,
            @BeanInject("instanceId") String owner, @PropertyInject("router.inbox.batch-size") int batchSize) {
        return new InboxReprocessing(sql, inbox, owner, batchSize, context);
    }

    @BindToRegistry(value = "payloadRetention", lazy = true)
    public PayloadRetention payloadRetention(Sql sql, @PropertyInject("router.retention.payload-days") int days) {
        return new PayloadRetention(sql, days);
    }

    /** This instance's heartbeat, and the claims of silent instances it takes back. */
    @BindToRegistry(value = "liveness", lazy = true)
    public Liveness liveness(Sql sql, @BeanInject("instanceId") String owner, Inbox inbox, Deliveries deliveries,
            @PropertyInject("router.instance.heartbeat-timeout-seconds") long timeout) {
        return new Liveness(sql, owner, Duration.ofSeconds(timeout), List.of(inbox.queue(), deliveries.queue()));
    }

    /** The entries of the sink routes ({@code direct:sink-*}): what a routing rule asks of each sink. */
    @BindToRegistry(value = "sinkRequests", lazy = true)
    public SinkRequests sinkRequests(SalesforceOrgs orgs) {
        return new SinkRequests(orgs);
    }

    /** A queue's retry policy: {@code <prefix>first-retry-seconds}, {@code max-retry-seconds}, {@code max-attempts}. */
    static Retry retry(Settings settings, String prefix) {
        return new Retry(Duration.ofSeconds(settings.number(prefix + "first-retry-seconds")),
                Duration.ofSeconds(settings.number(prefix + "max-retry-seconds")),
                settings.integer(prefix + "max-attempts"));
    }
}
