package org.calloutcome.router.sink.slack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.Delivery;
import org.calloutcome.router.queue.GiveWay;
import org.calloutcome.router.sink.mail.AlertViews;

/**
 * Book-keeping of the Slack channel: claims its alerts, renders each as a message, records each post. Slack's
 * incoming webhooks answer {@code ok} (200), or an error in the body ("Sending messages using incoming webhooks",
 * Handling errors): a hook that is revoked or whose channel is gone ({@code no_service}, {@code invalid_token},
 * {@code channel_not_found}, {@code channel_is_archived}, {@code action_prohibited}, and any 404 or 410) will never
 * take the alert: DEAD at once, which the operations alerts report; a rate limit (429) or a server error is retried.
 */
public final class SlackWork {
    /** Exchange property of the {@code deliver-slack} route: the post being sent. */
    public static final String POST = "slackPost";
    private static final int BATCH = 20;
    private static final Pattern ANSWER = Pattern.compile("code=(\\d+).*body=([^,)]*)");
    private static final Set<String> REFUSED = Set.of("no_service", "invalid_token", "channel_not_found",
            "channel_is_archived", "action_prohibited", "posting_to_general_channel_denied", "no_team",
            "team_disabled", "invalid_payload", "user_not_found", "no_service_id");

    /** One alert to post: its delivery and its message text. */
    public record Post(Delivery delivery, String text) {
    }

    private final Deliveries deliveries;
    private final AlertViews views;
    private final GiveWay callLogFirst;

    public SlackWork(Deliveries deliveries, AlertViews views, GiveWay callLogFirst) {
        this.deliveries = deliveries;
        this.views = views;
        this.callLogFirst = callLogFirst;
    }

    public List<Post> claim() throws Exception {
        int claimable = callLogFirst.claimable(BATCH);
        if (claimable == 0) {
            return List.of();
        }
        List<Post> posts = new ArrayList<>();
        for (Map.Entry<Delivery, Map<String, Object>> view
                : views.of(deliveries.claim(SlackChannel.SINK, claimable)).entrySet()) {
            posts.add(new Post(view.getKey(), SlackPosts.text(view.getValue())));
        }
        return posts;
    }

    public void sent(@ExchangeProperty(POST) Post post) throws Exception {
        deliveries.done(List.of(post.delivery()), "posted to Slack");
    }

    public void failed(@ExchangeProperty(POST) Post post, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure)
            throws Exception {
        Matcher answer = ANSWER.matcher(String.valueOf(failure.getMessage()));
        if (answer.find()) {
            int status = Integer.parseInt(answer.group(1));
            String error = answer.group(2).strip();
            if (status == 404 || status == 410 || (status < 500 && status != 429 && REFUSED.contains(error))) {
                deliveries.dead(List.of(post.delivery()), "Slack refused the webhook: " + status + " " + error
                        + " (the hook is revoked or its channel is gone: set a new SLACK_WEBHOOK_URL, then replay)");
                return;
            }
            // a rate limit (429) or Slack's own trouble: retried after a backoff (camel-slack does not pass
            // Retry-After on, so the sink's own backoff applies)
            deliveries.failed(List.of(post.delivery()), new IllegalStateException("Slack answered " + status + " "
                    + error));
            return;
        }
        deliveries.failed(List.of(post.delivery()), failure);
    }
}
