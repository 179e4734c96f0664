package org.calloutcome.router.compliance;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import org.calloutcome.router.normalize.Json;

/**
 * The ledger as an auditor receives it: JSON ({@code {"optOuts": [...]}}) or CSV (one row an entry, the columns
 * below), written entry by entry as the ledger reads them. Numbers are masked as the mails mask them; no transcript is
 * part of an entry.
 */
public final class OptOutExport {
    public static final List<String> COLUMNS = List.of("kind", "vendor", "account", "vendorCallId", "number",
            "heardAt", "receivedAt", "receivedVia", "deadline", "state", "recordId", "recordedIn", "recordedAt",
            "why", "alertedAt", "alertedTo", "resolution");

    private OptOutExport() {
    }

    /** Writes the filter's entries as JSON. */
    public static void json(OptOutLedger ledger, OptOutLedger.Filter filter, OutputStream out) throws Exception {
        try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("optOuts");
            ledger.each(filter, entry -> {
                try {
                    json.writeObject(entry);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** Writes the filter's entries as CSV (RFC 4180), with a header row. */
    public static void csv(OptOutLedger ledger, OptOutLedger.Filter filter, OutputStream out) throws Exception {
        try (Writer csv = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            csv.write(String.join(",", COLUMNS) + "\r\n");
            ledger.each(filter, entry -> {
                try {
                    csv.write(row(entry));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static String row(Map<String, Object> entry) {
        StringBuilder row = new StringBuilder();
        for (String column : COLUMNS) {
            if (!column.equals(COLUMNS.get(0))) {
                row.append(',');
            }
            Object value = entry.get(column);
            String text = value == null ? "" : value.toString();
            // a cell a spreadsheet would run as a formula starts with a quote mark
            if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("[+-]?\\d.*")) {
                text = "'" + text;
            }
            boolean quoted = text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r");
            row.append(quoted ? "\"" + text.replace("\"", "\"\"") + "\"" : text);
        }
        return row.append("\r\n").toString();
    }
}
