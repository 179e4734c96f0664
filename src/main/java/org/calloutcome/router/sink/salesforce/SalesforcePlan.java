package org.calloutcome.router.sink.salesforce;

import java.util.Map;

import org.calloutcome.router.delivery.ActionResult;

/**
 * What one call needs written, decided from the lookup: the composite write request ({@code null} when there is
 * nothing to write), which of its subrequests serves which action, and the actions already settled by the lookup
 * (the call Task already logged, no Lead or Contact to update).
 */
public record SalesforcePlan(String writeRequest, Map<String, String> actionOfReference,
        Map<String, ActionResult> settled) {
}
