package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.support.FakeOrg;
import org.calloutcome.router.support.FakeSalesforce;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An agency's client accounts, each in its own Salesforce org: the Retell account {@code clinic-a} writes to the org
 * {@code clinic-a} (its own login, its own settings where it sets them), the default account to the default org.
 * Batches never mix orgs; each org's API allocation is counted and its pause taken apart. Runs on H2 and PostgreSQL.
 */
abstract class SalesforceOrgsContract extends RouterTest {
    static final String ORGS = "router.salesforce.orgs=clinic-a";
    static final String ACCOUNTS = "router.retell.accounts=clinic-a";
    static final String ACCOUNT_KEY = "router.retell.account.clinic-a.api-key=" + SalesforceOrgsContract.CLINIC_KEY;
    static final String ACCOUNT_ORG = "router.retell.account.clinic-a.salesforce-org=clinic-a";
    /** The clinic's org creates a Lead for a caller nobody matches; the default org logs the Task unattached. */
    static final String CLINIC_CREATES_LEADS = "router.salesforce.org.clinic-a.no-match=create-lead";
    static final String CLINIC_KEY = "key_retell_clinic_a_0123456789";

    private FakeOrg agency;
    private FakeOrg clinic;

    @BeforeAll
    void startOrgs() {
        agency = FakeOrg.start();
        clinic = FakeOrg.startOrg("clinic-a");
    }

    @AfterAll
    void stopOrgs() {
        context.stop(); // logs out of the fakes while they still answer
        agency.stop();
        clinic.stop();
    }

    @BeforeEach
    void emptyOrgs() {
        agency.reset();
        clinic.reset();
    }

    /** Retell's documented call_analyzed with this call id, from a number nobody in either org has. */
    private static byte[] call(String callId) {
        try {
            ObjectNode root = (ObjectNode) Json.MAPPER.readTree(Webhooks.example("retell-call-analyzed.json"));
            ((ObjectNode) root.path("call")).put("call_id", callId);
            return Json.write(root).getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, Object> awaitLogged(String callId) {
        String sql = "SELECT sink, status, result FROM delivery WHERE subject_id = ? AND rule = 'log-call'";
        await().atMost(Duration.ofSeconds(30)).until(() -> log.rows(sql, callId).stream()
                .anyMatch(row -> "DONE".equals(row.get("status"))));
        return log.rows(sql, callId).get(0);
    }

    private static List<JsonNode> callTasks(FakeSalesforce org) {
        return org.created.stream().filter(FakeSalesforce::isCallTask).toList();
    }

    @Test
    void eachAccountsCallsAreWrittenToItsOwnOrgWithItsOwnSettings() {
        webhooks.retell(call("agency-call"));
        webhooks.retell("/webhooks/retell/clinic-a", CLINIC_KEY, call("clinic-call"));

        assertEquals("salesforce", awaitLogged("agency-call").get("sink"));
        assertEquals("salesforce-clinic-a", awaitLogged("clinic-call").get("sink"));
        assertEquals(List.of("retell:agency-call"), callTasks(agency.org).stream()
                .map(t -> t.path("CallObject").asText()).toList(), "the default org has the default account's call");
        assertEquals(List.of("retell/clinic-a:clinic-call"), callTasks(clinic.org).stream()
                .map(t -> t.path("CallObject").asText()).toList(), "the clinic's org has the clinic's call alone");
        assertTrue(callTasks(agency.org).get(0).path("WhoId").isMissingNode(), "the default org: unattached");
        assertTrue(callTasks(clinic.org).get(0).path("WhoId").asText().startsWith("00Q"),
                "the clinic's org creates Leads (router.salesforce.org.clinic-a.no-match)");
        assertTrue(clinic.org.created.stream().anyMatch(r -> r.path("attributes").path("type").asText()
                .equals("Lead")), "a Lead in the clinic's org");
        assertTrue(agency.org.created.stream().noneMatch(r -> r.path("attributes").path("type").asText()
                .equals("Lead")), "none in the default org");
    }

    @Test
    void eachOrgsApiAllocationIsCountedAndItsPauseTakenApart() {
        clinic.org.apiUsedBefore.set(14_990); // the clinic's other integrations used all but the router's reserve
        webhooks.retell("/webhooks/retell/clinic-a", CLINIC_KEY, call("clinic-busy"));
        awaitLogged("clinic-busy");
        await().atMost(Duration.ofSeconds(10)).until(() -> !log.rows("SELECT sink FROM sink_pause"
                + " WHERE sink = 'salesforce-clinic-a'").isEmpty());

        webhooks.retell(call("agency-after"));
        assertEquals("salesforce", awaitLogged("agency-after").get("sink"), "the default org goes on");
        RouterMetrics metrics = context.getRegistry().lookupByNameAndType("routerMetrics", RouterMetrics.class);
        assertTrue(metrics.salesforceOrg("clinic-a")[0].get() >= 14_990, "the clinic's usage, under its org");
        assertTrue(metrics.salesforceOrg("default")[0].get() < 100, "the default org's own");
    }
}
