package org.calloutcome.router.mapping;

/**
 * Names of the tenant's own keys in a vendor's payload, which are configuration: where the CRM id and the person's
 * name were passed when the call started, and which analysis key holds the outcome (null: not used).
 */
public record TenantKeys(String customerIdKey, String customerNameKey, String outcomeKey) {
}
