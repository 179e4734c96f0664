package org.calloutcome.router.observe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.calloutcome.router.store.Sql;

/**
 * The router's own metrics, served in Prometheus format at {@code /observe/metrics}: counters of what this instance
 * did, and gauges of the shared tables (backlog, oldest waiting event, unfinished and dead work), read from the database
 * every {@code router.metrics.refresh-ms} so that every instance reports the same. Labels name vendors, sinks, actions
 * and states, never a call, a number or a person.
 */
public final class RouterMetrics {
    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

    private final MeterRegistry registry;
    private final Sql sql;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeSeconds = new AtomicLong();
    /** Each org's API allocation: used, limit, available (tag {@code org}: {@code default} or its name). */
    private final Map<String, AtomicLong[]> apiByOrg = new ConcurrentHashMap<>();
    private final MultiGauge inboxByState;
    private final MultiGauge deliveriesByState;
    private final Timer processing;
    private final MultiGauge optOutsUnrecorded;
    private final Timer optOutRecorded;
    private final Map<String, AtomicLong> reconciledUntil = new ConcurrentHashMap<>();
    /** Counters by name and tags, found again without building their id on every webhook. */
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();
    /** The sink work series the rules can produce, reported at 0 while the tables hold none of them. */
    private volatile List<Tags> deliverySeries = List.of();
    private static final List<String> INBOX_STATES = List.of("RECEIVED", "PROCESSING", "FAILED", "DEAD");
    private static final List<String> DELIVERY_STATES = List.of("PENDING", "PROCESSING", "FAILED", "SKIPPED", "DEAD");

    public RouterMetrics(MeterRegistry registry, Sql sql) {
        this.registry = registry;
        this.sql = sql;
        Gauge.builder("router.inbox.backlog", backlog, AtomicLong::get)
                .description("Accepted webhooks not processed yet (all instances)").register(registry);
        Gauge.builder("router.inbox.oldest.age", oldestAgeSeconds, AtomicLong::get).baseUnit("seconds")
                .description("Age of the oldest accepted webhook not processed yet").register(registry);
        salesforceOrg("default");
        inboxByState = MultiGauge.builder("router.inbox.events")
                .description("Inbox rows by state (all instances); DEAD ones wait for an operator").register(registry);
        deliveriesByState = MultiGauge.builder("router.deliveries")
                .description("Sink work by sink, action and state (all instances); DONE ones are not counted")
                .register(registry);
        processing = Timer.builder("router.event.processing")
                .description("From a webhook's arrival to its event's processing (call log written, sinks' work queued)")
                .register(registry);
        optOutsUnrecorded = MultiGauge.builder("router.opt.outs.unrecorded")
                .description("Opt-outs heard and not recorded in Salesforce, by state (pending, not_recorded) and age"
                        + " against their deadline (before_half, past_half, past_deadline)").register(registry);
        optOutRecorded = Timer.builder("router.opt.out.record")
                .description("From the end of a call with an opt-out to Salesforce recording it")
                .serviceLevelObjectives(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1),
                        Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7),
                        Duration.ofDays(14))
                .register(registry);
    }

    /**
     * A webhook's answer ({@code accepted}, {@code duplicate}, {@code ignored}, or {@code refused} with its error), by
     * vendor, account and the credential that verified it (current, previous, none).
     */
    public void webhook(String vendor, String account, String credential, String answer, String reason) {
        webhookCounter(vendor, account, credential, answer, reason).increment();
    }

    private Counter webhookCounter(String vendor, String account, String credential, String answer, String reason) {
        return counter("router.webhooks", "Webhooks by vendor, account, credential and answer", "vendor",
                vendor == null ? "unknown" : vendor, "account", account, "credential", credential, "answer", answer,
                "reason", reason);
    }

    public void processed(Instant receivedAt) {
        if (receivedAt != null) {
            processing.record(Duration.between(receivedAt, Instant.now()).abs());
        }
    }

    /** Sink work finished by this instance: {@code done}, {@code dead}, {@code failed} (to be retried). */
    public void finished(String sink, String action, String result, int count) {
        counter("router.deliveries.finished", "Sink work finished by this instance", "sink", sink, "action", action,
                "result", result).increment(count);
    }

    /** Calls reconciliation listed: {@code known} (their webhook came), {@code stored} (it never did), {@code failed}. */
    public void reconciled(String vendor, String account, String result, int count) {
        counter("router.reconcile.calls", "Calls the platforms' APIs listed, by what reconciliation did with them",
                "vendor", vendor, "account", account, "result", result).increment(count);
    }

    /** The end of a platform's last complete window: every call that ended before it is in the inbox. */
    public void reconciledUntil(String vendor, String account, Instant until) {
        reconciledUntil.computeIfAbsent(vendor + "/" + account, key -> {
            AtomicLong seconds = new AtomicLong();
            Gauge.builder("router.reconcile.window.end", seconds, AtomicLong::get).baseUnit("seconds")
                    .description("End of the last complete reconciliation window (epoch seconds)")
                    .tags("vendor", vendor, "account", account).register(registry);
            return seconds;
        }).set(until.getEpochSecond());
    }

    public void mail(String result) {
        mailCounter(result).increment();
    }

    private Counter mailCounter(String result) {
        return counter("router.mails", "Alert mails (and digests) sent or failed", "result", result);
    }

    private Counter counter(String name, String description, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(List.of(tags));
        return counters.computeIfAbsent(key, k -> Counter.builder(name).description(description).tags(tags)
                .register(registry));
    }

    /**
     * Every series an alert or a {@code rate()} reads, at 0 from the start rather than from its first event (as the
     * Prometheus instrumentation guidelines ask): each vendor account's answers, each sink action's results and
     * states, each reconciled account's results, the mails.
     *
     * @param accounts the accounts of each vendor ({@code default} first)
     * @param actions the actions the routing rules ask of each sink
     * @param reconciled the vendor and account of each reconciliation
     */
    public void startAtZero(Map<String, List<String>> accounts, Map<String, ? extends java.util.Collection<String>>
            actions, List<List<String>> reconciled) {
        accounts.forEach((vendor, names) -> names.forEach(account -> {
            for (String answer : List.of("accepted", "duplicate", "ignored")) {
                webhookCounter(vendor, account, "current", answer, "none");
            }
            webhookCounter(vendor, account, "previous", "accepted", "none");
            webhookCounter(vendor, account, "none", "refused", "invalid_signature");
        }));
        List<Tags> series = new ArrayList<>();
        actions.forEach((sink, names) -> names.forEach(action -> {
            for (String result : List.of("done", "failed", "dead")) {
                finished(sink, action, result, 0);
            }
            DELIVERY_STATES.forEach(state -> series.add(Tags.of("sink", sink, "action", action, "state", state)));
        }));
        deliverySeries = series;
        reconciled.forEach(pair -> List.of("known", "stored", "failed")
                .forEach(result -> reconciled(pair.get(0), pair.get(1), result, 0)));
        mailCounter("sent");
        mailCounter("failed");
    }

    /**
     * Reads {@code Sforce-Limit-Info: api-usage=25/15000}; true when the router's share of the allocation, all but
     * {@code reservePercent} of it, is used up.
     */
    public boolean salesforceApiUsage(String org, String limitInfo, int reservePercent) {
        Matcher usage = limitInfo == null ? null : API_USAGE.matcher(limitInfo);
        if (usage != null && usage.find()) {
            long used = Long.parseLong(usage.group(1));
            long limit = Long.parseLong(usage.group(2));
            AtomicLong[] api = salesforceOrg(org);
            api[0].set(used);
            api[1].set(limit);
            long available = Math.max(0, limit - limit * reservePercent / 100 - used);
            api[2].set(available);
            return available == 0;
        }
        return false;
    }

    /** An org's allocation gauges (-1 until its first answer), registered once. */
    public AtomicLong[] salesforceOrg(String org) {
        return apiByOrg.computeIfAbsent(org, name -> {
            AtomicLong[] api = {new AtomicLong(-1), new AtomicLong(-1), new AtomicLong(-1)};
            Tags tags = Tags.of("org", name);
            Gauge.builder("router.salesforce.api.usage", api[0], AtomicLong::get).tags(tags)
                    .description("Salesforce API requests used in the org's 24-hour allocation (Sforce-Limit-Info)")
                    .register(registry);
            Gauge.builder("router.salesforce.api.limit", api[1], AtomicLong::get).tags(tags)
                    .description("The org's 24-hour Salesforce API allocation").register(registry);
            Gauge.builder("router.salesforce.api.available", api[2], AtomicLong::get).tags(tags)
                    .description("Salesforce API requests the router may still use before it pauses, leaving the"
                            + " share router.salesforce.api-reserve-percent to the org's other integrations")
                    .register(registry);
            return api;
        });
    }

    /** The opt-outs not recorded, counted by state and age (the opt-out watch reads them from the ledger). */
    public void optOutsUnrecorded(Map<Tags, Long> counts) {
        optOutsUnrecorded.register(counts.entrySet().stream()
                .map(e -> MultiGauge.Row.of(e.getKey(), e.getValue())).toList(), true);
    }

    /** An opt-out recorded this long after its call ended. */
    public void optOutRecorded(Duration sinceHeard) {
        optOutRecorded.record(sinceHeard.isNegative() ? Duration.ZERO : sinceHeard);
    }

    /** Reads the shared tables' figures (a timer route calls it). */
    public void refresh() throws Exception {
        List<Object[]> waiting = sql.query("SELECT COUNT(*), MIN(received_at) FROM inbox"
                + " WHERE status IN ('RECEIVED', 'PROCESSING', 'FAILED')",
                row -> new Object[] {row.getLong(1), row.getTimestamp(2)});
        backlog.set((Long) waiting.get(0)[0]);
        java.sql.Timestamp oldest = (java.sql.Timestamp) waiting.get(0)[1];
        oldestAgeSeconds.set(oldest == null ? 0
                : Math.max(0, Duration.between(oldest.toInstant(), Instant.now()).toSeconds()));

        Map<Tags, Long> inbox = new java.util.LinkedHashMap<>();
        INBOX_STATES.forEach(state -> inbox.put(Tags.of("state", state), 0L));
        sql.query("SELECT status, COUNT(*) FROM inbox"
                + " WHERE status IN ('RECEIVED', 'PROCESSING', 'FAILED', 'DEAD') GROUP BY status",
                row -> inbox.put(Tags.of("state", row.getString(1)), row.getLong(2)));
        inboxByState.register(rows(inbox), true);

        Map<Tags, Long> deliveries = new java.util.LinkedHashMap<>();
        deliverySeries.forEach(tags -> deliveries.put(tags, 0L));
        sql.query("SELECT sink, rule, status, COUNT(*) FROM delivery"
                + " WHERE status IN ('PENDING', 'PROCESSING', 'FAILED', 'SKIPPED', 'DEAD') GROUP BY sink, rule, status",
                row -> deliveries.put(Tags.of("sink", row.getString(1), "action", row.getString(2),
                        "state", row.getString(3)), row.getLong(4)));
        deliveriesByState.register(rows(deliveries), true);
    }

    private static List<MultiGauge.Row<?>> rows(Map<Tags, Long> counts) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((tags, count) -> rows.add(MultiGauge.Row.of(tags, count)));
        return rows;
    }
}
