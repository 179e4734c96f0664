package org.calloutcome.router.sink.salesforce;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.normalize.Phones;

/**
 * What an admin runs against their own org before go-live ({@code scripts/check-salesforce.sh [number]}): with the
 * router's own settings it logs in with the configured flow, describes the objects the router reads and writes, and
 * says in a line per check whether the integration user can create and edit each field the router writes, whether the
 * picklist values it writes exist, whether person accounts are on and in the lookup order, the org's time zone and the
 * API allocation left. Given a number, it searches it as the router would, writing nothing. Four API requests (four
 * with a number). Exit 0 when every check holds.
 */
public final class SalesforceCheck {
    private final SalesforceActions.Options options;
    private final ProducerTemplate salesforce;
    private final String api;
    private final PrintStream out;
    /** The org's camel-salesforce component: {@code salesforce}, or {@code salesforce-<org>}. */
    private final String component;
    private int failures;

    public SalesforceCheck(String component, SalesforceActions.Options options, ProducerTemplate salesforce,
            PrintStream out) {
        this.component = component;
        this.options = options;
        this.salesforce = salesforce;
        this.api = "/services/data/v" + options.apiVersion();
        this.out = out;
    }

    /** Runs the checks; 0 when every check holds. */
    public int check(SalesforceLogin login, String number) throws Exception {
        JsonNode limits;
        try {
            limits = request("GET", "/limits", null);
        } catch (Exception e) {
            fail("Login at " + login.loginUrl() + " refused: " + rootMessage(e));
            return 1;
        }
        ok("Login at " + login.loginUrl() + ": accepted");
        JsonNode daily = limits.path("DailyApiRequests");
        long max = daily.path("Max").asLong();
        long remaining = daily.path("Remaining").asLong();
        long reserve = max * options.apiReservePercent() / 100;
        String allocation = "API allocation: " + remaining + " of " + max + " requests left in the last 24 hours ("
                + options.apiReservePercent() + "% kept for the org's other integrations)";
        if (remaining > reserve) {
            ok(allocation);
        } else {
            fail(allocation + ": the router would pause now");
        }

        Map<String, JsonNode> found = describe();
        JsonNode account = found.get("Account");
        boolean personAccountsOn = account != null && field(account, "IsPersonAccount") != null;
        boolean inOrder = options.phoneOrder().contains(PersonLookup.PERSON_ACCOUNT);
        if (inOrder && !personAccountsOn) {
            fail("Person accounts: PersonAccount is in router.salesforce.phone-lookup-order, but the org has no person"
                    + " accounts (Account has no IsPersonAccount): every lookup would be refused");
        } else if (personAccountsOn && !inOrder) {
            note("Person accounts: on in the org, not in router.salesforce.phone-lookup-order: callers who are person"
                    + " accounts are not found (add PersonAccount)");
        } else {
            ok("Person accounts: " + (personAccountsOn ? "on, and in the lookup order" : "off, and not looked up"));
        }
        fields(found);
        picklists(found);
        String orgZone = Json.text(found.getOrDefault("timeZone", Json.MAPPER.missingNode()).path("records").path(0),
                "TimeZoneSidKey");
        if (options.timeZone() != null) {
            ok("Time zone of Task dates: " + options.timeZone() + " (router.salesforce.time-zone; the org's is "
                    + (orgZone == null ? "not readable by the integration user" : orgZone) + ")");
        } else if (orgZone == null) {
            note("Time zone of Task dates: the org's cannot be read by the integration user: UTC, unless"
                    + " router.salesforce.time-zone is set");
        } else {
            ok("Time zone of Task dates: the org's, " + orgZone);
        }
        if (number != null) {
            lookUp(number);
        }
        out.println(failures == 0 ? "All checks hold." : failures + " check(s) failed.");
        return failures == 0 ? 0 : 1;
    }

    /** One composite: the describes of the objects the router writes, Lead statuses and the org's time zone. */
    private Map<String, JsonNode> describe() throws Exception {
        List<String> types = new ArrayList<>(List.of("Lead", "Contact", "Task"));
        if (options.escalationCase()) {
            types.add("Case");
        }
        types.add("Account"); // whether the org has person accounts, and their fields
        List<Map<String, Object>> requests = new ArrayList<>();
        types.forEach(type -> requests.add(SalesforceApi.get(type, api + "/sobjects/" + type + "/describe")));
        SalesforceApi queries = new SalesforceApi(options.apiVersion());
        requests.add(SalesforceApi.get("leadStatuses", queries.query("SELECT MasterLabel, IsConverted FROM LeadStatus")));
        requests.add(SalesforceApi.get("timeZone", queries.query("SELECT TimeZoneSidKey FROM Organization")));
        JsonNode answer = request("POST", "/composite", SalesforceApi.composite(requests));
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (JsonNode sub : answer.path("compositeResponse")) {
            if (sub.path("httpStatusCode").asInt() < 300) {
                found.put(sub.path("referenceId").asText(), sub.path("body"));
            } else if (!List.of("Account", "timeZone").contains(sub.path("referenceId").asText())) {
                fail(sub.path("referenceId").asText() + ": Salesforce refused to describe it: "
                        + sub.path("body").path(0).path("message").asText());
            }
        }
        return found;
    }

    /** Each field the router writes, with the settings that make it write it. */
    private void fields(Map<String, JsonNode> found) {
        String noText = options.doNotTextField();
        List<String[]> written = new ArrayList<>();
        for (String type : List.of("Lead", "Contact")) {
            written.add(new String[] {type, "DoNotCall", "edit", "opt-outs"});
            if (options.optOutOfEmail()) {
                written.add(new String[] {type, "HasOptedOutOfEmail", "edit", "opt-outs"});
            }
            if (noText != null) {
                written.add(new String[] {type, noText, "edit", "texting opt-outs"});
            }
            if (options.externalIdField() != null) {
                written.add(new String[] {type, options.externalIdField(), "read", "the dialer's ids"});
            }
        }
        if (options.phoneOrder().contains(PersonLookup.PERSON_ACCOUNT)) {
            Person.Type person = Person.Type.PERSON_ACCOUNT;
            written.add(new String[] {"Account", person.doNotCall, "edit", "opt-outs of person accounts"});
            if (options.optOutOfEmail()) {
                written.add(new String[] {"Account", person.optedOutOfEmail, "edit", "opt-outs of person accounts"});
            }
            if (noText != null) {
                written.add(new String[] {"Account", person.field(noText), "edit", "texting opt-outs"});
            }
        }
        if (options.convertedStatus() != null) {
            written.add(new String[] {"Lead", "Status", "edit", "conversions"});
        }
        if (options.noMatch() == SalesforceActions.NoMatch.CREATE_LEAD) {
            for (String field : List.of("LastName", "Company", "Phone", "LeadSource")) {
                written.add(new String[] {"Lead", field, "create", "new Leads"});
            }
        }
        for (String field : List.of("Subject", "TaskSubtype", "Type", "Status", "Priority", "CallType",
                "CallDurationInSeconds", "CallDisposition", "CallObject", "ActivityDate", "Description", "WhoId",
                "WhatId", "OwnerId")) {
            written.add(new String[] {"Task", field, "create", "call Tasks"});
        }
        written.add(new String[] {"Task", "Priority", "edit", "escalations"});
        written.addAll(mappedFields());
        if (options.escalationCase()) {
            for (String field : List.of("Subject", "Origin", "Priority", "Description", "ContactId", "AccountId")) {
                written.add(new String[] {"Case", field, "create", "escalation Cases"});
            }
        }
        for (String[] w : written) {
            JsonNode describe = found.get(w[0]);
            if (describe == null) {
                continue; // said when the describe was refused
            }
            JsonNode field = field(describe, w[1]);
            String name = w[0] + "." + w[1];
            String flag = w[2].equals("edit") ? "updateable" : w[2].equals("create") ? "createable" : null;
            if (field == null) {
                fail(name + ": no such field, or the integration user cannot see it (" + w[3] + " would be refused)");
            } else if (flag != null && !field.path(flag).asBoolean()) {
                fail(name + ": the integration user cannot " + w[2] + " it (field-level security): " + w[3]
                        + " would be refused");
            } else {
                ok(name + ": the integration user can " + w[2] + " it");
            }
        }
    }

    /** The admin's fields ({@code router.salesforce.task.field.*}, {@code person.field.*}) and how each is written. */
    private List<String[]> mappedFields() {
        List<String[]> written = new ArrayList<>();
        for (FieldMappings.Mapping task : options.fields().task()) {
            written.add(new String[] {"Task", task.field(), "create", "router.salesforce.task.field." + task.field()});
        }
        for (FieldMappings.Mapping person : options.fields().person()) {
            String why = "router.salesforce.person.field." + person.field();
            written.add(new String[] {"Lead", person.field(), "edit", why});
            written.add(new String[] {"Contact", person.field(), "edit", why});
            if (options.noMatch() == SalesforceActions.NoMatch.CREATE_LEAD) {
                written.add(new String[] {"Lead", person.field(), "create", why + " on new Leads"});
            }
            if (options.phoneOrder().contains(PersonLookup.PERSON_ACCOUNT)) {
                written.add(new String[] {"Account", Person.Type.PERSON_ACCOUNT.field(person.field()), "edit", why});
            }
        }
        return written;
    }

    /** The picklist values the router writes. */
    private void picklists(Map<String, JsonNode> found) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("Task.Status", List.of("Completed", "Not Started"));
        values.put("Task.Priority", List.of("High", "Normal"));
        values.put("Task.CallType", List.of("Inbound", "Outbound"));
        values.put("Task.TaskSubtype", List.of("Call"));
        values.put("Task.Type", List.of("Call"));
        values.put("Task.CallDisposition", List.copyOf(options.dispositions().values()));
        if (options.convertedStatus() != null) {
            values.put("Lead.Status", List.of(options.convertedStatus()));
        }
        if (options.noMatch() == SalesforceActions.NoMatch.CREATE_LEAD) {
            values.put("Lead.LeadSource", List.of("Phone"));
        }
        if (options.escalationCase()) {
            values.put("Case.Origin", List.of("Phone"));
            values.put("Case.Priority", List.of("High"));
        }
        values.forEach((name, wanted) -> {
            JsonNode describe = found.get(name.substring(0, name.indexOf('.')));
            JsonNode field = describe == null ? null : field(describe, name.substring(name.indexOf('.') + 1));
            if (field == null || !"picklist".equals(field.path("type").asText())) {
                return; // a text field takes any value; a missing one is said above
            }
            List<String> offered = new ArrayList<>();
            field.path("picklistValues").forEach(v -> {
                if (v.path("active").asBoolean(true)) {
                    offered.add(v.path("value").asText());
                }
            });
            for (String value : wanted) {
                if (offered.contains(value)) {
                    ok(name + " = '" + value + "': a value of the picklist");
                } else if (field.path("restrictedPicklist").asBoolean()) {
                    fail(name + " = '" + value + "': not a value of the restricted picklist " + offered
                            + ": Salesforce refuses it");
                } else {
                    note(name + " = '" + value + "': not a value of the picklist " + offered
                            + " (accepted, the picklist is not restricted; reports will not group it)");
                }
            }
        });
        if (options.convertedStatus() != null && found.containsKey("leadStatuses")) {
            for (JsonNode status : found.get("leadStatuses").path("records")) {
                if (options.convertedStatus().equals(Json.text(status, "MasterLabel"))
                        && status.path("IsConverted").asBoolean()) {
                    fail("router.salesforce.converted-lead-status = '" + options.convertedStatus() + "' is a"
                            + " converted status: only lead conversion sets it");
                }
            }
        }
    }

    /** Searches the number as the router does, writing nothing. */
    private void lookUp(String number) throws Exception {
        CallEvent caller = new CallEvent().setCustomerNumber(number);
        String terms = PersonLookup.phoneTerms(caller);
        if (terms == null) {
            fail("Look-up of " + Phones.mask(number) + ": not a phone number (fewer than 7 digits)");
            return;
        }
        PersonLookup lookup = new PersonLookup(options, new SalesforceApi(options.apiVersion()));
        PersonLookup.Found found = lookup.new Found(Map.of(), List.of(caller), event -> null);
        found.searched(request("POST", "/parameterizedSearch", found.pendingSearch()));
        Person person = found.person(caller, null);
        if (person.found()) {
            ok("Look-up of " + Phones.mask(number) + ": " + person.type().sObject + " " + person.id()
                    + (person.type() == Person.Type.PERSON_ACCOUNT ? " (person account)" : "")
                    + (person.ownerId() != null ? ", owned by " + person.ownerId() : ""));
        } else {
            note("Look-up of " + Phones.mask(number) + ": " + (person.refusal() != null ? person.refusal()
                    : "nobody: router.salesforce.no-match = " + options.noMatch().name().toLowerCase().replace('_',
                            '-') + " applies"));
        }
    }

    private static JsonNode field(JsonNode describe, String name) {
        for (JsonNode field : describe.path("fields")) {
            if (name.equalsIgnoreCase(field.path("name").asText())) {
                return field;
            }
        }
        return null;
    }

    private JsonNode request(String method, String path, String body) throws Exception {
        return SalesforceApi.read(salesforce.requestBody(component + ":raw?format=JSON&rawMethod=" + method
                + "&rawPath=" + api + path, body));
    }

    /** What went wrong, in Salesforce's words where it said something ("Login error code:[...] description:[...]"). */
    public static String rootMessage(Throwable e) {
        Throwable last = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SalesforceException salesforce && salesforce.getErrors() != null
                    && !salesforce.getErrors().isEmpty()) {
                return salesforce.getErrors().get(0).getMessage();
            }
            last = t;
        }
        return last.getMessage();
    }

    private void ok(String line) {
        out.println("OK    " + line);
    }

    private void note(String line) {
        out.println("NOTE  " + line);
    }

    private void fail(String line) {
        failures++;
        out.println("FAIL  " + line);
    }
}
