package org.calloutcome.router.delivery;

/** Where a delivery stands: its status, what it did ({@code result}) and its last error. */
public record DeliveryState(long id, String rule, String status, String result, String error) {
}
