package org.calloutcome.router.processing;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.calloutcome.router.admin.Reprocessor;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.mapping.InboxEntry;
import org.calloutcome.router.store.Sql;

/**
 * Processed events done again, a batch at a time, through the same {@code inbox-batch} route as new ones: normalized
 * with today's mapping, routed by today's rules, the call log row merged. Sink work asked for before is not asked
 * again (its key is taken), so a Task, a DoNotCall or an alert already done stays done, and only actions the new
 * outcome or a new rule asks for are queued. Each batch is claimed like new work, so an instance that dies midway
 * leaves it to the others.
 */
public final class InboxReprocessing implements Reprocessor {
    private final Sql sql;
    private final Inbox inbox;
    private final String owner;
    private final int batchSize;
    private final CamelContext context;
    private volatile ProducerTemplate producer;

    public InboxReprocessing(Sql sql, Inbox inbox, String owner, int batchSize, CamelContext context) {
        this.sql = sql;
        this.inbox = inbox;
        this.owner = owner;
        this.batchSize = batchSize;
        this.context = context;
    }

    @Override
    public Result reprocess(String where, Object... parameters) throws Exception {
        // rows processed again are PROCESSED once more: only those processed before this request are picked
        Timestamp started = sql.query("SELECT CURRENT_TIMESTAMP", row -> row.getTimestamp(1)).get(0);
        List<Object> picked = new ArrayList<>(Arrays.asList(parameters));
        picked.add(started);
        int events = 0;
        int failed = 0;
        int added = 0;
        while (true) {
            List<InboxEntry> claimed = inbox.claimProcessed(owner, batchSize, "(" + where + ") AND processed_at < ?",
                    picked.toArray());
            if (claimed.isEmpty()) {
                return new Result(events, failed, added);
            }
            InboxBatch batch = new InboxBatch(claimed, true);
            if (producer == null) {
                producer = context.createProducerTemplate();
            }
            producer.sendBody("direct:inbox-batch", batch);
            events += batch.committed();
            failed += claimed.size() - batch.committed();
            added += batch.actionsAdded();
        }
    }
}
