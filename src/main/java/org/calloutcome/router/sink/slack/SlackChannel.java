package org.calloutcome.router.sink.slack;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.component.slack.SlackComponent;
import org.calloutcome.router.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second channel for alerts: a Slack incoming webhook ({@code SLACK_WEBHOOK_URL}), through camel-slack. The URL is
 * a secret (whoever has it can post to the channel): it is handed to the component here, never written into an
 * endpoint URI or a log line. Each alert rule goes to mail and Slack unless {@code router.alerts.channels.<rule>}
 * names fewer.
 */
public record SlackChannel(boolean enabled, Settings settings) {
    private static final Logger LOG = LoggerFactory.getLogger(SlackChannel.class);
    public static final String SINK = "slack";
    /** Plain http only to this machine (a relay beside the router). */
    private static final java.util.regex.Pattern LOCAL = java.util.regex.Pattern.compile(
            "http://(localhost|127\\.0\\.0\\.1)[:/]");

    public static SlackChannel configure(CamelContext context, Settings settings) {
        Optional<String> url = settings.get("router.slack.webhook-url");
        if (url.isEmpty()) {
            return new SlackChannel(false, settings);
        }
        if (!url.get().startsWith("https://") && !LOCAL.matcher(url.get()).lookingAt()) {
            throw new IllegalStateException("SLACK_WEBHOOK_URL (router.slack.webhook-url) is not an https:// address");
        }
        context.getComponent("slack", SlackComponent.class).setWebhookUrl(url.get());
        LOG.info("Alerts also go to Slack (an incoming webhook)");
        return new SlackChannel(true, settings);
    }

    /** The channels an alert rule goes to: {@code router.alerts.channels.<rule>}, by default mail and Slack. */
    public List<String> channels(String rule) {
        List<String> channels = List.of(settings.get("router.alerts.channels." + rule).orElse("mail,slack")
                .toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        return enabled ? channels : channels.stream().filter(c -> !c.equals(SINK)).toList();
    }
}
