package org.calloutcome.router.sink.salesforce;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.calloutcome.router.queue.Wakeup;

/**
 * The Salesforce sink's worker (present only when Salesforce is configured). It claims up to 200 actions at a time (a call's actions together), does them in two
 * API calls (see {@link SalesforceActions}) and records each result; it goes on while it finds work, is woken when
 * processing stores new actions, and also looks every {@code router.salesforce.poll-interval-ms}.
 */
public final class SalesforceRoutes extends EndpointRouteBuilder {

    /** The Salesforce routes exist only when a Salesforce login is configured. */
    private static final String ENABLED = "${bean:salesforceLogin?method=enabled}";

    @Override
    public void configure() {
        String wakeup = Wakeup.sink("salesforce");
        Wakeup again = new Wakeup(getContext(), wakeup);
        String api = "/services/data/v{{camel.component.salesforce.api-version}}";
        String composite = "salesforce:raw?format=JSON&rawMethod=POST&rawPath=" + api + "/composite";
        String search = "salesforce:raw?format=JSON&rawMethod=POST&rawPath=" + api + "/parameterizedSearch";

        from(timer("salesforce-scan").delay(0).period("{{router.salesforce.poll-interval-ms}}"))
                .routeId("salesforce-scan")
                .precondition(ENABLED)
                .to(wakeup);

        from(wakeup)
                .routeId("deliver-salesforce")
                .precondition(ENABLED)
                .bean("salesforceWork", "claim")
                .filter(exchange -> !exchange.getIn().getBody(SalesforceActions.Batch.class).groups().isEmpty())
                    .setProperty(SalesforceActions.BATCH, body())
                    .doTry()
                        .to(direct("salesforce-batch"))
                        .bean("salesforceWork", "finish")
                    .doCatch(Exception.class)
                        .bean("salesforceWork", "failed")
                    .end()
                    .process(exchange -> again.run()) // more may be waiting: a fresh wake-up, not a copy of this exchange
                .end();

        // A batch's writes in few API requests: the Tasks already logged for the calls and the records the dialer named
        // (one composite of queries), a phone search for the calls still without a person, then what the actions ask
        // for, as sObject collections. A batch that creates Leads writes its calls' Tasks in a second pass, on the new
        // Leads. The answer is each call's action results.
        from(direct("salesforce-batch"))
                .routeId("salesforce-batch")
                .precondition(ENABLED)
                .setProperty(SalesforceActions.BATCH, body())
                .filter(method("salesforceActions", "timeZoneUnknown"))
                    .setBody(method("salesforceActions", "timeZoneQuery"))
                    .doTry()
                        .to("salesforce:query?rawPayload=true")
                        .bean("salesforceActions", "orgTimeZone")
                    .doCatch(org.apache.camel.component.salesforce.api.SalesforceException.class)
                        .bean("salesforceActions", "orgTimeZoneUnread")
                    .end()
                .end()
                .setBody(exchangeProperty(SalesforceActions.BATCH))
                .bean("salesforceActions", "lookupRequest")
                .to(composite)
                .bean("salesforceActions", "apiUsage")
                .setProperty(SalesforceActions.LOOKUP, method("salesforceActions", "lookup"))
                .loopDoWhile(simple("${exchangeProperty.lookup.pendingSearch} != null"))
                    .setBody(simple("${exchangeProperty.lookup.pendingSearch}"))
                    .doTry()
                        .to(search)
                    .doCatch(Exception.class)
                        .bean("salesforceActions", "searchFailed")
                    .end()
                    .bean("salesforceActions", "apiUsage")
                    .bean("salesforceActions", "searched")
                .end()
                // the admin's person fields that keep their first value: read where a call carries one
                .setBody(method("salesforceActions", "currentValuesRequest"))
                .filter(body().isNotNull())
                    .to(composite)
                    .bean("salesforceActions", "apiUsage")
                    .bean("salesforceActions", "currentValues")
                .end()
                .setProperty(SalesforceActions.PLAN, method("salesforceActions", "plan"))
                .loopDoWhile(simple("${exchangeProperty.plan.writeRequest} != null"))
                    .setBody(simple("${exchangeProperty.plan.writeRequest}"))
                    .to(composite)
                    .bean("salesforceActions", "apiUsage")
                    .setProperty(SalesforceActions.PLAN, method("salesforceActions", "next"))
                .end()
                .bean("salesforceActions", "results");
    }
}
