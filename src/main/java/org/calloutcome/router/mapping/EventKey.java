package org.calloutcome.router.mapping;

import org.calloutcome.router.event.EventKind;

/**
 * Identifies one vendor event: a repeated delivery carries the same key and is recognised as a duplicate.
 *
 * @param kind          a call's end or a sequence's
 * @param vendorEventId the vendor's call or sequence id
 * @param vendorType    the vendor's own name for the webhook, kept for the record
 */
public record EventKey(EventKind kind, String vendorEventId, String vendorType) {
}
