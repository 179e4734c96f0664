package org.calloutcome.router.sink.salesforce;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.calloutcome.router.AdminChecks;
import org.calloutcome.router.support.FakeOrg;
import org.calloutcome.router.support.FakeSalesforce;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check an admin runs before go-live, against the test org: a line per check, exit 0 only when all hold. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesforceCheckTest {
    private FakeOrg fake;

    @BeforeAll
    void startOrg() {
        fake = FakeOrg.start();
    }

    @AfterAll
    void stopOrg() {
        fake.stop();
    }

    @BeforeEach
    void emptyOrg() {
        fake.reset();
    }

    private record Run(int status, List<String> lines) {
        boolean says(String line) {
            return lines.contains(line);
        }
    }

    private static Run check(String number, String... settings) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AdminChecks.salesforce(number, new PrintStream(out, true, StandardCharsets.UTF_8), settings);
        return new Run(status, out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void anOrgThatHasWhatTheRouterWritesPassesInAHandfulOfRequests() throws Exception {
        fake.org.timeZone = "America/Chicago";
        Run run = check(null, "router.salesforce.escalation-case=true",
                "router.salesforce.do-not-text-field=Do_Not_Text__c");

        assertEquals(0, run.status(), String.join("\n", run.lines()));
        assertTrue(run.says("OK    Lead.DoNotCall: the integration user can edit it"), run.lines().toString());
        assertTrue(run.says("OK    Contact.Do_Not_Text__c: the integration user can edit it"), run.lines().toString());
        assertTrue(run.says("OK    Task.CallObject: the integration user can create it"), run.lines().toString());
        assertTrue(run.says("OK    Case.Origin = 'Phone': a value of the picklist"), run.lines().toString());
        assertTrue(run.says("OK    Lead.Status = 'Working - Contacted': a value of the picklist"), run.lines().toString());
        assertTrue(run.says("OK    Person accounts: off, and not looked up"), run.lines().toString());
        assertTrue(run.says("OK    Time zone of Task dates: the org's, America/Chicago"), run.lines().toString());
        assertTrue(run.lines().stream().anyMatch(l -> l.startsWith("OK    API allocation: 14999 of 15000 requests")),
                run.lines().toString());
        assertEquals("All checks hold.", run.lines().get(run.lines().size() - 1));
        assertTrue(fake.org.apiCalls.get() <= 3, fake.org.apiCalls.get() + " API requests");
        assertTrue(fake.org.created.isEmpty() && fake.org.updates.isEmpty(), "nothing written");
    }

    @Test
    void whatTheIntegrationUserCannotWriteFailsTheCheckNamingTheField() throws Exception {
        fake.org.readOnly.add("Contact.DoNotCall");
        fake.org.restricted.add("Lead.Status");
        Run run = check(null, "router.salesforce.converted-lead-status=Qualified");

        assertEquals(1, run.status());
        assertTrue(run.says("FAIL  Contact.DoNotCall: the integration user cannot edit it (field-level security):"
                + " opt-outs would be refused"), run.lines().toString());
        assertTrue(run.says("FAIL  Lead.Status = 'Qualified': not a value of the restricted picklist [Open - Not"
                + " Contacted, Working - Contacted, Closed - Converted, Closed - Not Converted]: Salesforce refuses"
                + " it"), run.lines().toString());
        assertEquals("2 check(s) failed.", run.lines().get(run.lines().size() - 1));
    }

    @Test
    void aConvertedStatusAndPersonAccountsTheOrgLacksAreNamed() throws Exception {
        Run run = check(null, "router.salesforce.converted-lead-status=Closed - Converted",
                "router.salesforce.phone-lookup-order=Lead,Contact,PersonAccount");

        assertEquals(1, run.status());
        assertTrue(run.says("FAIL  router.salesforce.converted-lead-status = 'Closed - Converted' is a converted"
                + " status: only lead conversion sets it"), run.lines().toString());
        assertTrue(run.lines().stream().anyMatch(l -> l.startsWith("FAIL  Person accounts: PersonAccount is in")),
                run.lines().toString());
    }

    @Test
    void aNumberIsLookedUpAsTheRouterWouldWritingNothing() throws Exception {
        fake.org.personAccount("0015e00000CheckAAA", "0035e00000CheckAAA", "PersonHomePhone", "(312) 555-0147");
        Run run = check("+1 312 555 0147", "router.salesforce.phone-lookup-order=Lead,Contact,PersonAccount");

        assertEquals(0, run.status(), String.join("\n", run.lines()));
        assertTrue(run.says("OK    Person accounts: on, and in the lookup order"), run.lines().toString());
        assertTrue(run.lines().stream().anyMatch(l -> l.startsWith("OK    Look-up of ")
                && l.endsWith(": Account 0015e00000CheckAAA (person account), owned by 0055e00000OwnerAAA")
                && !l.contains("555 0147")), run.lines().toString());
        assertTrue(fake.org.created.isEmpty() && fake.org.updates.isEmpty(), "nothing written");
    }

    @Test
    void aRefusedLoginIsSaidInPlainWords() throws Exception {
        fake.org.login.clientSecret = "rotated";
        Run run = check(null);

        assertEquals(1, run.status());
        assertTrue(run.lines().get(0).startsWith("FAIL  Login at " + fake.server.baseUrl() + " refused:"),
                run.lines().toString());
        assertTrue(run.lines().get(0).contains("invalid_client"), run.lines().toString());
    }

    @Test
    void everyMappedFieldIsCheckedToExistAndBeWritableBeforeGoLive() throws Exception {
        fake.org.customFields.put("Task.Next_Step__c", FakeSalesforce.CustomField.text(255));
        fake.org.customFields.put("Lead.Interest__c", FakeSalesforce.CustomField.text(40));
        fake.org.customFields.put("Contact.Interest__c", FakeSalesforce.CustomField.text(40));
        fake.org.readOnly.add("Contact.Interest__c");
        Run run = check(null, "router.salesforce.task.field.Next_Step__c=extracted.next_step",
                "router.salesforce.task.field.Appointment__c=extracted.appointment_date",
                "router.salesforce.person.field.Interest__c=extracted.interest");

        assertEquals(1, run.status(), String.join("\n", run.lines()));
        assertTrue(run.says("OK    Task.Next_Step__c: the integration user can create it"), run.lines().toString());
        assertTrue(run.says("FAIL  Task.Appointment__c: no such field, or the integration user cannot see it"
                + " (router.salesforce.task.field.Appointment__c would be refused)"), run.lines().toString());
        assertTrue(run.says("OK    Lead.Interest__c: the integration user can edit it"), run.lines().toString());
        assertTrue(run.says("FAIL  Contact.Interest__c: the integration user cannot edit it (field-level security):"
                + " router.salesforce.person.field.Interest__c would be refused"), run.lines().toString());
    }

    @Test
    void anOrgOfTheAgencyIsCheckedWithItsOwnConnection() throws Exception {
        String url = fake.server.baseUrl();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AdminChecks.salesforce("clinic-a", null, new PrintStream(out, true, StandardCharsets.UTF_8),
                "router.salesforce.orgs=clinic-a", "router.salesforce.org.clinic-a.login-url=" + url,
                "router.salesforce.org.clinic-a.client-id=fake-client-id",
                "router.salesforce.org.clinic-a.client-secret=fake-client-secret",
                "camel.component.salesforce.client-id=", "camel.component.salesforce.client-secret=");
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(0, status, String.join("\n", lines));
        assertTrue(lines.contains("OK    Login at " + url + ": accepted"), lines.toString());

        out.reset();
        assertEquals(1, AdminChecks.salesforce("clinic-b", null, new PrintStream(out, true, StandardCharsets.UTF_8),
                "router.salesforce.orgs=clinic-a"), "an org nobody configured");
    }
}
