package org.calloutcome.router.processing;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Webhooks first: while intake is busy (a campaign's burst), inbox processing takes a quarter batch per {@code share}
 * and leaves the rest of the machine to answering webhooks; what waits is durable in the inbox and is processed at full
 * speed once the burst is over. Processing is never stopped outright, so a burst that lasts cannot starve it, and its
 * small batches keep webhooks' answers from waiting behind a large one.
 */
public final class IntakeFirst {
    private static final long RETRY_MILLIS = 250;

    private final BooleanSupplier intakeBusy;
    private final long shareNanos;
    private final Runnable wakeup;
    private final AtomicLong lastBatch = new AtomicLong(System.nanoTime());
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "inbox-intake-first");
        thread.setDaemon(true);
        return thread;
    });

    /** @param share how often processing takes a batch while intake is busy (zero: never hold it back) */
    public IntakeFirst(BooleanSupplier intakeBusy, Duration share, Runnable wakeup) {
        this.intakeBusy = intakeBusy;
        this.shareNanos = share.toNanos();
        this.wakeup = wakeup;
    }

    /**
     * How many rows a worker may claim now, of a full {@code batchSize}: all of them while intake is calm, a quarter
     * once per share while it is busy, and none in between (the workers are then woken again a little later).
     */
    public int claimable(int batchSize) {
        if (shareNanos <= 0 || !intakeBusy.getAsBoolean()) {
            return batchSize;
        }
        long now = System.nanoTime();
        long last = lastBatch.get();
        if (now - last >= shareNanos && lastBatch.compareAndSet(last, now)) {
            return Math.max(1, batchSize / 4);
        }
        if (retryScheduled.compareAndSet(false, true)) {
            later.schedule(() -> {
                retryScheduled.set(false);
                wakeup.run();
            }, Math.min(RETRY_MILLIS, TimeUnit.NANOSECONDS.toMillis(shareNanos)), TimeUnit.MILLISECONDS);
        }
        return 0;
    }
}
