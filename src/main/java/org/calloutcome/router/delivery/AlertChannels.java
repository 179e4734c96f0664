package org.calloutcome.router.delivery;

import java.util.List;

/**
 * The sinks an alert rule's alert goes to: a request of the {@code mail} sink stands for an alert, which is stored
 * once for each channel the rule names (mail, Slack), each with its own retries and DEAD state.
 */
public interface AlertChannels {
    /** The alert sink every routing rule and aftermath asks. */
    String ALERTS = "mail";

    List<String> of(String rule);

    AlertChannels MAIL = rule -> List.of(ALERTS);
}
