package org.calloutcome.router.sink.salesforce;

/**
 * What one call needs written, decided from the lookup: the Task already logged for it (if any), the Lead or Contact
 * it is about (if found), and the composite request that does the rest ({@code null} when there is nothing to write).
 */
public record SalesforcePlan(String existingTaskId, String whoId, String whoType, String writeRequest, String skipped) {
}
