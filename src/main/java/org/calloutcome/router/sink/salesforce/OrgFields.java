package org.calloutcome.router.sink.salesforce;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.normalize.Timestamps;

/**
 * The org's fields as its describes say ("sObject Describe": each field's {@code name}, {@code type}, {@code length},
 * {@code createable}, {@code updateable}), read once per object, and a mapped value made into what a field's type
 * wants: a date, a date-time, a number, a checkbox, or text cut to the field's length (an object or a list as compact
 * JSON). A value that does not fit is left out of its record and said why: Salesforce refuses a whole request whose
 * body holds a date it cannot parse ({@code JSON_PARSER_ERROR}), so a field is never a reason to lose the call's Task.
 */
final class OrgFields {
    /** A field as described. */
    record Field(String name, String type, int length, boolean createable, boolean updateable) {
    }

    /** What to write: the value, or why there is none. */
    record Fitted(Object value, String problem) {
        static Fitted problem(String problem) {
            return new Fitted(null, problem);
        }
    }

    private final Map<String, Map<String, Field>> byObject = new ConcurrentHashMap<>();

    boolean described(String sObject) {
        return byObject.containsKey(sObject);
    }

    /** Keeps an object's describe. */
    void read(String sObject, JsonNode describe) {
        Map<String, Field> fields = new ConcurrentHashMap<>();
        for (JsonNode field : describe.path("fields")) {
            String name = field.path("name").asText();
            fields.put(name.toLowerCase(Locale.ROOT), new Field(name, field.path("type").asText("string"),
                    field.path("length").asInt(0), field.path("createable").asBoolean(false),
                    field.path("updateable").asBoolean(false)));
        }
        byObject.put(sObject, fields);
    }

    /** The field of that name (API names are case-insensitive), or null. */
    Field field(String sObject, String name) {
        Map<String, Field> fields = byObject.get(sObject);
        return fields == null ? null : fields.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * {@code value} for the field {@code name} of {@code sObject}, as its type wants it; {@code creating}: the record is
     * created (else updated), which the integration user must be allowed to do to that field.
     */
    Fitted fit(String sObject, String name, JsonNode value, boolean creating) {
        Field field = field(sObject, name);
        if (field == null) {
            return Fitted.problem(name + ": " + sObject + " has no such field");
        }
        if (creating ? !field.createable() : !field.updateable()) {
            return Fitted.problem(field.name() + ": the integration user cannot " + (creating ? "set" : "edit")
                    + " it on " + sObject);
        }
        String text = value.isValueNode() ? value.asText().strip() : value.toString();
        try {
            return switch (field.type()) {
                case "date" -> new Fitted(date(text), null);
                case "datetime" -> new Fitted(dateTime(text), null);
                case "double", "currency", "percent" -> new Fitted(new BigDecimal(text.replace(",", "")), null);
                case "int", "long" -> new Fitted(new BigDecimal(text.replace(",", "")).toBigIntegerExact(), null);
                case "boolean" -> new Fitted(checkbox(text), null);
                default -> new Fitted(field.length() > 0 ? SalesforceRecords.fit(text, field.length()) : text, null);
            };
        } catch (IllegalArgumentException | ArithmeticException | DateTimeParseException notOfItsType) {
            return Fitted.problem(field.name() + ": '" + SalesforceRecords.fit(text, 40) + "' is not a "
                    + words(field.type()));
        }
    }

    /** A date as Salesforce writes one ({@code 2026-12-10}); a date-time's own date where one is given. */
    private static String date(String text) {
        if (text.length() > 10) {
            dateTime(text);
        }
        return LocalDate.parse(text.substring(0, Math.min(10, text.length()))).toString();
    }

    /** ISO 8601 with its offset; one without a zone is UTC (the call log's zone). */
    private static String dateTime(String text) {
        Instant instant = Timestamps.parse(text, ZoneOffset.UTC);
        if (instant == null) {
            throw new IllegalArgumentException(text);
        }
        return DateTimeFormatter.ISO_INSTANT.format(instant);
    }

    private static boolean checkbox(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static String words(String type) {
        return switch (type) {
            case "datetime" -> "date and time";
            case "double", "currency", "percent", "int", "long" -> "number";
            case "boolean" -> "checkbox value (true or false)";
            default -> type;
        };
    }

    /** Compact JSON of a value that is an object or a list, for a text field. */
    static String compact(JsonNode value) {
        return Json.write(value);
    }
}
