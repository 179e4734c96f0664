package org.calloutcome.router.sink;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.ProducerTemplate;
import org.calloutcome.router.sink.mail.MailServer;
import org.calloutcome.router.sink.slack.SlackChannel;

/**
 * Whether every alert channel delivers ({@code scripts/check-alerts.sh}, and the status page's "Check alert
 * channels"): logs in to the mail server (a token first, for OAuth), sends a test alert to the operations recipients,
 * posts one to Slack, and says for each channel in a line what happened, in the words of the token endpoint, the mail
 * server or Slack. Secrets (the password, the client secret, the token, the webhook URL) never appear.
 */
public final class AlertChannelsCheck {
    /** One channel's outcome: OK, NOTE (not configured) or FAIL, and what happened. */
    public record Line(String state, String text) {
        @Override
        public String toString() {
            return String.format("%-5s %s", state, text);
        }
    }

    private final MailServer mail;
    private final SlackChannel slack;
    private final ProducerTemplate template;
    private final Mailbox mailbox;

    /** The mail side's addresses: the outbox folder, the sender, the operations recipients. */
    public record Mailbox(String outbox, String from, String operations) {
    }

    public AlertChannelsCheck(MailServer mail, SlackChannel slack, ProducerTemplate template, Mailbox mailbox) {
        this.mail = mail;
        this.slack = slack;
        this.template = template;
        this.mailbox = mailbox;
    }

    /** Prints the lines; 0 when no channel failed. */
    public static int report(List<Line> lines, PrintStream out) {
        lines.forEach(out::println);
        boolean failed = lines.stream().anyMatch(line -> line.state().equals("FAIL"));
        out.println(failed ? "An alert channel does not deliver." : "Every configured alert channel delivered.");
        return failed ? 1 : 0;
    }

    public List<Line> run() {
        List<Line> lines = new ArrayList<>();
        lines.add(mail());
        lines.add(slack());
        return lines;
    }

    private Line mail() {
        if (!mail.smtp()) {
            return new Line("NOTE", "Mail: no SMTP server (SMTP_HOST): alerts are written to "
                    + mailbox.outbox() + " as .eml files");
        }
        String problem = mail.checkLogin();
        if (problem != null) {
            return new Line("FAIL", "Mail: " + problem);
        }
        String to = mailbox.operations();
        try {
            template.sendBodyAndHeaders(mail.endpoint(), "<p>A test alert from Call Outcome Router: alerts by mail"
                    + " reach this address.</p>", Map.of("Subject", "[Call Outcome Router] Test alert", "To", to,
                            "From", mailbox.from(), "Auto-Submitted", "auto-generated",
                            "CamelMailAlternativeBody", "A test alert from Call Outcome Router: alerts by mail reach"
                                    + " this address."));
            return new Line("OK", "Mail: a test alert was sent to " + to + " (" + mail.login().name().toLowerCase(
                    java.util.Locale.ROOT) + " login)");
        } catch (Exception refused) {
            return new Line("FAIL", "Mail: the server took the login but not the message (relay denied?): "
                    + rootMessage(refused));
        }
    }

    private Line slack() {
        if (!slack.enabled()) {
            return new Line("NOTE", "Slack: not configured (SLACK_WEBHOOK_URL)");
        }
        try {
            template.requestBody("slack:alerts", "*[Call Outcome Router] Test alert*\nAlerts reach this channel.");
            return new Line("OK", "Slack: a test alert was posted");
        } catch (Exception refused) {
            String said = rootMessage(refused);
            return new Line("FAIL", said.contains("code=404") || said.contains("code=410")
                    || said.contains("no_service") || said.contains("invalid_token")
                    ? "Slack: the webhook is revoked or its channel is gone (" + slackAnswer(said) + ")"
                    : "Slack: " + slackAnswer(said));
        }
    }

    /** camel-slack's "WebhookResponse(code=404, message=..., body=no_service)" as "404 no_service". */
    private static String slackAnswer(String said) {
        java.util.regex.Matcher answer = java.util.regex.Pattern.compile("code=(\\d+).*body=([^,)]*)").matcher(said);
        return answer.find() ? answer.group(1) + " " + answer.group(2).strip() : said;
    }

    private static String rootMessage(Throwable e) {
        Throwable last = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            last = t;
        }
        return String.valueOf(last.getMessage()).strip();
    }
}
