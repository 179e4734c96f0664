package org.calloutcome.router.sink.salesforce;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.normalize.Json;

/**
 * Who the calls of a batch are about. The lookup composite's queries find the record the dialer named (a Lead, Contact
 * or person account id, or its external id), and the Lead a previous attempt created; the calls still without a person
 * are then searched by phone number in one Parameterized Search request per 100 numbers (Search is not a resource
 * Composite runs: REST API Developer Guide, "Composite"). A converted Lead, however it was found, stands for the
 * Contact it was converted into; a person contact stands for its person account.
 */
final class PersonLookup {
    // Lead (00Q), Contact (003) and Account (001) record ids, 15 or 18 characters.
    private static final Pattern RECORD_ID = Pattern.compile("(00Q|003|001)[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?");
    static final String LEADS = "leads";
    static final String CONTACTS = "contacts";
    static final String ACCOUNTS = "personAccounts";
    static final String PERSON_ACCOUNT = "PersonAccount";
    /** The phone lookup order's words. */
    static final Set<String> TYPES = Set.of("Lead", "Contact", PERSON_ACCOUNT);
    static final int PHONES_PER_SEARCH = 100;
    /**
     * Every phone field of each object (Object Reference for the Salesforce Platform: Lead, Contact, Account and its
     * person account fields). SOSL's PHONE FIELDS scope searches them all, so each is read back and compared.
     */
    static final Map<String, List<String>> PHONE_FIELDS = Map.of(
            "Lead", List.of("Phone", "MobilePhone", "Fax"),
            "Contact", List.of("Phone", "MobilePhone", "HomePhone", "OtherPhone", "AssistantPhone", "Fax"),
            PERSON_ACCOUNT, List.of("Phone", "Fax", "PersonMobilePhone", "PersonHomePhone", "PersonOtherPhone",
                    "PersonAssistantPhone"));

    private final SalesforceActions.Options options;
    private final SalesforceApi api;

    PersonLookup(SalesforceActions.Options options, SalesforceApi api) {
        this.options = options;
        this.api = api;
    }

    private boolean personAccounts() {
        return options.phoneOrder().contains(PERSON_ACCOUNT);
    }

    /**
     * The lookup's queries about people: one on Lead (the dialer's Lead ids, its external ids and, when the router
     * creates Leads, the exact numbers it would create them with, so that a retry finds a Lead the first attempt made
     * before the search index does), one on Contact (the dialer's Contact ids and external ids), and, with person
     * accounts in the lookup order, one on Account (the dialer's Account ids and external ids).
     */
    List<Map<String, Object>> requests(List<CallEvent> events) {
        Map<String, Set<String>> ids = Map.of("00Q", new LinkedHashSet<>(), "003", new LinkedHashSet<>(),
                "001", new LinkedHashSet<>());
        Set<String> externalIds = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        for (CallEvent event : events) {
            String dialerId = event.getCustomerExternalId();
            if (dialerId != null && RECORD_ID.matcher(dialerId).matches()) {
                ids.get(dialerId.substring(0, 3)).add(dialerId);
            } else if (dialerId != null && options.externalIdField() != null) {
                externalIds.add(dialerId);
            }
            if (options.noMatch() == SalesforceActions.NoMatch.CREATE_LEAD && event.getCustomerNumber() != null) {
                numbers.add(event.getCustomerNumber());
            }
        }
        String external = options.externalIdField();
        List<Map<String, Object>> requests = new ArrayList<>();
        List<String> leadFilters = filters(ids.get("00Q"), external, externalIds);
        if (!numbers.isEmpty()) {
            leadFilters.add("Phone IN (" + SalesforceApi.quoted(numbers) + ")");
        }
        if (!leadFilters.isEmpty()) {
            requests.add(query(LEADS, "Id, OwnerId, IsConverted, ConvertedContactId, Phone", "Lead", external,
                    leadFilters));
        }
        List<String> contactFilters = filters(ids.get("003"), external, externalIds);
        if (!contactFilters.isEmpty()) {
            requests.add(query(CONTACTS, "Id, OwnerId" + (personAccounts() ? ", IsPersonAccount, AccountId" : ""),
                    "Contact", external, contactFilters));
        }
        if (personAccounts()) {
            String accountExternal = external == null ? null : Person.Type.PERSON_ACCOUNT.field(external);
            List<String> accountFilters = filters(ids.get("001"), accountExternal, externalIds);
            if (!accountFilters.isEmpty()) {
                requests.add(query(ACCOUNTS, "Id, OwnerId, IsPersonAccount, PersonContactId", "Account",
                        accountExternal, accountFilters));
            }
        }
        return requests;
    }

    private static List<String> filters(Set<String> ids, String externalField, Set<String> externalIds) {
        List<String> filters = new ArrayList<>();
        if (!ids.isEmpty()) {
            filters.add("Id IN (" + SalesforceApi.quoted(ids) + ")");
        }
        if (externalField != null && !externalIds.isEmpty()) {
            filters.add(externalField + " IN (" + SalesforceApi.quoted(externalIds) + ")");
        }
        return filters;
    }

    private Map<String, Object> query(String reference, String fields, String type, String externalField,
            List<String> filters) {
        return SalesforceApi.get(reference, api.query("SELECT " + fields + (externalField != null ? ", "
                + externalField : "") + " FROM " + type + " WHERE " + String.join(" OR ", filters)));
    }

    /** A Parameterized Search request body: these numbers in the phone fields of the lookup order's objects. */
    private String search(List<String> terms) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (String type : options.phoneOrder()) {
            Map<String, Object> object = new LinkedHashMap<>();
            List<String> fields = new ArrayList<>(List.of("Id", "OwnerId"));
            if (type.equals(PERSON_ACCOUNT)) {
                fields.add("PersonContactId");
            }
            fields.addAll(PHONE_FIELDS.get(type));
            object.put("name", type.equals(PERSON_ACCOUNT) ? "Account" : type);
            object.put("fields", fields);
            if (type.equals("Lead")) {
                object.put("where", "IsConverted = false");
            } else if (type.equals(PERSON_ACCOUNT)) {
                object.put("where", "IsPersonAccount = true");
            } else if (personAccounts()) {
                object.put("where", "IsPersonAccount = false"); // a person contact is found as its person account
            }
            objects.add(object);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("q", String.join(" OR ", terms));
        body.put("in", "PHONE");
        body.put("sobjects", objects);
        body.put("overallLimit", 2000);
        return Json.write(body);
    }

    /** The lookup's answers about people, to find each call's person in. */
    final class Found {
        private final Map<String, JsonNode> leads = new HashMap<>();
        private final Map<String, JsonNode> contacts = new HashMap<>();
        private final Map<String, JsonNode> accounts = new HashMap<>();
        private final List<JsonNode> phoneMatches = new ArrayList<>();
        /** Answers the router could not read, by reference: the calls that needed them are refused with it. */
        private final Map<String, String> unreadable = new HashMap<>();
        private final Deque<String> searches = new ArrayDeque<>();

        /**
         * @param answers  the lookup composite's answers by reference
         * @param taskWho  the WhoId (and WhatId) of the call Task a previous attempt wrote, by call
         */
        Found(Map<String, JsonNode> answers, List<CallEvent> events, Function<CallEvent, JsonNode> taskWho) {
            read(answers, LEADS, leads);
            read(answers, CONTACTS, contacts);
            read(answers, ACCOUNTS, accounts);
            List<String> terms = events.stream().filter(event -> known(event, taskWho.apply(event)) == null)
                    .map(PersonLookup::phoneTerms).filter(t -> t != null).distinct().toList();
            for (int from = 0; from < terms.size(); from += PHONES_PER_SEARCH) {
                searches.add(search(terms.subList(from, Math.min(terms.size(), from + PHONES_PER_SEARCH))));
            }
        }

        private void read(Map<String, JsonNode> answers, String reference, Map<String, JsonNode> into) {
            JsonNode answer = answers.get(reference);
            if (answer == null) {
                return;
            }
            if (!answer.path("records").isArray()) {
                unreadable.put(reference, SalesforcePlan.raw(answer));
                return;
            }
            answer.path("records").forEach(record -> into.put(Json.text(record, "Id"), record));
        }

        /** The next phone search to send, or null when every call's person is known or searched for. */
        String pendingSearch() {
            return searches.peek();
        }

        /** The pending phone search's answer ({@code searchRecords}, Parameterized Search's response body). */
        void searched(JsonNode answer) {
            searches.poll();
            if (!answer.path("searchRecords").isArray()) {
                unreadable.put("phoneSearch", SalesforcePlan.raw(answer));
                return;
            }
            answer.path("searchRecords").forEach(phoneMatches::add);
        }

        /** The call's person; {@code task} is the call Task a previous attempt wrote (its WhoId and WhatId), or null. */
        Person person(CallEvent event, JsonNode task) {
            Person known = known(event, task);
            return known != null ? known : byPhone(event);
        }

        /** The person the dialer's id or an earlier attempt's Task names; null when the phone number decides. */
        private Person known(CallEvent event, JsonNode task) {
            String dialerId = event.getCustomerExternalId();
            if (dialerId != null && RECORD_ID.matcher(dialerId).matches()) {
                String reference = dialerId.startsWith("00Q") ? LEADS : dialerId.startsWith("003") ? CONTACTS
                        : ACCOUNTS;
                if (unreadable.containsKey(reference)) {
                    return unreadable(reference);
                }
                Person byId = byId(dialerId);
                if (byId != null) {
                    return byId;
                }
                // not there (deleted, merged, not visible to the integration user, or a business account): found
                // like any caller
            } else if (dialerId != null && options.externalIdField() != null) {
                Person byExternalId = byExternalId(dialerId);
                if (byExternalId.found() || byExternalId.refusal() != null) {
                    return byExternalId;
                }
            }
            String who = task == null ? null : Json.text(task, "WhoId");
            String what = task == null ? null : Json.text(task, "WhatId");
            if (who != null && RECORD_ID.matcher(who).matches()) {
                if (what != null && what.startsWith("001") && who.startsWith("003")) {
                    return Person.personAccount(what, who, null); // the call Task names the person account
                }
                return leads.containsKey(who) ? followed(leads.get(who)) : Person.of(who);
            }
            return null;
        }

        private Person unreadable(String reference) {
            return Person.refused("UNKNOWN: Salesforce's answer to the " + reference + " lookup could not be read: "
                    + unreadable.get(reference));
        }

        /** The record the dialer's id names, followed; null when the lookup did not find it as a person. */
        private Person byId(String dialerId) {
            Map<String, JsonNode> found = dialerId.startsWith("00Q") ? leads : dialerId.startsWith("003") ? contacts
                    : accounts;
            JsonNode record = found.get(dialerId);
            if (record == null) {
                record = found.values().stream().filter(r -> Json.text(r, "Id").startsWith(dialerId)).findFirst()
                        .orElse(null); // a 15-character id names the record whose 18-character id it begins
            }
            return record == null ? null : person(record, dialerId.substring(0, 3));
        }

        /** A record the lookup returned as the person it stands for; null for a business account. */
        private Person person(JsonNode record, String prefix) {
            String id = Json.text(record, "Id");
            String owner = Json.text(record, "OwnerId");
            return switch (prefix) {
                case "00Q" -> followed(record);
                case "003" -> record.path("IsPersonAccount").asBoolean(false)
                        ? Person.personAccount(Json.text(record, "AccountId"), id, owner) : Person.of(id, owner);
                default -> record.path("IsPersonAccount").asBoolean(false)
                        ? Person.personAccount(id, Json.text(record, "PersonContactId"), owner) : null;
            };
        }

        private Person byExternalId(String dialerId) {
            String field = options.externalIdField();
            for (String reference : List.of(LEADS, CONTACTS, ACCOUNTS)) {
                Map<String, JsonNode> found = reference.equals(LEADS) ? leads : reference.equals(CONTACTS) ? contacts
                        : accounts;
                String column = reference.equals(ACCOUNTS) ? Person.Type.PERSON_ACCOUNT.field(field) : field;
                if (unreadable.containsKey(reference)) {
                    return unreadable(reference);
                }
                Map<String, Person> matches = new LinkedHashMap<>();
                found.values().forEach(record -> {
                    if (dialerId.equals(Json.text(record, column))) {
                        Person person = person(record, Json.text(record, "Id").substring(0, 3));
                        if (person != null) {
                            matches.put(person.id(), person);
                        }
                    }
                });
                if (matches.size() > 1) {
                    return Person.refused("MULTIPLE_RECORDS: several " + (reference.equals(LEADS) ? "Lead"
                            : reference.equals(CONTACTS) ? "Contact" : "person account") + " records have " + column
                            + " = " + dialerId);
                }
                if (matches.size() == 1) {
                    return matches.values().iterator().next();
                }
            }
            return Person.NOBODY;
        }

        private Person byPhone(CallEvent event) {
            String terms = phoneTerms(event);
            if (terms != null) {
                if (unreadable.containsKey("phoneSearch")) {
                    return unreadable("phoneSearch");
                }
                String national = terms.substring(terms.lastIndexOf(' ') + 1);
                for (String type : options.phoneOrder()) {
                    String sObject = type.equals(PERSON_ACCOUNT) ? "Account" : type;
                    for (JsonNode match : phoneMatches) {
                        if (sObject.equals(match.path("attributes").path("type").asText())
                                && PHONE_FIELDS.get(type).stream()
                                        .anyMatch(field -> digits(Json.text(match, field)).endsWith(national))) {
                            return type.equals(PERSON_ACCOUNT) ? Person.personAccount(Json.text(match, "Id"),
                                    Json.text(match, "PersonContactId"), Json.text(match, "OwnerId"))
                                    : Person.of(Json.text(match, "Id"), Json.text(match, "OwnerId"));
                        }
                    }
                }
            }
            if (event.getCustomerNumber() != null) {
                // a Lead with exactly this number: one the router created, perhaps on an attempt whose answer was lost
                for (JsonNode lead : leads.values()) {
                    if (event.getCustomerNumber().equals(Json.text(lead, "Phone"))) {
                        return followed(lead);
                    }
                }
            }
            return Person.NOBODY;
        }
    }

    /** A Lead as it stands: itself, or, once converted, the Contact it became. */
    private static Person followed(JsonNode lead) {
        String id = Json.text(lead, "Id");
        String contact = Json.text(lead, "ConvertedContactId");
        if (lead.path("IsConverted").asBoolean(false)) {
            return contact != null ? new Person(contact, Person.Type.CONTACT, contact, null, id, null)
                    : new Person(null, null, null, null, id, null);
        }
        return new Person(id, Person.Type.LEAD, id, Json.text(lead, "OwnerId"), null, null);
    }

    /** Search terms for a number: all its digits, and its last ten (how a national number is often stored). */
    static String phoneTerms(CallEvent event) {
        String digits = digits(event.getCustomerNumber());
        if (digits.length() < 7) {
            return null;
        }
        return digits.length() > 10 ? digits + " OR " + digits.substring(digits.length() - 10) : digits;
    }

    private static String digits(String number) {
        return number == null ? "" : number.replaceAll("\\D", "");
    }
}
