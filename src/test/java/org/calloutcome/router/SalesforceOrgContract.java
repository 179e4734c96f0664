package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.calloutcome.router.support.FakeOrg;
import org.calloutcome.router.support.FakeSalesforce;
import org.calloutcome.router.support.Outbox;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Salesforce sink against an org as real orgs are: Leads that sales converted into Contacts, duplicate rules,
 * records locked or refused one at a time inside a batch, an answer lost after Salesforce did the work, and an opt-out
 * that Salesforce will not record, which a person must then hear of. The org creates Leads for callers nobody matches,
 * opens Cases on escalations, and matches dialer ids in {@code Dialer_Id__c}; it has person accounts (a B2C org) and
 * its time zone is Los Angeles. Runs on H2 and on PostgreSQL.
 */
abstract class SalesforceOrgContract extends RouterTest {
    /** The configuration both databases share, besides their own database and outbox. */
    static final String CREATE_LEADS = "router.salesforce.no-match=create-lead";
    static final String CASES = "router.salesforce.escalation-case=true";
    static final String EXTERNAL_ID = "router.salesforce.external-id-field=Dialer_Id__c";
    static final String DO_NOT_TEXT = "router.salesforce.do-not-text-field=Do_Not_Text__c";
    static final String PERSON_ACCOUNTS = "router.salesforce.phone-lookup-order=Lead,Contact,PersonAccount";
    static final String SHORT_PAUSE = "router.salesforce.concurrent-limit-pause-seconds=1";
    static final String ADMIN = "router.admin.token=" + SalesforceOrgContract.ADMIN_TOKEN;
    static final String COMPLIANCE = "router.mail.to.opt-out-not-recorded=compliance@example.com";
    static final String ADMIN_TOKEN = "admin-test-token-0123456789-abcdefghijkl";
    private static final String LEAD = "00Q5e00000ConvAAAA";
    private static final String CONTACT = "0035e00000ConvAAAA";
    private static final String NUMBER = "+31612345678";

    private FakeOrg fake;
    private FakeSalesforce org;
    private WireMockServer salesforce;
    private Outbox outbox;

    @BeforeAll
    void startOrg() {
        fake = FakeOrg.start();
        org = fake.org;
        salesforce = fake.server;
    }

    @AfterAll
    void stopOrg() {
        context.stop(); // logs out of the fake while it still answers
        fake.stop();
    }

    @BeforeEach
    void emptyOrg() throws Exception {
        fake.reset();
        org.personAccounts = true;
        org.timeZone = "America/Los_Angeles";
        outbox = new Outbox(context.resolvePropertyPlaceholders("{{router.mail.outbox}}"));
        outbox.empty();
    }

    /** An HMS Sovereign call (its documented example) about {@code crmId} from {@code number}, with analysis flags. */
    private static byte[] call(String callId, String crmId, String number, String... flags) {
        return Webhooks.hmsReport(callId, crmId, number, flags);
    }

    /** The call, ended at this instant. */
    private static byte[] endedAt(byte[] call, String instant) {
        return Webhooks.hmsEndedAt(call, instant);
    }

    /** Waits until the call's action has the status; returns that delivery. */
    private Map<String, Object> awaitAction(String callId, String action, String status) {
        String sql = "SELECT id, status, result, attempts, last_error FROM delivery WHERE sink = 'salesforce'"
                + " AND subject_id = ? AND rule = ?";
        await().atMost(Duration.ofSeconds(30)).until(() -> log.rows(sql, callId, action).stream()
                .anyMatch(row -> status.equals(row.get("status"))));
        return log.rows(sql, callId, action).get(0);
    }

    private List<JsonNode> created(String type) {
        return org.created.stream().filter(r -> type.equals(r.path("attributes").path("type").asText())).toList();
    }

    private JsonNode callTask(String callId) {
        return org.created.stream().filter(FakeSalesforce::isCallTask)
                .filter(t -> t.path("CallObject").asText().equals("hms-sovereign:" + callId)).findFirst().orElseThrow();
    }

    private List<Map<String, Object>> mailsAsked(String rule) {
        return log.rows("SELECT subject_id FROM delivery WHERE sink = 'mail' AND rule = ?", rule);
    }

    @Test
    void aConvertedLeadTheDialerCarriedIsFollowedToItsContactInTheSameTwoApiCalls() {
        org.convertedLead(LEAD, CONTACT, NUMBER);
        webhooks.hms(call("conv-1", LEAD, NUMBER, "opt_out", "converted", "callback_requested"));

        awaitAction("conv-1", "do-not-call", "DONE");
        awaitAction("conv-1", "log-call", "DONE");
        assertEquals("skipped: Lead " + LEAD + " is converted (Contact " + CONTACT + ")",
                awaitAction("conv-1", "lead-status", "DONE").get("result"));
        awaitAction("conv-1", "follow-up", "DONE");
        assertEquals(CONTACT, callTask("conv-1").path("WhoId").asText(), "the call Task is on the Contact");
        assertEquals(CONTACT, org.created.stream().filter(t -> t.path("CallObject").asText().endsWith(":follow-up"))
                .findFirst().orElseThrow().path("WhoId").asText(), "and so is the follow-up");
        assertEquals("{\"attributes\":{\"type\":\"Contact\"},\"id\":\"" + CONTACT + "\",\"DoNotCall\":true}",
                org.updates.get(0).toString());
        assertTrue(org.refused.isEmpty(), "nothing referenced the converted Lead: " + org.refused);
        assertEquals(2, org.apiCalls.get(), "the lookup found the conversion: no extra API call");
        assertTrue(mailsAsked("opt-out-not-recorded").isEmpty(), "the opt-out is recorded");
    }

    @Test
    void aConvertedLeadFoundByTheDialersExternalIdNamesItsContact() {
        org.convertedLead(LEAD, CONTACT, "+44 20 7946 0000").put("Dialer_Id__c", "EXT-42");
        webhooks.hms(call("conv-2", "EXT-42", "+442079460000", "opt_out"));

        awaitAction("conv-2", "do-not-call", "DONE");
        assertEquals(CONTACT, callTask("conv-2").path("WhoId").asText());
        assertTrue(created("Lead").isEmpty(), "no Lead created for a person who exists");
    }

    @Test
    void aConvertedLeadsNumberFindsItsContact() {
        org.convertedLead(LEAD, CONTACT, "+31 6 1234 5678");
        webhooks.hms(call("conv-4", null, NUMBER, "opt_out"));

        awaitAction("conv-4", "do-not-call", "DONE");
        assertEquals(CONTACT, callTask("conv-4").path("WhoId").asText());
        assertEquals(CONTACT, org.updates.get(0).path("id").asText());
        assertTrue(created("Lead").isEmpty() && org.refused.isEmpty(), "no new Lead, nothing refused");
    }

    @Test
    void aLeadConvertedAfterTheLookupIsRetriedAndThenFollowed() {
        org.person("Lead", LEAD, NUMBER);
        org.refusals.add(FakeSalesforce.Refusal.times(1, "id", LEAD, "CANNOT_UPDATE_CONVERTED_LEAD",
                "cannot reference converted lead"));
        webhooks.hms(call("conv-3", LEAD, NUMBER, "opt_out"));
        awaitAction("conv-3", "do-not-call", "FAILED");
        org.convertedLead(LEAD, CONTACT, NUMBER); // sales converted it meanwhile: the org now says so
        org.people.removeIf(p -> p.get("Id").equals(LEAD) && "false".equals(p.get("IsConverted")));

        Map<String, Object> optOut = awaitAction("conv-3", "do-not-call", "DONE");
        assertEquals("2", optOut.get("attempts"));
        assertEquals(CONTACT, org.updates.get(org.updates.size() - 1).path("id").asText());
    }

    @Test
    void aNewLeadThatADuplicateRuleBlocksAttachesTheCallToTheRecordTheRuleNamed() {
        String existing = "0035e00000DupeAAAA";
        org.person("Contact", existing, ""); // no number on file: only the duplicate rule (name, email) knows her
        org.duplicateRules.add(new FakeSalesforce.DuplicateRule("+31699990000", existing, false));
        webhooks.hms(call("dup-1", null, "+31699990000", "opt_out"));

        awaitAction("dup-1", "do-not-call", "DONE");
        awaitAction("dup-1", "log-call", "DONE");
        assertEquals(existing, callTask("dup-1").path("WhoId").asText());
        assertEquals(existing, org.updates.get(0).path("id").asText(), "the opt-out is on the matched record");
        assertTrue(created("Lead").isEmpty(), "no duplicate Lead");
        assertEquals(List.of("DUPLICATES_DETECTED"), org.refused);
        assertEquals(4, org.apiCalls.get(), "lookup, phone search, the refused Lead, then the call's writes");
    }

    @Test
    void aRetryAfterALostAnswerCreatesNoSecondLead() {
        org.loseWriteAnswers.set(1);
        webhooks.hms(call("lost-1", null, "+31611112222"));

        Map<String, Object> logged = awaitAction("lost-1", "log-call", "DONE");
        assertEquals("2", logged.get("attempts"), "the first attempt's answer was lost");
        List<JsonNode> leads = created("Lead");
        assertEquals(1, leads.size(), "one Lead, however often the call is tried");
        String leadId = org.people.stream().filter(p -> p.get("Phone").equals("+31611112222")).findFirst()
                .orElseThrow().get("Id");
        assertEquals(leadId, callTask("lost-1").path("WhoId").asText(), "the Task is on the Lead the first try made");
        assertEquals(1, org.callTasks.size());
    }

    @Test
    void aLockedRecordIsRetriedAloneAndTheRestOfTheBatchIsDoneOnce() throws Exception {
        String first = "0035e00000LockAAAA";
        String second = "0035e00000FreeAAAA";
        org.person("Contact", first, "+31600000001");
        org.person("Contact", second, "+31600000002");
        org.refusals.add(FakeSalesforce.Refusal.times(1, "id", first, "UNABLE_TO_LOCK_ROW",
                "unable to obtain exclusive access to this record or 1 records: " + first));
        context.getRouteController().stopRoute("deliver-salesforce"); // both calls in one batch
        try {
            log.awaitProcessed(webhooks.hms(call("lock-1", first, "+31600000001", "opt_out")).eventId());
            log.awaitProcessed(webhooks.hms(call("lock-2", second, "+31600000002", "opt_out")).eventId());
        } finally {
            context.getRouteController().startRoute("deliver-salesforce");
        }

        assertEquals("2", awaitAction("lock-1", "do-not-call", "DONE").get("attempts"), "the locked one, again");
        assertEquals("1", awaitAction("lock-2", "do-not-call", "DONE").get("attempts"));
        assertEquals("1", awaitAction("lock-1", "log-call", "DONE").get("attempts"), "its call Task, once");
        assertEquals("1", awaitAction("lock-2", "log-call", "DONE").get("attempts"));
        assertEquals(2, org.created.stream().filter(FakeSalesforce::isCallTask).count(), "one Task per call");
        assertTrue(mailsAsked("opt-out-not-recorded").isEmpty(), "a retried opt-out is not a lost one");
    }

    @Test
    void anEscalationOpensOneCaseAcrossRetries() {
        org.person("Contact", CONTACT, NUMBER);
        org.tasks.put("hms-sovereign:esc-1", "00T5e00000OldAAA"); // the call was logged by an earlier webhook
        org.refusals.add(FakeSalesforce.Refusal.times(1, "id", "00T5e00000OldAAA", "UNABLE_TO_LOCK_ROW",
                "unable to obtain exclusive access to this record or 1 records: 00T5e00000OldAAA"));
        webhooks.hms(call("esc-1", CONTACT, NUMBER, "escalate"));

        Map<String, Object> escalated = awaitAction("esc-1", "escalate", "DONE");
        assertEquals("2", escalated.get("attempts"), "the Task's priority was locked the first time");
        assertEquals(1, created("Case").size(), "one Case for the call");
        assertEquals(org.cases.get("Escalated call hms-sovereign:esc-1"), escalated.get("result"));
        assertEquals("High", org.updates.get(org.updates.size() - 1).path("Priority").asText());
    }

    @Test
    void valuesAreCutToSalesforcesFieldLengthsNeverRefused() {
        String name = "Zoë Ångström-" + "Þórðardóttir ".repeat(25);
        String body = new String(Webhooks.example("callkaro-call-ended.json"), StandardCharsets.UTF_8)
                .replace("\"name\": \"Jatin\"", "\"name\": \"" + name + "\"");
        webhooks.callkaro(body.getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(30)).until(() -> !created("Lead").isEmpty());
        String lastName = created("Lead").get(0).path("LastName").asText();
        assertEquals(80, lastName.length());
        assertTrue(lastName.startsWith("Zoë Ångström-Þórðardóttir") && lastName.endsWith("…"), lastName);
        await().atMost(Duration.ofSeconds(30)).until(() -> org.callTasks.size() == 1);
        assertTrue(org.refused.isEmpty(), "nothing refused: " + org.refused);
    }

    @Test
    void anOptOutSalesforceRefusesIsOneAlertThenOneNowRecordedMailAfterTheFix() throws Exception {
        org.person("Contact", CONTACT, "+31 6 5555 1234");
        FakeSalesforce.Refusal rule = FakeSalesforce.Refusal.always("DoNotCall", "true",
                "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Opt-outs need a reason (call +31 6 5555 1234 to ask)");
        org.refusals.add(rule);
        webhooks.hms(call("refused-1", CONTACT, NUMBER, "opt_out"));

        Map<String, Object> dead = awaitAction("refused-1", "do-not-call", "DEAD");
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.mails("[Opt-out NOT recorded").size() == 1);
        Outbox.Mail alert = outbox.mails("[Opt-out NOT recorded").get(0);
        assertEquals("[Opt-out NOT recorded in Salesforce] HMS Sovereign inbound call · +31 ••• ••• 5678",
                alert.subject());
        assertEquals("compliance@example.com", alert.to());
        assertTrue(alert.text().startsWith("Opt-out NOT recorded in Salesforce: HMS Sovereign inbound call."
                + " Do Not Call is NOT set on the person: set it by hand.\n"), alert.text());
        assertTrue(alert.text().contains("Salesforce said: FIELD_CUSTOM_VALIDATION_EXCEPTION: Opt-outs need a reason"
                + " (call ••• 1234 to ask)"), alert.text());
        assertTrue(alert.text().contains("Person record:   " + salesforce.baseUrl() + "/" + CONTACT), alert.text());
        assertTrue(alert.text().contains("scripts/admin.sh replay " + dead.get("id")), alert.text());
        assertFalse(alert.text().contains(NUMBER) || alert.text().contains("+31655551234")
                || alert.text().contains("5555 1234"), "no full number:\n" + alert.text());

        replay(dead.get("id")); // before the fix: refused again, and no second alert
        await().atMost(Duration.ofSeconds(30)).until(() -> org.refused.size() == 2);
        awaitAction("refused-1", "do-not-call", "DEAD");
        assertEquals(1, mailsAsked("opt-out-not-recorded").size());

        org.refusals.remove(rule); // the admin fixed the validation rule
        replay(dead.get("id"));
        awaitAction("refused-1", "do-not-call", "DONE");
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.mails("[Opt-out now recorded").size() == 1);
        Outbox.Mail recorded = outbox.mails("[Opt-out now recorded").get(0);
        assertTrue(recorded.text().startsWith("Opt-out now recorded in Salesforce: HMS Sovereign inbound call."
                + " Do Not Call is set.\n"), recorded.text());
        assertEquals("compliance@example.com", recorded.to());
        assertEquals(1, outbox.mails("[Opt-out NOT recorded").size(), "one alert for the call, however often replayed");
    }

    /**
     * An opt-out processed as an older mapping read it (outcome UNKNOWN: only the call Task asked for), reprocessed: the
     * DoNotCall the new reading asks for is written, the call Task is not written again.
     */
    @Test
    void aReprocessedCallAddsTheActionItLackedAndNoSecondTask() {
        org.person("Contact", CONTACT, NUMBER);
        String eventId = webhooks.hms(call("again-1", CONTACT, NUMBER, "opt_out")).eventId();
        awaitAction("again-1", "log-call", "DONE");
        awaitAction("again-1", "do-not-call", "DONE");
        log.execute("UPDATE call_event SET business_outcome = 'UNKNOWN', opt_out = FALSE");
        log.execute("DELETE FROM delivery WHERE rule <> 'log-call'");
        int updates = org.updates.size();

        Webhooks.Answer answer = webhooks.admin().post("/admin/inbox/reprocess", ("{\"ids\": [\"" + eventId + "\"]}")
                .getBytes(StandardCharsets.UTF_8), "application/json", "Authorization", "Bearer " + ADMIN_TOKEN);
        assertEquals(200, answer.status(), answer.toString());
        assertEquals(1, answer.body().path("reprocessed").asInt(), answer.toString());
        assertTrue(answer.body().path("newActions").asInt() >= 1, answer.toString());
        awaitAction("again-1", "do-not-call", "DONE");
        assertEquals("OPTED_OUT", log.call("hms-sovereign", "again-1").get("business_outcome"));
        assertEquals(updates + 1, org.updates.size(), "DoNotCall written for the reprocessed reading");
        assertEquals(1, org.created.stream().filter(FakeSalesforce::isCallTask).count(), "no second call Task");
    }

    @Test
    void aPersonAccountFoundByItsMobileGetsTheCallTaskTheOptOutAndTheFollowUp() {
        String account = "0015e00000PersAAAA";
        String personContact = "0035e00000PersAAAA";
        org.personAccount(account, personContact, "PersonMobilePhone", "+31 6 2222 3333");
        webhooks.hms(call("pa-1", null, "+31622223333", "opt_out", "callback_requested"));

        awaitAction("pa-1", "do-not-call", "DONE");
        awaitAction("pa-1", "log-call", "DONE");
        awaitAction("pa-1", "follow-up", "DONE");
        assertEquals(personContact, callTask("pa-1").path("WhoId").asText(), "the Task names the person contact");
        assertEquals(account, callTask("pa-1").path("WhatId").asText(), "and the person account");
        assertEquals("{\"attributes\":{\"type\":\"Account\"},\"id\":\"" + account + "\",\"PersonDoNotCall\":true}",
                org.updates.get(0).toString(), "the opt-out is written through the Account");
        assertEquals(1, org.updates.size(), "nothing written to the person contact itself");
        JsonNode followUp = created("Task").stream().filter(t -> !FakeSalesforce.isCallTask(t)).findFirst()
                .orElseThrow();
        assertEquals(account, followUp.path("WhatId").asText());
        assertEquals(FakeSalesforce.OWNER, followUp.path("OwnerId").asText(), "in the record owner's My Tasks");
        JsonNode search = org.searches.get(0);
        assertEquals("PHONE", search.path("in").asText());
        assertEquals("IsPersonAccount = true", search.at("/sobjects/2/where").asText());
        assertTrue(search.at("/sobjects/2/fields").toString().contains("PersonMobilePhone"), search.toString());
    }

    @Test
    void aContactReachedOnHerHomePhoneIsAMatch() {
        org.person("Contact", "0035e00000HomeAAAA", "+1 415 555 0000").put("HomePhone", "+31 20 555 0199");
        webhooks.hms(call("home-1", null, "+31205550199", "opt_out"));

        awaitAction("home-1", "do-not-call", "DONE");
        assertEquals("0035e00000HomeAAAA", callTask("home-1").path("WhoId").asText());
        assertEquals("{\"attributes\":{\"type\":\"Contact\"},\"id\":\"0035e00000HomeAAAA\",\"DoNotCall\":true}",
                org.updates.get(0).toString());
        assertTrue(created("Lead").isEmpty(), "a match, not a new Lead");
    }

    @Test
    void theDialersPersonAccountOrPersonContactIdIsFollowedToTheAccount() {
        String account = "0015e00000DialAAAA";
        String personContact = "0035e00000DialAAAA";
        org.personAccount(account, personContact, "Phone", "+31 6 7777 8888");
        webhooks.hms(call("pa-2", account, "+31699990001", "escalate"));
        webhooks.hms(call("pa-3", personContact, "+31699990002", "opt_out", "escalate"));

        awaitAction("pa-2", "escalate", "DONE");
        awaitAction("pa-3", "do-not-call", "DONE");
        assertEquals(personContact, callTask("pa-2").path("WhoId").asText());
        JsonNode escalation = created("Case").get(0);
        assertEquals(account, escalation.path("AccountId").asText(), "the Case names the person account");
        assertEquals(personContact, escalation.path("ContactId").asText());
        assertTrue(org.updates.stream().noneMatch(u -> u.path("attributes").path("type").asText().equals("Contact")),
                "a person contact is never written as a Contact: " + org.updates);
        assertTrue(org.updates.stream().anyMatch(u -> u.path("PersonDoNotCall").asBoolean()), org.updates.toString());
    }

    @Test
    void personAccountsLookedUpInAnOrgWithoutThemAreRefusedNamingTheSettingAndAPersonIsTold() {
        org.personAccounts = false; // the lookup order names PersonAccount, the org has none
        webhooks.hms(call("nopa-1", null, "+31655556666", "opt_out"));

        Map<String, Object> refused = awaitAction("nopa-1", "do-not-call", "DEAD");
        assertEquals("INVALID_FIELD: the phone search: No such column 'IsPersonAccount' on entity 'Contact' (PersonAccount"
                + " in router.salesforce.phone-lookup-order: the org has no person accounts)", refused.get("last_error"));
        assertEquals("1", refused.get("attempts"), "not retried: only a new setting or org can fix it");
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.mails("[Opt-out NOT recorded").size() == 1);
    }

    @Test
    void theConcurrentRequestLimitIsAShortPauseNotTheDailyOne() {
        org.person("Contact", CONTACT, NUMBER);
        salesforce.stubFor(post(urlPathEqualTo("/services/data/v60.0/composite")).atPriority(1).willReturn(
                aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("""
                        [{"message": "ConcurrentPerOrgLongTxn Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}]\
                        """)));
        webhooks.hms(call("busy-1", CONTACT, NUMBER, "opt_out"));

        Map<String, Object> paused = awaitAction("busy-1", "do-not-call", "FAILED");
        assertEquals("paused: concurrent request limit reached", paused.get("last_error"));
        assertEquals("0", paused.get("attempts"), "a busy org is not a failed attempt");
        assertEquals(List.of(Map.of("reason", "concurrent request limit reached")),
                log.rows("SELECT reason FROM sink_pause WHERE sink = 'salesforce'"));
        FakeSalesforce.answer(salesforce); // a second later, the org has room again
        assertEquals("1", awaitAction("busy-1", "do-not-call", "DONE").get("attempts"));
    }

    @Test
    void theShareOfTheDailyAllocationLeftToOtherIntegrationsPausesTheSinkOnceReached() {
        org.person("Contact", CONTACT, NUMBER);
        org.apiUsedBefore.set(13_498); // 10 % of 15,000 is kept: the router may use 13,500
        webhooks.hms(call("share-1", CONTACT, NUMBER, "opt_out"));

        awaitAction("share-1", "do-not-call", "DONE"); // the batch under way is finished
        await().atMost(Duration.ofSeconds(20)).until(() -> !log.rows("SELECT reason FROM sink_pause"
                + " WHERE sink = 'salesforce'").isEmpty());
        assertEquals("API allocation reserve reached (router.salesforce.api-reserve-percent)",
                log.rows("SELECT reason FROM sink_pause WHERE sink = 'salesforce'").get(0).get("reason"));
        assertEquals(0.0, context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class)
                .get("router.salesforce.api.available").gauge().value(), "the gauge says so");
        log.execute("DELETE FROM sink_pause");
    }

    @Test
    void taskDatesAreTheDayOfTheCallInTheOrgsTimeZone() {
        org.person("Lead", LEAD, NUMBER);
        // 7:30 pm on December 12 in California is 03:30 on December 13 in UTC
        webhooks.hms(endedAt(call("late-1", LEAD, NUMBER), "2025-12-13T03:30:00.000Z"));

        awaitAction("late-1", "log-call", "DONE");
        assertEquals("2025-12-12", callTask("late-1").path("ActivityDate").asText());
    }

    private void replay(Object deliveryId) {
        Webhooks.Answer answer = webhooks.admin().post("/admin/deliveries/replay", ("{\"ids\": [" + deliveryId + "]}")
                .getBytes(StandardCharsets.UTF_8), "application/json", "Authorization", "Bearer " + ADMIN_TOKEN);
        assertEquals(1, answer.body().path("replayed").asInt(), answer.toString());
    }
}
