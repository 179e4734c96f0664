package org.calloutcome.router.sink.mail;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.calloutcome.router.Logs;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.Delivery;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.queue.GiveWay;
import org.calloutcome.router.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns claimed alert deliveries into mails. Alerts to one recipient are sent one by one until more than
 * {@code threshold} would reach them within {@code window}; then the pending ones go as one digest instead of a flood.
 * The window counts the mails every instance sent ({@code mail_sent}), by the database's clock.
 */
public final class MailWork {
    private static final Logger LOG = LoggerFactory.getLogger(MailWork.class);
    /** Exchange properties of the {@code deliver-mail} route: the mail, and what its templates show. */
    public static final String MAIL = "mail";
    public static final String ALERT = "alert";
    private static final int BATCH = 100;

    private final Sql sql;
    private final Deliveries deliveries;
    private final Alerts alerts;
    private final AlertViews views;
    private final int threshold;
    private final Duration window;
    private final RouterMetrics metrics;
    private final GiveWay callLogFirst;

    public MailWork(Sql sql, Deliveries deliveries, Alerts alerts, int threshold, Duration window,
            RouterMetrics metrics, GiveWay callLogFirst) {
        this.metrics = metrics;
        this.callLogFirst = callLogFirst;
        this.sql = sql;
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.views = new AlertViews(deliveries, alerts);
        this.threshold = threshold;
        this.window = window;
    }

    /** The mails for the alerts due now. */
    public List<AlertMail> claim() throws Exception {
        int claimable = callLogFirst.claimable(BATCH);
        return claimable == 0 ? List.of() : mails(deliveries.claim("mail", claimable));
    }

    List<AlertMail> mails(List<Delivery> claimed) throws Exception {
        Map<String, List<Delivery>> byRecipient = new LinkedHashMap<>();
        Map<Delivery, Map<String, Object>> views = this.views.of(claimed);
        views.forEach((delivery, view) -> byRecipient.computeIfAbsent((String) view.get("to"),
                to -> new ArrayList<>()).add(delivery));
        List<AlertMail> mails = new ArrayList<>();
        for (Map.Entry<String, List<Delivery>> entry : byRecipient.entrySet()) {
            List<Delivery> pending = entry.getValue();
            if (pending.size() > 1 && sentWithin(entry.getKey()) + pending.size() > threshold) {
                List<Map<String, Object>> items = pending.stream().map(views::get).toList();
                mails.add(new AlertMail(pending, alerts.digest(entry.getKey(), items), true));
            } else {
                pending.forEach(d -> mails.add(new AlertMail(List.of(d), views.get(d), false)));
            }
        }
        return mails;
    }

    public void sent(@ExchangeProperty(MAIL) AlertMail mail, @Body String result) throws Exception {
        String to = (String) mail.view().get("to");
        sql.update("INSERT INTO mail_sent (recipient, sent_at) VALUES (?, CURRENT_TIMESTAMP)", to);
        sql.update("DELETE FROM mail_sent WHERE recipient = ? AND sent_at < CURRENT_TIMESTAMP - "
                + "CAST(? AS INTEGER) * INTERVAL '1' SECOND", to, window.toSeconds());
        deliveries.done(mail.deliveries(),
                mail.digest() ? result + " (digest of " + mail.deliveries().size() + ")" : result);
        metrics.mail("sent");
        // once per mail: the rule and the call, never the subject (it names the customer)
        Delivery first = mail.deliveries().get(0);
        LOG.info("Alert {} for {}:{}{} {}", first.rule(), first.event().getVendor(), Logs.safe(first.event().subject()),
                mail.digest() ? " and " + (mail.deliveries().size() - 1) + " more (digest)" : "", result);
    }

    public void failed(@ExchangeProperty(MAIL) AlertMail mail,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) throws Exception {
        deliveries.failed(mail.deliveries(), failure);
        metrics.mail("failed");
    }

    private int sentWithin(String to) throws SQLException {
        return sql.query("SELECT COUNT(*) FROM mail_sent WHERE recipient = ? AND sent_at >= CURRENT_TIMESTAMP - "
                + "CAST(? AS INTEGER) * INTERVAL '1' SECOND", row -> row.getInt(1), to, window.toSeconds()).get(0);
    }
}
