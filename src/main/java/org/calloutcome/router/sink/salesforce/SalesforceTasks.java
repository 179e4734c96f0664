package org.calloutcome.router.sink.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Direction;
import org.calloutcome.router.normalize.Json;

/**
 * What a call becomes in Salesforce: one completed call Task ({@code TaskSubtype=Call}) whose {@code CallObject} is the
 * vendor call id, so that the same call is recognised and never logged twice.
 */
public final class SalesforceTasks {
    // Lead (00Q) and Contact (003) record ids, 15 or 18 characters: the only records a Task's WhoId may name.
    private static final Pattern WHO_ID = Pattern.compile("(00Q|003)[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?");

    private final Map<String, String> dispositions;

    /** @param dispositions {@code CallDisposition} per business outcome name; an outcome not listed is written as is */
    public SalesforceTasks(Map<String, String> dispositions) {
        this.dispositions = dispositions;
    }

    /** SOQL for a Task already logged for this call. */
    public String existingTaskQuery(CallEvent event) {
        return "SELECT Id FROM Task WHERE CallObject = '" + soqlLiteral(callObject(event)) + "' LIMIT 1";
    }

    /** The Task as the JSON body of a create request. */
    public String task(CallEvent event) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("Subject", subject(event));
        task.put("TaskSubtype", "Call");
        task.put("Type", "Call");
        task.put("Status", "Completed");
        task.put("Priority", event.isEscalation() ? "High" : "Normal");
        if (event.getDirection() != Direction.UNKNOWN) {
            task.put("CallType", event.getDirection() == Direction.INBOUND ? "Inbound" : "Outbound");
        }
        if (event.getDurationSeconds() != null) {
            task.put("CallDurationInSeconds", event.getDurationSeconds());
        }
        task.put("CallDisposition", disposition(event));
        task.put("CallObject", callObject(event));
        if (event.getEndedAt() != null || event.getStartedAt() != null) {
            task.put("ActivityDate", (event.getEndedAt() != null ? event.getEndedAt() : event.getStartedAt())
                    .atZone(ZoneOffset.UTC).toLocalDate().toString());
        }
        task.put("Description", description(event));
        String whoId = whoId(event);
        if (whoId != null) {
            task.put("WhoId", whoId);
        }
        return Json.write(task);
    }

    /** The customer's Lead or Contact, when the vendor carried its record id back from the dialer. */
    public String whoId(CallEvent event) {
        String id = event.getCustomerExternalId();
        return id != null && WHO_ID.matcher(id).matches() ? id : null;
    }

    /** The first record's Id in a query answer, or null when it found none. */
    public String firstId(Object queryAnswer) throws IOException {
        JsonNode records = read(queryAnswer).path("records");
        return records.isArray() && !records.isEmpty() ? Json.text(records.get(0), "Id") : null;
    }

    /** The new record's id in a create answer. */
    public String createdId(Object createAnswer) throws IOException {
        return Json.text(read(createAnswer), "id");
    }

    String callObject(CallEvent event) {
        return event.getVendor() + ":" + event.getVendorCallId();
    }

    private String disposition(CallEvent event) {
        String outcome = event.getBusinessOutcome().name();
        return dispositions.getOrDefault(outcome, outcome.toLowerCase(Locale.ROOT).replace('_', ' '));
    }

    private static String subject(CallEvent event) {
        String direction = event.getDirection() == Direction.UNKNOWN ? ""
                : " " + event.getDirection().name().toLowerCase(Locale.ROOT);
        return "Call (" + event.getVendor() + direction + "): "
                + event.getBusinessOutcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Summary and links; never the transcript. */
    private static String description(CallEvent event) {
        StringBuilder text = new StringBuilder();
        if (event.getSummary() != null) {
            text.append(event.getSummary()).append("\n\n");
        }
        text.append("Outcome: ").append(event.getBusinessOutcome()).append(" (").append(event.getConnectivity())
                .append(")");
        if (event.getDashboardUrl() != null) {
            text.append("\nCall: ").append(event.getDashboardUrl());
        }
        if (event.getRecordingUrl() != null) {
            text.append("\nRecording: ").append(event.getRecordingUrl());
        }
        return text.toString();
    }

    private static String soqlLiteral(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static JsonNode read(Object answer) throws IOException {
        if (answer instanceof InputStream in) {
            return Json.MAPPER.readTree(in);
        }
        if (answer instanceof byte[] bytes) {
            return Json.MAPPER.readTree(bytes);
        }
        return Json.MAPPER.readTree(String.valueOf(answer).getBytes(StandardCharsets.UTF_8));
    }
}
