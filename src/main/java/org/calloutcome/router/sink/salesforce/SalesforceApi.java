package org.calloutcome.router.sink.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.normalize.Json;

/** The shapes of Salesforce's REST API the sink speaks: composite subrequests, SOQL and SOSL URLs, their answers. */
final class SalesforceApi {
    private final String base;

    SalesforceApi(String apiVersion) {
        this.base = "/services/data/v" + apiVersion;
    }

    String query(String soql) {
        return base + "/query?q=" + encode(soql);
    }

    String search(String sosl) {
        return base + "/search?q=" + encode(sosl);
    }

    /** sObject Describe: the object's fields, their types and lengths, and what the user may do with them. */
    String describe(String sObject) {
        return base + "/sobjects/" + sObject + "/describe";
    }

    String collections() {
        return base + "/composite/sobjects";
    }

    static Map<String, Object> get(String reference, String url) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", "GET");
        request.put("url", url);
        request.put("referenceId", reference);
        return request;
    }

    static String composite(List<Map<String, Object>> requests) {
        Map<String, Object> composite = new LinkedHashMap<>();
        composite.put("allOrNone", false);
        composite.put("compositeRequest", requests);
        return Json.write(composite);
    }

    static String quoted(Collection<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + literal(v) + "'").toList());
    }

    private static String literal(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static JsonNode read(Object answer) throws IOException {
        if (answer instanceof InputStream in) {
            return Json.MAPPER.readTree(in);
        }
        if (answer instanceof byte[] bytes) {
            return Json.MAPPER.readTree(bytes);
        }
        return Json.MAPPER.readTree(String.valueOf(answer));
    }
}
