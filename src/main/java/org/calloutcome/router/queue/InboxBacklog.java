package org.calloutcome.router.queue;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Whether this instance's inbox workers are working off a backlog: a claim of theirs came back full a moment ago. */
public final class InboxBacklog implements BooleanSupplier {
    private static final long MOMENT = TimeUnit.SECONDS.toNanos(1);

    private volatile long lastFullClaim = System.nanoTime() - MOMENT;

    /** A worker asked for {@code asked} rows and got {@code got}. */
    public void claimed(int asked, int got) {
        if (asked > 0 && got == asked) {
            lastFullClaim = System.nanoTime();
        }
    }

    @Override
    public boolean getAsBoolean() {
        return System.nanoTime() - lastFullClaim < MOMENT;
    }
}
