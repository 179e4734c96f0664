package org.calloutcome.router.sink.salesforce;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.calloutcome.router.delivery.SalesforceOrgs;
import org.calloutcome.router.queue.Wakeup;

/**
 * The Salesforce sink's worker, one per org (present only when the org's login is configured). It claims up to 200
 * actions at a time (a call's actions together), does them in two API calls (see {@link SalesforceActions}) and
 * records each result; it goes on while it finds work, is woken when processing stores new actions, and also looks
 * every {@code router.salesforce.poll-interval-ms}. The default org's routes are {@code deliver-salesforce} and
 * {@code salesforce-batch}; another org's end in its name ({@code deliver-salesforce-clinic-a}).
 */
public final class SalesforceRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        SalesforceOrgs orgs = getContext().getRegistry().lookupByNameAndType("salesforceOrgs", SalesforceOrgs.class);
        worker(null);
        orgs.names().forEach(this::worker);
    }

    /** An org's routes (null: the default org's), with its component and its beans. */
    private void worker(String org) {
        String sink = SalesforceOrgs.sink(org);
        String suffix = org == null ? "" : "-" + org;
        String login = "salesforceLogin" + suffix;
        String work = "salesforceWork" + suffix;
        String actions = "salesforceActions" + suffix;
        // the routes exist only when the org's login is configured
        String enabled = "${bean:" + login + "?method=enabled}";
        String wakeup = Wakeup.sink(sink);
        Wakeup again = new Wakeup(getContext(), wakeup);
        String api = "/services/data/v" + getContext().getRegistry().lookupByNameAndType(actions,
                SalesforceActions.class).apiVersion();
        String composite = sink + ":raw?format=JSON&rawMethod=POST&rawPath=" + api + "/composite";
        String search = sink + ":raw?format=JSON&rawMethod=POST&rawPath=" + api + "/parameterizedSearch";
        String batchRoute = "salesforce-batch" + suffix;

        from(timer(sink + "-scan").delay(0).period("{{router.salesforce.poll-interval-ms}}"))
                .routeId(sink + "-scan")
                .precondition(enabled)
                .to(wakeup);

        from(wakeup)
                .routeId("deliver-" + sink)
                .precondition(enabled)
                .bean(work, "claim")
                .filter(exchange -> !exchange.getIn().getBody(SalesforceActions.Batch.class).groups().isEmpty())
                    .setProperty(SalesforceActions.BATCH, body())
                    .doTry()
                        .to(direct(batchRoute))
                        .bean(work, "finish")
                    .doCatch(Exception.class)
                        .bean(work, "failed")
                    .end()
                    .process(exchange -> again.run()) // more may be waiting: a fresh wake-up, not a copy of this exchange
                .end();

        // A batch's writes in few API requests: the Tasks already logged for the calls and the records the dialer named
        // (one composite of queries), a phone search for the calls still without a person, then what the actions ask
        // for, as sObject collections. A batch that creates Leads writes its calls' Tasks in a second pass, on the new
        // Leads. The answer is each call's action results.
        from(direct(batchRoute))
                .routeId(batchRoute)
                .precondition(enabled)
                .setProperty(SalesforceActions.BATCH, body())
                .filter(method(actions, "timeZoneUnknown"))
                    .setBody(method(actions, "timeZoneQuery"))
                    .doTry()
                        .to(sink + ":query?rawPayload=true")
                        .bean(actions, "orgTimeZone")
                    .doCatch(org.apache.camel.component.salesforce.api.SalesforceException.class)
                        .bean(actions, "orgTimeZoneUnread")
                    .end()
                .end()
                .setBody(exchangeProperty(SalesforceActions.BATCH))
                .bean(actions, "lookupRequest")
                .to(composite)
                .bean(actions, "apiUsage")
                .setProperty(SalesforceActions.LOOKUP, method(actions, "lookup"))
                .loopDoWhile(simple("${exchangeProperty.lookup.pendingSearch} != null"))
                    .setBody(simple("${exchangeProperty.lookup.pendingSearch}"))
                    .doTry()
                        .to(search)
                    .doCatch(Exception.class)
                        .bean(actions, "searchFailed")
                    .end()
                    .bean(actions, "apiUsage")
                    .bean(actions, "searched")
                .end()
                // the admin's person fields that keep their first value: read where a call carries one
                .setBody(method(actions, "currentValuesRequest"))
                .filter(body().isNotNull())
                    .to(composite)
                    .bean(actions, "apiUsage")
                    .bean(actions, "currentValues")
                .end()
                .setProperty(SalesforceActions.PLAN, method(actions, "plan"))
                .loopDoWhile(simple("${exchangeProperty.plan.writeRequest} != null"))
                    .setBody(simple("${exchangeProperty.plan.writeRequest}"))
                    .to(composite)
                    .bean(actions, "apiUsage")
                    .setProperty(SalesforceActions.PLAN, method(actions, "next"))
                .end()
                .bean(actions, "results");
    }
}
