package org.calloutcome.router.intake;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.support.service.ServiceSupport;
import org.calloutcome.router.store.Retry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for intake: webhooks arriving together are stored together, in one statement and one commit, and each
 * is answered only once its batch has committed. While one batch commits the next one gathers, so the batch grows with
 * the load and a lone webhook waits for nobody. After each commit the inbox workers are woken.
 */
public final class InboxWriter extends ServiceSupport {
    private static final Logger LOG = LoggerFactory.getLogger(InboxWriter.class);
    private static final long ANSWER_TIMEOUT_SECONDS = 30;
    private static final long BUSY_HOLD_NANOS = 200_000_000L;

    private record Pending(Inbox.Submission submission, CompletableFuture<Inbox.Accepted> answer) {
    }

    private final Inbox inbox;
    private final int maxBatch;
    private final int writers;
    private final Runnable afterCommit;
    private final int busyBatch;
    private volatile long lastBusy = System.nanoTime() - BUSY_HOLD_NANOS;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param writers     threads that commit batches (one suffices on H2; on PostgreSQL a second one gathers while the
     *                    first commits)
     * @param afterCommit what to do once new rows are stored (wake the workers)
     * @param busyBatch   a batch this large means webhooks are queueing: intake is {@link #busy()}
     */
    public InboxWriter(Inbox inbox, int maxBatch, int writers, int queueSize, Runnable afterCommit, int busyBatch) {
        this.inbox = inbox;
        this.maxBatch = maxBatch;
        this.writers = writers;
        this.afterCommit = afterCommit;
        this.busyBatch = busyBatch;
        this.queue = new ArrayBlockingQueue<>(queueSize);
    }

    /** Stores one webhook with whichever others arrive now; returns once it is committed. */
    public Inbox.Accepted accept(Inbox.Submission submission) throws SQLException, InterruptedException {
        Pending pending = new Pending(submission, new CompletableFuture<>());
        if (!running || !queue.offer(pending, ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new SQLException("the inbox is not taking webhooks now");
        }
        try {
            return pending.answer().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException("could not store", e.getCause());
        } catch (TimeoutException e) {
            throw new SQLException("the inbox did not commit in time", e);
        }
    }

    /** True while webhooks arrive faster than one at a time: a batch of busyBatch or more within the last 200 ms. */
    public boolean busy() {
        return System.nanoTime() - lastBusy < BUSY_HOLD_NANOS;
    }

    @Override
    protected void doStart() {
        running = true;
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(this::run, "inbox-writer-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join(5000);
        }
        threads.clear();
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.answer().completeExceptionally(new SQLException("the router is stopping")));
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                batch.forEach(p -> p.answer().completeExceptionally(new SQLException("the router is stopping")));
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        if (batch.size() >= busyBatch) {
            lastBusy = System.nanoTime();
        }
        List<Inbox.Accepted> answers;
        try {
            answers = inbox.accept(batch.stream().map(Pending::submission).toList());
        } catch (Exception e) {
            LOG.error("Could not store {} webhook(s): {}", batch.size(), Retry.rootCause(e).getClass().getName());
            batch.forEach(p -> p.answer().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).answer().complete(answers.get(i));
        }
        if (answers.stream().anyMatch(a -> !a.duplicate())) {
            afterCommit.run();
        }
    }
}
