package org.calloutcome.router.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.calloutcome.router.event.CallEvent;

/**
 * Which Salesforce org a platform account's calls are written to: the default org, or one of
 * {@code router.salesforce.orgs} that the account names ({@code router.<vendor>.account.<account>.salesforce-org}).
 * Each org is a sink of its own, {@code salesforce} for the default org and {@code salesforce-<org>} for another, so
 * that a batch never mixes orgs and each org is claimed, paused, retried and counted apart.
 *
 * @param names     the orgs besides the default one
 * @param byAccount the org of each account that names one, keyed {@code <vendor>/<account>}
 */
public record SalesforceOrgs(List<String> names, Map<String, String> byAccount) {
    public static final String SINK = "salesforce";
    public static final SalesforceOrgs DEFAULT_ONLY = new SalesforceOrgs(List.of(), Map.of());

    /** The sink of an org (null: the default org). */
    public static String sink(String org) {
        return org == null ? SINK : SINK + "-" + org;
    }

    /** The org of a Salesforce sink: null for the default org's. */
    public static String org(String sink) {
        return sink.equals(SINK) ? null : sink.substring(SINK.length() + 1);
    }

    /** True for the sink of any org. */
    public static boolean isSalesforce(String sink) {
        return sink.equals(SINK) || sink.startsWith(SINK + "-");
    }

    /** The sink the event's Salesforce work goes to. */
    public String sinkFor(CallEvent event) {
        return sink(byAccount.get(event.getVendor() + "/" + event.getAccount()));
    }

    /** Every org's sink, the default org's first. */
    public List<String> sinks() {
        List<String> sinks = new ArrayList<>(List.of(SINK));
        names.forEach(org -> sinks.add(sink(org)));
        return sinks;
    }
}
