package org.calloutcome.router.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.camel.Exchange;

/**
 * One account's webhook secret or token, read from configuration (and so from its environment variable), with the
 * value it replaces while a rotation is under way ({@code <key>-previous}, {@code <VARIABLE>_PREVIOUS}): a request
 * verified by either is accepted, and the exchange says which ({@link #MATCHED}: current, previous, none). An account
 * with no credential is refused, unless {@code router.<vendor>.open=true} says it may post unauthenticated (trials).
 */
public record WebhookCredential(String vendor, String account, String envVar, Optional<String> secret,
        Optional<String> previous, boolean open) {
    /** The exchange property naming the credential that verified the request. */
    public static final String MATCHED = "credential";

    /**
     * Accepts the request when {@code check} passes with the current secret or, failing that, the previous one;
     * {@code check} throws a {@link WebhookRejection} when a secret does not verify it. The rejection answered is the
     * one that says most: a stale timestamp signed with the previous secret says more than a mismatch with the current.
     */
    public void verify(Exchange exchange, Consumer<String> check) {
        List<String[]> candidates = new ArrayList<>();
        secret.ifPresent(value -> candidates.add(new String[] {"current", value}));
        previous.ifPresent(value -> candidates.add(new String[] {"previous", value}));
        if (candidates.isEmpty()) {
            if (!open) {
                throw WebhookRejection.unauthorized("not_configured", "no webhook credential is configured for "
                        + vendor + ("default".equals(account) ? "" : " account " + account) + ": set " + envVar
                        + " (or router." + vendor + ".open=true for local trials)");
            }
            exchange.setProperty(MATCHED, "none");
            return;
        }
        WebhookRejection refused = null;
        for (String[] candidate : candidates) {
            try {
                check.accept(candidate[1]);
                exchange.setProperty(MATCHED, candidate[0]);
                return;
            } catch (WebhookRejection e) {
                if (refused == null || mismatch(refused) && !mismatch(e)) {
                    refused = e;
                }
            }
        }
        throw refused;
    }

    private static boolean mismatch(WebhookRejection rejection) {
        return "invalid_signature".equals(rejection.getError()) || "invalid_token".equals(rejection.getError());
    }

    /** Every secret this credential holds: the current one first. */
    public List<String> secrets() {
        List<String> all = new ArrayList<>();
        secret.ifPresent(all::add);
        previous.ifPresent(all::add);
        return all;
    }

    @Override
    public String toString() {
        return "WebhookCredential[" + vendor + "/" + account + ", " + (secret.isPresent() ? "configured"
                : open ? "open" : "none") + (previous.isPresent() ? ", previous" : "") + "]";
    }

    /** True when requests are accepted without checking anything: worth a warning at start. */
    public boolean unprotected() {
        return secret.isEmpty() && previous.isEmpty() && open;
    }
}
