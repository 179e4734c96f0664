package org.calloutcome.router.queue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A worker that gives way to more urgent work on the same machine: while that work is busy, it takes a quarter batch
 * once per {@code share} and leaves the rest of the cores to it; what waits is durable in its table and is worked off
 * at full speed once the other is done. Never stopped outright, so a busy spell that lasts cannot starve it, and its
 * small batches keep the other from waiting behind a large one. Used twice: webhooks first (inbox processing gives way
 * to intake during a burst), then the call log (the sinks give way to inbox processing while it has a backlog).
 */
public final class GiveWay {
    private static final long RETRY_MILLIS = 250;
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "give-way");
        thread.setDaemon(true);
        return thread;
    });

    private final BooleanSupplier otherBusy;
    private final long shareNanos;
    private final Runnable wakeup;
    private final LongSupplier nanoTime;
    private final AtomicLong lastBatch;
    private final AtomicBoolean retryScheduled = new AtomicBoolean();

    /**
     * @param share how often the worker takes a batch while the other is busy (zero: never hold it back)
     * @param wakeup wakes the worker again when it was held back
     */
    public GiveWay(BooleanSupplier otherBusy, Duration share, Runnable wakeup) {
        this(otherBusy, share, wakeup, System::nanoTime);
    }

    GiveWay(BooleanSupplier otherBusy, Duration share, Runnable wakeup, LongSupplier nanoTime) {
        this.otherBusy = otherBusy;
        this.shareNanos = share.toNanos();
        this.wakeup = wakeup;
        this.nanoTime = nanoTime;
        this.lastBatch = new AtomicLong(nanoTime.getAsLong() - shareNanos);
    }

    /**
     * How many rows a worker may claim now, of a full {@code batchSize}: all of them while the other is calm, a quarter
     * once per share while it is busy, and none in between (the worker is then woken again a little later).
     */
    public int claimable(int batchSize) {
        if (shareNanos <= 0 || !otherBusy.getAsBoolean()) {
            return batchSize;
        }
        long now = nanoTime.getAsLong();
        long last = lastBatch.get();
        if (now - last >= shareNanos && lastBatch.compareAndSet(last, now)) {
            return Math.max(1, batchSize / 4);
        }
        if (retryScheduled.compareAndSet(false, true)) {
            LATER.schedule(() -> {
                retryScheduled.set(false);
                wakeup.run();
            }, Math.min(RETRY_MILLIS, TimeUnit.NANOSECONDS.toMillis(shareNanos)), TimeUnit.MILLISECONDS);
        }
        return 0;
    }
}
