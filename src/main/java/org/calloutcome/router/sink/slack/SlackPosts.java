package org.calloutcome.router.sink.slack;

import java.util.Map;

import org.calloutcome.router.sink.mail.Alerts;

/**
 * An alert as a Slack message: the same facts as its mail, masked the same way (never a full number or a transcript),
 * in Slack's mrkdwn, with {@code &}, {@code <} and {@code >} escaped as Slack's "Formatting text for app surfaces"
 * asks; only http and https addresses become links, any other stays text.
 */
final class SlackPosts {
    private SlackPosts() {
    }

    /** The message text of an alert's view (see {@link Alerts#alert}). */
    @SuppressWarnings("unchecked")
    static String text(Map<String, Object> view) {
        StringBuilder text = new StringBuilder("*").append(escape(String.valueOf(view.get("subject")))).append("*\n");
        text.append(escape(String.valueOf(view.get("facts")))).append('\n');
        for (String section : new String[] {"actionText", "summaryText"}) {
            String value = String.valueOf(view.getOrDefault(section, "")).strip();
            if (!value.isEmpty()) {
                text.append('\n').append(escape(value)).append('\n');
            }
        }
        StringBuilder links = new StringBuilder();
        ((Map<String, String>) view.getOrDefault("links", Map.of())).forEach((label, url) -> {
            if (url != null && !url.isBlank()) {
                links.append(links.isEmpty() ? "" : " · ").append(Alerts.linkable(url)
                        ? "<" + url.strip().replace("|", "%7C").replace(">", "%3E") + "|" + escape(label) + ">"
                        : escape(label) + ": " + escape(url));
            }
        });
        if (!links.isEmpty()) {
            text.append('\n').append(links).append('\n');
        }
        return text.toString().strip();
    }

    /** An operations alert (see {@code PipelineIncidents}): its subject and text. */
    static String operations(Map<?, ?> alert) {
        return "*" + escape(String.valueOf(alert.get("subject"))) + "*\n" + escape(String.valueOf(alert.get("text")))
                .strip();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
