package org.calloutcome.router.sink.slack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An alert as a Slack message, and which channels a rule's alerts take. */
class SlackPostsTest {

    @Test
    void onlyHttpAndHttpsAddressesBecomeLinksAndSlacksControlCharactersAreEscaped() {
        Map<String, String> links = new LinkedHashMap<>();
        links.put("Call in Vapi", "https://dashboard.vapi.ai/calls/c-1");
        links.put("Recording", "javascript:alert(1)");
        Map<String, Object> view = Map.of("subject", "[Opt-out] Vapi call · Ana <Ops> & co", "facts",
                "Customer:        +34 ••• ••• 0123", "actionText", "", "summaryText", "", "links", links);

        assertEquals("""
                *[Opt-out] Vapi call · Ana &lt;Ops&gt; &amp; co*
                Customer:        +34 ••• ••• 0123

                <https://dashboard.vapi.ai/calls/c-1|Call in Vapi> · Recording: javascript:alert(1)""",
                SlackPosts.text(view));
    }

    private static SlackChannel channel(boolean enabled, String... settings) {
        java.util.Map<String, String> channels = new java.util.HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            channels.put(settings[i].substring("router.alerts.channels.".length()), settings[i + 1]);
        }
        return new SlackChannel(enabled, channels);
    }

    @Test
    void aRuleGoesToMailAndSlackUnlessItsChannelsSayOtherwise() {
        SlackChannel slack = channel(true, "router.alerts.channels.escalation", "slack");
        assertEquals(List.of("mail", "slack"), slack.channels("opt-out"));
        assertEquals(List.of("slack"), slack.channels("escalation"));
        assertEquals(List.of("mail"), channel(false).channels("opt-out"), "without a webhook, mail alone");
    }
}
