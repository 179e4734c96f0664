package org.calloutcome.router.queue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webhooks first, then the call log, then the sinks: each gives way to the one before while that one is busy. */
class GiveWayTest {
    private final AtomicBoolean otherBusy = new AtomicBoolean();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final CountDownLatch wokenAgain = new CountDownLatch(1);
    private final GiveWay giveWay = new GiveWay(otherBusy::get, Duration.ofMillis(250), wokenAgain::countDown,
            now::get);

    @Test
    void whileTheOtherIsBusyAWorkerTakesAQuarterBatchOncePerShare() throws Exception {
        assertEquals(200, giveWay.claimable(200), "nothing to give way to");

        otherBusy.set(true);
        assertEquals(50, giveWay.claimable(200));
        assertEquals(0, giveWay.claimable(200), "its share is taken");
        assertTrue(wokenAgain.await(5, TimeUnit.SECONDS), "a worker held back is woken again to take its next share");
        now.addAndGet(Duration.ofMillis(250).toNanos());
        assertEquals(50, giveWay.claimable(200), "never starved");
        now.addAndGet(Duration.ofMillis(250).toNanos());
        assertEquals(1, giveWay.claimable(3), "a small batch still moves");

        otherBusy.set(false);
        assertEquals(200, giveWay.claimable(200), "full batches again once the other is calm");
    }

    @Test
    void withoutAShareAWorkerNeverGivesWay() {
        otherBusy.set(true);
        GiveWay never = new GiveWay(otherBusy::get, Duration.ZERO, () -> { }, now::get);
        assertEquals(200, never.claimable(200));
        assertEquals(200, never.claimable(200));
    }

    @Test
    void theInboxHasABacklogWhenAClaimComesBackFull() {
        InboxBacklog backlog = new InboxBacklog();
        assertFalse(backlog.getAsBoolean());
        backlog.claimed(200, 37);
        assertFalse(backlog.getAsBoolean(), "it found all there was");
        backlog.claimed(0, 0);
        assertFalse(backlog.getAsBoolean(), "held back, it asked for nothing");
        backlog.claimed(50, 50);
        assertTrue(backlog.getAsBoolean(), "more is waiting");
    }
}
