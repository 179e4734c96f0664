package org.calloutcome.router.admin;

/**
 * Processes again events that were processed, with today's mapping and routing rules (inbox processing does it; the
 * admin API only asks).
 */
public interface Reprocessor {
    /** {@code events} processed again, {@code failed} that failed this time (retried as usual), new sink actions. */
    record Result(int events, int failed, int newActions) {
    }

    /** The processed events {@code where} picks (a condition on the inbox, its parameters after it). */
    Result reprocess(String where, Object... parameters) throws Exception;
}
