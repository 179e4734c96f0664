package org.calloutcome.router.compliance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Tags;
import org.calloutcome.router.delivery.AlertChannels;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.DeliveryRequest;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.queue.Wakeup;
import org.calloutcome.router.store.Sql;

/**
 * Watches the deadline of every opt-out not recorded yet: halfway to it, the compliance recipients are told once (mail,
 * and Slack where configured), and once more a day before it; the metrics count those not recorded by state and age.
 * Every instance watches; an alert is one delivery whoever asks for it first (its key), so it is sent once.
 */
public final class OptOutWatch {
    /** The alert rules: halfway to the deadline, and a day before it. */
    public static final String HALF = "opt-out-deadline-half";
    public static final String NEAR = "opt-out-deadline-near";
    /** Opt-outs older than this are past any deadline and warned about already: not looked at again. */
    private static final Duration LOOK_BACK = Duration.ofDays(45);

    private final OptOutLedger ledger;
    private final Sql sql;
    private final Deliveries deliveries;
    private final RouterMetrics metrics;
    private final Wakeup mail;
    private final Clock clock;

    public OptOutWatch(OptOutLedger ledger, Sql sql, Deliveries deliveries, RouterMetrics metrics, Wakeup mail,
            Clock clock) {
        this.ledger = ledger;
        this.sql = sql;
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.mail = mail;
        this.clock = clock;
    }

    /** One look at the opt-outs not recorded: the alerts their deadlines call for, and the metrics. */
    public void check() throws Exception {
        Instant now = clock.instant();
        Map<Tags, Long> counts = new LinkedHashMap<>();
        for (String state : List.of(OptOutLedger.PENDING, OptOutLedger.NOT_RECORDED)) {
            for (String age : List.of("before_half", "past_half", "past_deadline")) {
                counts.put(Tags.of("state", state.toLowerCase(Locale.ROOT), "age", age), 0L);
            }
        }
        List<DeliveryRequest> alerts = new ArrayList<>();
        ledger.each(new OptOutLedger.Filter(now.minus(LOOK_BACK), now, null, null, null), entry -> {
            String state = (String) entry.get("state");
            if (!state.equals(OptOutLedger.PENDING) && !state.equals(OptOutLedger.NOT_RECORDED)) {
                return;
            }
            Instant heard = Instant.parse((String) entry.get("heardAt"));
            Instant deadline = Instant.parse((String) entry.get("deadline"));
            Instant half = heard.plus(Duration.between(heard, deadline).dividedBy(2));
            String age = !now.isBefore(deadline) ? "past_deadline" : !now.isBefore(half) ? "past_half" : "before_half";
            counts.merge(Tags.of("state", state.toLowerCase(Locale.ROOT), "age", age), 1L, Long::sum);
            if (!now.isBefore(half)) {
                alerts.add(new DeliveryRequest(event(entry), AlertChannels.ALERTS, HALF));
            }
            if (!now.isBefore(deadline.minus(Duration.ofDays(1)))) {
                alerts.add(new DeliveryRequest(event(entry), AlertChannels.ALERTS, NEAR));
            }
        });
        metrics.optOutsUnrecorded(counts);
        if (!alerts.isEmpty() && sql.inTransaction(() -> deliveries.insert(alerts)).added() > 0) {
            mail.run();
        }
    }

    /** The call (or sequence) an entry is about, as an alert names it; its alert reads the stored event. */
    private static CallEvent event(Map<String, Object> entry) {
        CallEvent event = new CallEvent().setVendor((String) entry.get("vendor")).setAccount((String) entry.get("account"));
        event.setEventId((String) entry.get("eventId"));
        if ("sequence".equals(entry.get("kind"))) {
            event.setEventKind(EventKind.SEQUENCE_ENDED).setSequenceId((String) entry.get("vendorCallId"));
        } else {
            event.setEventKind(EventKind.CALL_ENDED).setVendorCallId((String) entry.get("vendorCallId"));
        }
        return event;
    }
}
