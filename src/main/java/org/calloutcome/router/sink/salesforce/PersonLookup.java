package org.calloutcome.router.sink.salesforce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.normalize.Json;

/**
 * Who the calls of a batch are about, found with the queries of the batch's one lookup composite: the Lead or Contact
 * record id the dialer carried, its external id, the Lead a previous attempt attached the call Task to, then the phone
 * number. A converted Lead, however it was found, stands for the Contact it was converted into.
 */
final class PersonLookup {
    // Lead (00Q) and Contact (003) record ids, 15 or 18 characters.
    private static final Pattern RECORD_ID = Pattern.compile("(00Q|003)[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?");
    static final String LEADS = "leads";
    static final String CONTACTS = "contactsByExternalId";
    static final String BY_PHONE = "byPhone";
    static final int PHONES_PER_SEARCH = 100;

    private final SalesforceActions.Options options;
    private final SalesforceApi api;

    PersonLookup(SalesforceActions.Options options, SalesforceApi api) {
        this.options = options;
        this.api = api;
    }

    /**
     * The lookup's queries about people: one on Lead (the dialer's Lead ids, its external ids and, when the router
     * creates Leads, the exact numbers it would create them with, so that a retry finds a Lead the first attempt made
     * before the search index does), one on Contact by external id, and phone searches of up to 100 numbers each.
     */
    List<Map<String, Object>> requests(List<CallEvent> events) {
        List<Map<String, Object>> requests = new ArrayList<>();
        Set<String> leadIds = new LinkedHashSet<>();
        Set<String> externalIds = new LinkedHashSet<>();
        Set<String> numbers = new LinkedHashSet<>();
        for (CallEvent event : events) {
            String dialerId = event.getCustomerExternalId();
            if (dialerId != null && RECORD_ID.matcher(dialerId).matches()) {
                if (dialerId.startsWith("00Q")) {
                    leadIds.add(dialerId);
                }
            } else if (dialerId != null && options.externalIdField() != null) {
                externalIds.add(dialerId);
            }
            if (options.noMatch() == SalesforceActions.NoMatch.CREATE_LEAD && event.getCustomerNumber() != null) {
                numbers.add(event.getCustomerNumber());
            }
        }
        List<String> leadFilters = new ArrayList<>();
        if (!leadIds.isEmpty()) {
            leadFilters.add("Id IN (" + SalesforceApi.quoted(leadIds) + ")");
        }
        if (!externalIds.isEmpty()) {
            leadFilters.add(options.externalIdField() + " IN (" + SalesforceApi.quoted(externalIds) + ")");
        }
        if (!numbers.isEmpty()) {
            leadFilters.add("Phone IN (" + SalesforceApi.quoted(numbers) + ")");
        }
        if (!leadFilters.isEmpty()) {
            requests.add(SalesforceApi.get(LEADS, api.query("SELECT Id, IsConverted, ConvertedContactId, Phone"
                    + (options.externalIdField() != null ? ", " + options.externalIdField() : "") + " FROM Lead WHERE "
                    + String.join(" OR ", leadFilters))));
        }
        if (!externalIds.isEmpty()) {
            requests.add(SalesforceApi.get(CONTACTS, api.query("SELECT Id, " + options.externalIdField()
                    + " FROM Contact WHERE " + options.externalIdField() + " IN (" + SalesforceApi.quoted(externalIds)
                    + ")")));
        }
        List<String> terms = events.stream().map(PersonLookup::phoneTerms).filter(t -> t != null).distinct().toList();
        List<String> returning = new ArrayList<>();
        for (String type : options.phoneOrder()) {
            returning.add(type + "(Id, Phone, MobilePhone" + (type.equals("Lead") ? " WHERE IsConverted = false" : "")
                    + ")");
        }
        for (int from = 0; from < terms.size(); from += PHONES_PER_SEARCH) {
            List<String> chunk = terms.subList(from, Math.min(terms.size(), from + PHONES_PER_SEARCH));
            requests.add(SalesforceApi.get(BY_PHONE + from / PHONES_PER_SEARCH, api.search("FIND {"
                    + String.join(" OR ", chunk) + "} IN PHONE FIELDS RETURNING " + String.join(", ", returning))));
        }
        return requests;
    }

    /** The lookup's answers about people, to find each call's person in. */
    final class Found {
        private final Map<String, JsonNode> leads = new HashMap<>();
        private final List<JsonNode> contacts = new ArrayList<>();
        private final List<JsonNode> phoneMatches = new ArrayList<>();

        Found(Map<String, JsonNode> answers) {
            answers.getOrDefault(LEADS, Json.MAPPER.missingNode()).path("records")
                    .forEach(lead -> leads.put(Json.text(lead, "Id"), lead));
            answers.getOrDefault(CONTACTS, Json.MAPPER.missingNode()).path("records").forEach(contacts::add);
            answers.forEach((reference, body) -> {
                if (reference.startsWith(BY_PHONE)) {
                    body.path("searchRecords").forEach(phoneMatches::add);
                }
            });
        }

        /** The call's person; {@code taskWho} is the WhoId of the call's Task when a previous attempt wrote one. */
        Person person(CallEvent event, String taskWho) {
            String dialerId = event.getCustomerExternalId();
            if (dialerId != null && RECORD_ID.matcher(dialerId).matches()) {
                if (dialerId.startsWith("003")) {
                    return Person.of(dialerId);
                }
                JsonNode lead = leads.get(dialerId);
                if (lead == null) {
                    lead = leads.values().stream().filter(l -> Json.text(l, "Id").startsWith(dialerId)).findFirst()
                            .orElse(null); // a 15-character id names the Lead whose 18-character id it begins
                }
                if (lead != null) {
                    return followed(lead);
                }
                // not there (deleted, merged, or not visible to the integration user): found like any caller
            } else if (dialerId != null && options.externalIdField() != null) {
                Person byExternalId = byExternalId(dialerId);
                if (byExternalId.found() || byExternalId.refusal() != null) {
                    return byExternalId;
                }
            }
            if (taskWho != null && RECORD_ID.matcher(taskWho).matches()) {
                return leads.containsKey(taskWho) ? followed(leads.get(taskWho)) : Person.of(taskWho);
            }
            return byPhone(event);
        }

        private Person byExternalId(String dialerId) {
            Set<String> leadMatches = new LinkedHashSet<>();
            Map<String, Person> people = new HashMap<>();
            leads.values().forEach(lead -> {
                if (dialerId.equals(Json.text(lead, options.externalIdField()))) {
                    Person person = followed(lead);
                    leadMatches.add(person.id());
                    people.put(person.id(), person);
                }
            });
            Set<String> contactMatches = new LinkedHashSet<>();
            contacts.forEach(contact -> {
                if (dialerId.equals(Json.text(contact, options.externalIdField()))) {
                    contactMatches.add(Json.text(contact, "Id"));
                }
            });
            for (Set<String> matches : List.of(leadMatches, contactMatches)) {
                if (matches.size() > 1) {
                    String type = matches == leadMatches ? "Lead" : "Contact";
                    return Person.refused("MULTIPLE_RECORDS: several " + type + " records have "
                            + options.externalIdField() + " = " + dialerId);
                }
                if (matches.size() == 1) {
                    String id = matches.iterator().next();
                    return people.getOrDefault(id, Person.of(id));
                }
            }
            return Person.NOBODY;
        }

        private Person byPhone(CallEvent event) {
            String terms = phoneTerms(event);
            if (terms != null) {
                String national = terms.substring(terms.lastIndexOf(' ') + 1);
                for (String type : options.phoneOrder()) {
                    for (JsonNode match : phoneMatches) {
                        if (type.equals(match.path("attributes").path("type").asText())
                                && (digits(Json.text(match, "Phone")).endsWith(national)
                                        || digits(Json.text(match, "MobilePhone")).endsWith(national))) {
                            return Person.of(Json.text(match, "Id"));
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
            return contact != null ? new Person(contact, "Contact", id, null) : new Person(null, null, id, null);
        }
        return new Person(id, "Lead", null, null);
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
