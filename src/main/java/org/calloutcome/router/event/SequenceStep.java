package org.calloutcome.router.event;

import java.time.Instant;

/**
 * One outreach step of a sequence: a call or a text-message conversation.
 * A call step's {@code vendorStepId} is the vendor call id, which links it to the call's own {@link CallEvent}.
 */
public record SequenceStep(
        int step,
        String type,
        String vendorStepId,
        String agentId,
        String status,
        String endedReason,
        String outcome,
        String failureReason,
        Instant startedAt,
        Instant endedAt,
        String sourceNumber,
        String destinationNumber,
        String summary) {
}
