package org.calloutcome.router.mapping;

/**
 * Identifies one vendor event: a repeated delivery carries the same key and is recognised as a duplicate.
 *
 * @param kind          {@code call-ended} or {@code sequence-ended}
 * @param vendorEventId the vendor's call or sequence id
 * @param vendorType    the vendor's own name for the webhook, kept for the record
 */
public record EventKey(String kind, String vendorEventId, String vendorType) {
}
