package org.calloutcome.router.sink.mail;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.Delivery;
import org.calloutcome.router.normalize.Normalizer;

/**
 * Turns claimed alert deliveries into mails. Alerts to one recipient are sent one by one until more than
 * {@code threshold} would reach them within {@code window}; then the pending ones go as one digest instead of a flood.
 * The window is counted in memory: after a restart it starts empty.
 */
public final class MailWork {
    private final Normalizer normalizer;
    private final Deliveries deliveries;
    private final Alerts alerts;
    private final int threshold;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recentlySent = new ConcurrentHashMap<>();

    public MailWork(Normalizer normalizer, Deliveries deliveries, Alerts alerts, int threshold, Duration window,
            Clock clock) {
        this.normalizer = normalizer;
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.threshold = threshold;
        this.window = window;
        this.clock = clock;
    }

    public List<AlertMail> mails(List<Delivery> claimed) throws SQLException {
        Map<String, List<Delivery>> byRecipient = new LinkedHashMap<>();
        Map<Delivery, Map<String, Object>> views = new LinkedHashMap<>();
        for (Delivery delivery : claimed) {
            try {
                Map<String, Object> view = alerts.alert(normalizer.event(delivery), delivery.rule());
                views.put(delivery, view);
                byRecipient.computeIfAbsent((String) view.get("to"), to -> new ArrayList<>()).add(delivery);
            } catch (Exception e) {
                deliveries.failed(delivery, e);
            }
        }
        List<AlertMail> mails = new ArrayList<>();
        byRecipient.forEach((to, pending) -> {
            if (pending.size() > 1 && sentWithin(to) + pending.size() > threshold) {
                List<Map<String, Object>> items = pending.stream().map(views::get).toList();
                mails.add(new AlertMail(pending, alerts.digest(to, items), true));
            } else {
                pending.forEach(d -> mails.add(new AlertMail(List.of(d), views.get(d), false)));
            }
        });
        return mails;
    }

    public void sent(AlertMail mail, String result) throws SQLException {
        Deque<Instant> sent = recentlySent.computeIfAbsent((String) mail.view().get("to"), to -> new ArrayDeque<>());
        synchronized (sent) {
            sent.addLast(clock.instant());
        }
        for (Delivery delivery : mail.deliveries()) {
            deliveries.done(delivery, mail.digest() ? result + " (digest of " + mail.deliveries().size() + ")" : result);
        }
    }

    public void failed(AlertMail mail, Exception failure) throws SQLException {
        for (Delivery delivery : mail.deliveries()) {
            deliveries.failed(delivery, failure);
        }
    }

    private int sentWithin(String to) {
        Deque<Instant> sent = recentlySent.getOrDefault(to, new ArrayDeque<>());
        synchronized (sent) {
            Instant since = clock.instant().minus(window);
            while (!sent.isEmpty() && sent.peekFirst().isBefore(since)) {
                sent.pollFirst();
            }
            return sent.size();
        }
    }
}
