package org.calloutcome.router.reconcile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.Logs;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.mapping.CallDirectory;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.mapping.VendorWebhook;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciliation with one platform: the calls its API lists as ended in a window are compared with the inbox, and a
 * call whose webhook never arrived is fetched and stored as if it had, under the webhook's own key (a webhook arriving
 * later is a duplicate, and every sink acts once). A poll takes the window from the watermark to now less the settle
 * time, holding a lease in the database so that one instance polls a platform at a time, and moves the watermark only
 * once the whole window is stored: a failed or interrupted poll is repeated, never skipped. Times are the database's.
 */
public final class Reconciler {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);

    /** How often to poll, how long webhooks get to arrive first, how far a first poll looks back, the lease. */
    public record Schedule(Duration interval, Duration settle, Duration lookback, Duration lease) {
    }

    /** What a window held: calls listed, already in the inbox, stored now, and those that could not be stored. */
    public record Outcome(int listed, int known, int stored, int failed) {
    }

    /**
     * The platform account polled: its calls' directory, the account (its calls are stored as that account's), the
     * webhook mapping that keys them, its API and the API key.
     */
    public record Polled(CallDirectory directory, String account, VendorWebhook webhook, PlatformApi api,
            String apiKey) {
    }

    /** Where found calls go: the inbox (through the database), and who to wake once they are stored. */
    public record Store(Sql sql, Inbox inbox, Runnable afterStore) {
    }

    private final Sql sql;
    private final Inbox inbox;
    private final CallDirectory directory;
    private final String account;
    private final VendorWebhook webhook;
    private final PlatformApi api;
    private final String credential;
    private final Schedule schedule;
    private final String owner;
    private final RouterMetrics metrics;
    private final Runnable afterStore;

    public Reconciler(Polled polled, Store store, Schedule schedule, String owner, RouterMetrics metrics) {
        this.sql = store.sql();
        this.inbox = store.inbox();
        this.afterStore = store.afterStore();
        this.directory = polled.directory();
        this.account = polled.account();
        this.webhook = polled.webhook();
        this.api = polled.api();
        this.credential = fingerprint(polled.apiKey());
        this.schedule = schedule;
        this.owner = owner;
        this.metrics = metrics;
    }

    public String vendor() {
        return directory.vendor();
    }

    public String account() {
        return account;
    }

    /** What this reconciliation is called in the database, logs and the admin API: {@code retell/clinic-a}. */
    public String name() {
        return name(vendor(), account);
    }

    public static String name(String vendor, String account) {
        return account == null || "default".equals(account) ? vendor : vendor + "/" + account;
    }

    public Schedule schedule() {
        return schedule;
    }

    /** One scheduled poll: the next window, if this instance gets the platform's lease and the platform may be asked. */
    public Optional<Outcome> poll() throws Exception {
        String vendor = name();
        if (!lease()) {
            return Optional.empty();
        }
        try {
            State state = state();
            if (state.notBefore() != null && state.now().isBefore(state.notBefore())
                    || credential.equals(state.refusedCredential())) {
                return Optional.empty();
            }
            Instant to = state.now().minus(schedule.settle());
            Instant from = state.watermark() != null ? state.watermark() : state.now().minus(schedule.lookback());
            if (!to.isAfter(from)) {
                return Optional.empty();
            }
            Outcome outcome = window(from, to);
            sql.update("UPDATE reconcile_window SET watermark = ?, completed_at = CURRENT_TIMESTAMP, last_error = ?,"
                    + " refused_credential = NULL WHERE vendor = ? AND leased_by = ?", utc(to), outcome.failed() == 0
                            ? null : outcome.failed() + " listed call(s) could not be fetched", vendor, owner);
            metrics.reconciledUntil(vendor(), account, to);
            if (outcome.stored() > 0 || outcome.failed() > 0) {
                LOG.warn("{}: {} call(s) of {} to {} had no webhook and were stored from its API ({} listed, {} could"
                        + " not be fetched)", vendor, outcome.stored(), from, to, outcome.listed(), outcome.failed());
            }
            return Optional.of(outcome);
        } catch (PlatformApiError e) {
            failed(e);
            return Optional.empty();
        } finally {
            sql.update("UPDATE reconcile_window SET leased_by = NULL, lease_until = NULL WHERE vendor = ?"
                    + " AND leased_by = ?", vendor, owner);
        }
    }

    /**
     * The calls that ended in [from, to): those the inbox lacks are fetched and stored. Leaves the watermark alone (an
     * operator's backfill, or one step of a poll).
     */
    public Outcome window(Instant from, Instant to) throws Exception {
        Set<String> listed = new LinkedHashSet<>();
        String cursor = null;
        do {
            CallDirectory.Page page = directory.page(api.send(directory.list(from, to, cursor)), from, to, cursor);
            listed.addAll(page.callIds());
            cursor = page.next();
        } while (cursor != null);
        List<String> eventIds = listed.stream().flatMap(id -> directory.eventIds(id).stream()).toList();
        Set<String> knownIds = inbox.known(vendor(), account == null ? "default" : account, EventKind.CALL_ENDED,
                eventIds);
        List<String> missing = listed.stream()
                .filter(id -> directory.eventIds(id).stream().noneMatch(knownIds::contains)).toList();
        int stored = 0;
        int failed = 0;
        for (String callId : missing) {
            JsonNode call;
            try {
                call = api.send(directory.get(callId));
            } catch (PlatformApiError e) {
                if (e.kind() != PlatformApiError.Kind.REFUSED) {
                    throw e; // the platform is out: the window is polled again
                }
                // one record the platform will not give (gone since it was listed) must not hold back the others
                LOG.error("{}: call {} was listed but its record was refused ({}); backfill its window to try again",
                        name(), Logs.safe(callId), Logs.safe(e.getMessage()));
                failed++;
                continue;
            }
            inbox.accept(List.of(submission(callId, call)));
            stored++;
        }
        if (stored > 0) {
            afterStore.run();
        }
        metrics.reconciled(vendor(), account, "known", listed.size() - missing.size());
        metrics.reconciled(vendor(), account, "stored", stored);
        metrics.reconciled(vendor(), account, "failed", failed);
        return new Outcome(listed.size(), listed.size() - missing.size(), stored, failed);
    }

    /**
     * The call as its webhook: mapped later like one. A record the mapping cannot identify is stored all the same under
     * the webhook's key, so that processing keeps it as a failed inbox row, with the platform's JSON, for an operator.
     */
    private Inbox.Submission submission(String callId, JsonNode call) {
        JsonNode payload = directory.asWebhook(call);
        EventKey key;
        try {
            key = webhook.identify(payload).orElse(null);
        } catch (RuntimeException e) {
            key = null;
        }
        if (key == null) {
            key = new EventKey(EventKind.CALL_ENDED, directory.eventIds(callId).get(0), "reconciled");
        }
        return new Inbox.Submission(vendor(), account, key, webhook.storable(payload).toString(), true);
    }

    private record State(Instant now, Instant watermark, Instant notBefore, String refusedCredential) {
    }

    private boolean lease() throws SQLException {
        try {
            sql.update("MERGE INTO reconcile_window t USING (SELECT CAST(? AS VARCHAR(100)) AS vendor) s"
                    + " ON t.vendor = s.vendor WHEN NOT MATCHED THEN INSERT (vendor) VALUES (s.vendor)", name());
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) { // another instance created the row at the same moment
                throw e;
            }
        }
        return sql.update("UPDATE reconcile_window SET leased_by = ?, lease_until = " + Sql.NOW_PLUS_SECONDS
                + " WHERE vendor = ? AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)", owner,
                schedule.lease().toSeconds(), name()) == 1;
    }

    private State state() throws SQLException {
        return sql.query("SELECT CURRENT_TIMESTAMP, watermark, not_before, refused_credential FROM reconcile_window"
                + " WHERE vendor = ?", row -> new State(instant(row.getObject(1, OffsetDateTime.class)),
                        instant(row.getObject(2, OffsetDateTime.class)),
                        instant(row.getObject(3, OffsetDateTime.class)), row.getString(4)), name()).get(0);
    }

    /** What the next poll does after a failed one: waits, waits for a new key, or repeats the window. */
    private void failed(PlatformApiError e) throws SQLException {
        switch (e.kind()) {
            case BUSY -> {
                LOG.warn("{} API: too many requests; the next poll waits {} s", name(), e.retryAfter().toSeconds());
                sql.update("UPDATE reconcile_window SET not_before = " + Sql.NOW_PLUS_SECONDS + ", last_error = ?"
                        + " WHERE vendor = ?", e.retryAfter().toSeconds(), e.getMessage(), name());
            }
            case REFUSED_KEY -> {
                LOG.error("{} API refused the API key ({}): reconciliation waits until the key changes", name(),
                        e.getMessage());
                sql.update("UPDATE reconcile_window SET refused_credential = ?, last_error = ? WHERE vendor = ?",
                        credential, e.getMessage(), name());
            }
            default -> {
                LOG.warn("{} API failed ({}): the window is polled again", name(), Retry.kind(e.getMessage()));
                sql.update("UPDATE reconcile_window SET last_error = ? WHERE vendor = ?", e.getMessage(), name());
            }
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** The key's SHA-256, shortened: enough to tell a new key from the refused one, never the key. */
    private static String fingerprint(String apiKey) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
