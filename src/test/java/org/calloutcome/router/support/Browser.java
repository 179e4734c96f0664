package org.calloutcome.router.support;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.normalize.Json;

import static org.awaitility.Awaitility.await;

/**
 * A headless Chromium (Debian's chromium and chromium-driver packages), driven over the W3C WebDriver protocol: open a
 * page, type into a field, click, read text, as a person at the browser would.
 */
public final class Browser implements AutoCloseable {
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Process driver;
    private final String session;

    public Browser() throws Exception {
        int port = RouterProcess.freePort();
        driver = new ProcessBuilder("chromedriver", "--port=" + port).redirectErrorStream(true)
                .redirectOutput(new File("target/chromedriver.log")).start();
        String base = "http://localhost:" + port;
        await().atMost(Duration.ofSeconds(20)).until(() -> ready(base));
        JsonNode created = call("POST", base + "/session", Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                "browserName", "chrome", "goog:chromeOptions", Map.of("binary", "/usr/bin/chromium",
                        "args", List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"))))));
        session = base + "/session/" + created.path("value").path("sessionId").asText();
    }

    private boolean ready(String base) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    public void open(String url) throws Exception {
        call("POST", session + "/url", Map.of("url", url));
    }

    public void type(String css, String text) throws Exception {
        call("POST", session + "/element/" + element(css) + "/value", Map.of("text", text));
    }

    public void click(String css) throws Exception {
        call("POST", session + "/element/" + element(css) + "/click", Map.of());
    }

    /** Waits until the page shows an element the selector finds (after a click that loads a page). */
    public void awaitElement(String css) {
        await().atMost(Duration.ofSeconds(20)).until(() -> call("POST", session + "/elements",
                Map.of("using", "css selector", "value", css)).path("value").size() > 0);
    }

    public String text(String css) throws Exception {
        return call("GET", session + "/element/" + element(css) + "/text", null).path("value").asText();
    }

    /** The text of every element the selector finds. */
    public List<String> texts(String css) throws Exception {
        List<String> texts = new ArrayList<>();
        for (JsonNode found : call("POST", session + "/elements", Map.of("using", "css selector", "value", css))
                .path("value")) {
            texts.add(call("GET", session + "/element/" + found.path(ELEMENT).asText() + "/text", null)
                    .path("value").asText());
        }
        return texts;
    }

    private String element(String css) throws Exception {
        return call("POST", session + "/element", Map.of("using", "css selector", "value", css)).path("value")
                .path(ELEMENT).asText();
    }

    private JsonNode call(String method, String url, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = Json.MAPPER.readTree(answer.body());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + url + ": " + answer.body());
        }
        return json;
    }

    @Override
    public void close() throws Exception {
        try {
            call("DELETE", session, null);
        } finally {
            driver.destroy();
        }
    }
}
