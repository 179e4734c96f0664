package org.calloutcome.router.sink.mail;

import java.util.List;
import java.util.Map;

import org.calloutcome.router.delivery.Delivery;

/**
 * One mail to send: a single alert, or a digest of several to one recipient. {@code view} holds what its templates
 * show (see {@link Alerts}).
 */
public record AlertMail(List<Delivery> deliveries, Map<String, Object> view, boolean digest) {
}
