package org.calloutcome.router.queue;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;

/**
 * Wakes the workers of one queue (the inbox, a sink) now, instead of at their next scan. A worker woken finds work
 * ready; wakeups while all are busy are coalesced: the queue holds at most one per worker.
 */
public final class Wakeup implements Runnable {
    public static final Wakeup NONE = new Wakeup(null, null);

    private final CamelContext context;
    private final String endpoint;
    private volatile ProducerTemplate producer;
    private volatile Endpoint target;

    public Wakeup(CamelContext context, String endpoint) {
        this.context = context;
        this.endpoint = endpoint;
    }

    /**
     * The seda endpoint a queue's workers consume ({@code workers}: a number or a property placeholder); a wake-up is
     * dropped when every worker already has one waiting.
     */
    private static String endpoint(String queue, String workers) {
        return "seda:" + queue + "?size=" + workers + "&concurrentConsumers=" + workers + "&discardWhenFull=true";
    }

    /** Wakes the inbox workers. */
    public static final String INBOX = endpoint("inbox-work", "{{router.inbox.workers}}");
    /** Wakes a sink's worker (one per instance, so that a call's actions stay in order). */
    public static String sink(String sink) {
        return endpoint(sink + "-work", "1");
    }

    @Override
    public void run() {
        if (endpoint == null || !context.getStatus().isStarted()) {
            return;
        }
        if (producer == null) {
            // resolved once: a wake-up follows every commit, and resolving the URI's placeholders each time shows
            target = context.getEndpoint(endpoint);
            producer = context.createProducerTemplate();
        }
        producer.sendBody(target, null);
    }
}
