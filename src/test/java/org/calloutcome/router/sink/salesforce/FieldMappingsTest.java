package org.calloutcome.router.sink.salesforce;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.CallEventJson;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.platforms.Mappings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin's fields: one name per fact whatever the platform calls it, sources checked, values fitted to types. */
class FieldMappingsTest {
    private static final String TASK = "router.salesforce.task.field.";
    private static final String PERSON = "router.salesforce.person.field.";
    private static final Set<String> PLATFORMS = Set.of("retell", "vapi", "elevenlabs");

    private static JsonNode stored(String vendor, String example) {
        return CallEventJson.tree(Mappings.call(vendor, example));
    }

    private static JsonNode tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static FieldMappings.Source source(String text) {
        return FieldMappings.source("the setting", text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "altur         | altur-on-call-end.json                   | extracted.Payment Date   | 2024-12-26",
        "hms-sovereign | hms-sovereign-end-of-call-report.json    | extracted.main_topic     | Scheduling appointment",
        "clarion       | clarion-end-of-call.json                 | extracted.appointment_confirmed | true",
        "callkaro      | callkaro-call-ended.json                 | extracted.lead_status    | interested",
        "retell        | retell-call-analyzed.json                | extracted.outcome        | callback",
        "elevenlabs    | elevenlabs-post-call-transcription.json  | extracted.outcome        | do_not_call",
        "bland         | bland-call-completed.json                | extracted.demo_day       | Tuesday",
        "vapi          | vapi-end-of-call-report.json             | extracted.invoice_disputed | true"})
    void everyPlatformsExtractedDataIsReadByTheFactsName(String vendor, String example, String source,
            String value) {
        JsonNode found = source(source).valueIn(stored(vendor, example));
        assertEquals(value, found == null ? null : found.asText(), vendor + " " + source
                + (vendor.equals("elevenlabs") ? ": the value, without its rationale" : ""));
    }

    @Test
    void theCallEventsFieldsAreReadByTheirNamesAndAMissingValueIsNone() {
        JsonNode retell = stored("retell", "retell-call-analyzed.json");
        assertEquals("José wants a call back next week about the renewal.",
                source("event.summary").valueIn(retell).asText());
        assertEquals(191, source("event.durationSeconds").valueIn(retell).asInt());
        assertEquals("CALLBACK_REQUESTED", source("event.businessOutcome").valueIn(retell).asText());
        assertNull(source("extracted.next_step").valueIn(retell), "a fact the call lacks writes nothing");
        assertNull(source("event.sequenceId").valueIn(retell));
    }

    @Test
    void aSourceTheRouterCannotKnowStopsTheStartNamingTheSetting() {
        assertTrue(refusal(Map.of("Next_Step__c", "extractd.next_step"))
                .startsWith(TASK + "Next_Step__c = extractd.next_step: a source is extracted.<key>"));
        assertTrue(refusal(Map.of("Next_Step__c", "event.nosuchfield"))
                .startsWith(TASK + "Next_Step__c = event.nosuchfield: the call event has no field 'nosuchfield'"));
        assertTrue(refusal(Map.of("Next_Step__c", "extracted.a", "Next_Step__c.retel", "extracted.b"))
                .startsWith("Unknown setting " + TASK + "Next_Step__c.retel"));
        assertTrue(refusal(Map.of("Next_Step__c.vapi", "extracted.b")).startsWith(TASK + "Next_Step__c is not set"));
        assertTrue(refusal(Map.of("Next-Step", "extracted.b")).contains("is no Salesforce field name"));
    }

    private static String refusal(Map<String, String> given) {
        return assertThrows(IllegalStateException.class, () -> FieldMappings.parse(TASK, given, PLATFORMS, false))
                .getMessage();
    }

    @Test
    void aPlatformThatNamesTheFactOtherwiseHasItsOwnSourceAndAPersonFieldMayKeepItsFirstValue() {
        FieldMappings.Mapping step = FieldMappings.parse(TASK, Map.of("Next_Step__c", "extracted.next_step",
                "Next_Step__c.vapi", "extracted.nextStep"), PLATFORMS, false).get(0);
        assertEquals("extracted.nextStep", step.sourceFor("vapi").toString());
        assertEquals("extracted.next_step", step.sourceFor("retell").toString());
        List<FieldMappings.Mapping> person = FieldMappings.parse(PERSON, Map.of("First_Outcome__c",
                "event.businessOutcome", "First_Outcome__c.mode", "keep-existing"), PLATFORMS, true);
        assertTrue(person.get(0).keepExisting());
        assertThrows(IllegalStateException.class, () -> FieldMappings.parse(TASK, Map.of("X__c", "event.summary",
                "X__c.mode", "keep-existing"), PLATFORMS, false), "the Task is created once: it has no mode");
    }

    private static OrgFields org() {
        OrgFields org = new OrgFields();
        org.read("Task", tree("""
                {"fields": [
                  {"name": "Appointment__c", "type": "date", "createable": true, "updateable": true},
                  {"name": "Callback_At__c", "type": "datetime", "createable": true, "updateable": true},
                  {"name": "Amount__c", "type": "currency", "createable": true, "updateable": true},
                  {"name": "Disputed__c", "type": "boolean", "createable": true, "updateable": true},
                  {"name": "Next_Step__c", "type": "string", "length": 20, "createable": true, "updateable": true},
                  {"name": "Findings__c", "type": "textarea", "length": 32768, "createable": true, "updateable": true},
                  {"name": "Formula__c", "type": "string", "length": 80, "createable": false, "updateable": false}
                ]}"""));
        return org;
    }

    private static OrgFields.Fitted fit(String field, String json) {
        return org().fit("Task", field, tree(json), true);
    }

    @Test
    void aValueIsWrittenAsItsFieldsTypeWantsIt() {
        assertEquals("2026-12-10", fit("appointment__c", "\"2026-12-10\"").value(), "API names ignore case");
        assertEquals("2026-12-10", fit("Appointment__c", "\"2026-12-10T09:30:00+01:00\"").value(), "its own date");
        assertEquals("2026-12-10T09:30:00Z", fit("Callback_At__c", "\"2026-12-10 09:30:00\"").value(),
                "a zone-less time is UTC");
        assertEquals("1200.50", fit("Amount__c", "\"1,200.50\"").value().toString());
        assertEquals(1200, ((Number) fit("Amount__c", "1200").value()).intValue());
        assertEquals(true, fit("Disputed__c", "\"yes\"").value());
        assertEquals("Send the renewal qu…", fit("Next_Step__c", "\"Send the renewal quote today\"").value(),
                "text cut to the field's length");
        assertEquals("{\"slots\":[\"Mon\",\"Tue\"]}", fit("Findings__c", "{\"slots\": [\"Mon\", \"Tue\"]}").value(),
                "an object or a list is compact JSON in a text field");
    }

    @Test
    void aValueThatDoesNotFitSaysWhichFieldAndWhy() {
        assertEquals("Appointment__c: 'next Tuesday' is not a date", fit("Appointment__c", "\"next Tuesday\"")
                .problem());
        assertEquals("Amount__c: 'about a thousand' is not a number", fit("Amount__c", "\"about a thousand\"")
                .problem());
        assertEquals("Disputed__c: 'maybe' is not a checkbox value (true or false)", fit("Disputed__c", "\"maybe\"")
                .problem());
        assertEquals("Nope__c: Task has no such field", fit("Nope__c", "\"x\"").problem());
        assertEquals("Formula__c: the integration user cannot set it on Task", fit("Formula__c", "\"x\"").problem());
    }

    @Test
    void aMappedCallTaskCarriesTheFactsThatFitAndSaysWhatWasLeftOut() {
        FieldMappings mappings = new FieldMappings(FieldMappings.parse(TASK, Map.of("Next_Step__c",
                "extracted.outcome", "Appointment__c", "event.summary", "Findings__c", "extracted.missing"),
                PLATFORMS, false), List.of());
        CallEvent retell = Mappings.call("retell", "retell-call-analyzed.json");
        MappedFields.Call call = new MappedFields(mappings, org()).of(retell);
        Map<String, Object> task = new java.util.LinkedHashMap<>();
        call.addToTask(task);
        assertEquals(Map.of("Next_Step__c", "callback"), task);
        assertEquals(List.of("Appointment__c: 'José wants a call back next week about …' is not a date"), call.leftOut);
    }
}
