package org.calloutcome.router.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.calloutcome.router.normalize.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test org refuses what a real org refuses: no router test passes on a request Salesforce would not take. */
class FakeSalesforceTest {

    private static JsonNode write(WireMockServer server, String task) throws Exception {
        String composite = "{\"compositeRequest\": [{\"method\": \"POST\", \"url\": \"/services/data/v60.0/composite"
                + "/sobjects\", \"referenceId\": \"tasks\", \"body\": {\"allOrNone\": false, \"records\": [" + task
                + "]}}]}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.baseUrl() + "/services/data/v60.0/composite"))
                .POST(HttpRequest.BodyPublishers.ofString(composite)).header("Content-Type", "application/json")
                .build(), HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(answer.body()).path("compositeResponse").path(0);
    }

    @Test
    void aWrittenFieldTheObjectLacksIsRefusedWithInvalidField() throws Exception {
        WireMockServer server = new FakeSalesforce().serve();
        try {
            JsonNode refused = write(server, "{\"attributes\": {\"type\": \"Task\"}, \"Subject\": \"Call\","
                    + " \"Prioritty\": \"High\"}");
            assertEquals(400, refused.path("httpStatusCode").asInt(), refused.toString());
            assertEquals("INVALID_FIELD", refused.path("body").path(0).path("errorCode").asText(), refused.toString());
            JsonNode taken = write(server, "{\"attributes\": {\"type\": \"Task\"}, \"Subject\": \"Call\","
                    + " \"Priority\": \"High\", \"CallObject\": \"fake-test:1\"}");
            assertEquals(200, taken.path("httpStatusCode").asInt(), taken.toString());
        } finally {
            server.stop();
        }
    }

    @Test
    void anAdminsFieldIsDescribedWithItsTypeAndAValueItsTypeCannotParseRefusesTheWholeRequest() throws Exception {
        FakeSalesforce org = new FakeSalesforce();
        org.customFields.put("Task.Appointment__c", FakeSalesforce.CustomField.of("date"));
        org.customFields.put("Task.Next_Step__c", FakeSalesforce.CustomField.text(10));
        WireMockServer server = org.serve();
        try {
            String composite = "{\"compositeRequest\": [{\"method\": \"GET\", \"url\": \"/services/data/v60.0/sobjects"
                    + "/Task/describe\", \"referenceId\": \"describe\"}]}";
            HttpResponse<String> describe = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.baseUrl() + "/services/data/v60.0/composite"))
                    .POST(HttpRequest.BodyPublishers.ofString(composite)).header("Content-Type", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
            String fields = Json.MAPPER.readTree(describe.body()).path("compositeResponse").path(0).path("body")
                    .path("fields").toString();
            assertTrue(fields.contains("{\"name\":\"Appointment__c\",\"type\":\"date\""), fields);
            assertTrue(fields.contains("{\"name\":\"Next_Step__c\",\"type\":\"string\",\"length\":10"), fields);

            JsonNode unparsable = write(server, "{\"attributes\": {\"type\": \"Task\"}, \"Subject\": \"Call\","
                    + " \"Appointment__c\": \"next Tuesday\"}");
            assertEquals("JSON_PARSER_ERROR", unparsable.path("body").path(0).path("errorCode").asText(),
                    unparsable.toString());
            JsonNode tooLong = write(server, "{\"attributes\": {\"type\": \"Task\"}, \"Subject\": \"Call\","
                    + " \"Next_Step__c\": \"Send the renewal quote\"}");
            assertEquals("STRING_TOO_LONG", tooLong.path("body").path(0).path("errors").path(0).path("statusCode")
                    .asText(), tooLong.toString());
            JsonNode undeclared = write(server, "{\"attributes\": {\"type\": \"Task\"}, \"Subject\": \"Call\","
                    + " \"Mood__c\": \"fine\"}");
            assertEquals("INVALID_FIELD", undeclared.path("body").path(0).path("errorCode").asText(),
                    "a custom field the org does not have: " + undeclared);
        } finally {
            server.stop();
        }
    }
}
