package org.calloutcome.router.sink.slack;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.component.slack.SlackComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second channel for alerts: a Slack incoming webhook ({@code SLACK_WEBHOOK_URL}), through camel-slack. The URL is
 * a secret (whoever has it can post to the channel): it is handed to the component here, never written into an
 * endpoint URI or a log line. Each alert rule goes to mail and Slack unless {@code router.alerts.channels.<rule>}
 * names fewer.
 */
public record SlackChannel(boolean enabled, Map<String, String> channelsByRule) {
    private static final Logger LOG = LoggerFactory.getLogger(SlackChannel.class);
    public static final String SINK = "slack";
    /** Plain http only to this machine (a relay beside the router). */
    private static final java.util.regex.Pattern LOCAL = java.util.regex.Pattern.compile(
            "http://(localhost|127\\.0\\.0\\.1)[:/]");

    /**
     * @param webhookUrl     the incoming webhook (null: Slack off)
     * @param channelsByRule {@code router.alerts.channels.<rule>}: the channels of the rules that name theirs
     */
    public static SlackChannel configure(CamelContext context, String webhookUrl, Map<String, String> channelsByRule) {
        if (webhookUrl == null) {
            return new SlackChannel(false, channelsByRule);
        }
        if (!webhookUrl.startsWith("https://") && !LOCAL.matcher(webhookUrl).lookingAt()) {
            throw new IllegalStateException("SLACK_WEBHOOK_URL (router.slack.webhook-url) is not an https:// address");
        }
        context.getComponent("slack", SlackComponent.class).setWebhookUrl(webhookUrl);
        LOG.info("Alerts also go to Slack (an incoming webhook)");
        return new SlackChannel(true, channelsByRule);
    }

    /** The channels an alert rule goes to: {@code router.alerts.channels.<rule>}, by default mail and Slack. */
    public List<String> channels(String rule) {
        List<String> channels = List.of(channelsByRule.getOrDefault(rule, "mail,slack")
                .toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        return enabled ? channels : channels.stream().filter(c -> !c.equals(SINK)).toList();
    }
}
