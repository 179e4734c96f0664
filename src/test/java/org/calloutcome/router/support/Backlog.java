package org.calloutcome.router.support;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A campaign's worth of CallKaro calls for tests of routers in processes of their own, on a PostgreSQL schema of the
 * test's: every tenth call an opt-out (a Salesforce DoNotCall and an alert mail besides the call's Task, lead status and
 * follow-up). Posts them as a vendor does, retrying what was not acknowledged once the router is back.
 */
public final class Backlog {
    private Backlog() {
    }

    public static String callSid(int i) {
        return String.format("campaign%05d", i);
    }

    public static boolean optOut(int i) {
        return i % 10 == 0;
    }

    public static byte[] call(int i) {
        String call = new String(Webhooks.example("callkaro-call-ended.json"), StandardCharsets.UTF_8)
                .replace("2303fa770b666a64ab1694c1e", callSid(i))
                .replace("\"to\": \"918765432109\"", String.format("\"to\": \"9187654%05d\"", i));
        if (optOut(i)) {
            call = call.replace("Customer requested callback", "Customer said: do not call me again")
                    .replace("\"conversion_status\": true", "\"conversion_status\": false");
        }
        return call.getBytes(StandardCharsets.UTF_8);
    }

    /** Settings of a router on the test's schema, its Salesforce the fake org at {@code salesforce}. */
    public static Map<String, String> routerSettings(String schema, String salesforce) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "router.db.url", PostgresSchema.URL, "router.db.user", "postgres", "router.db.schema", schema,
                "router.callkaro.token", Webhooks.CALLKARO_TOKEN, "router.mail.outbox", "target/" + schema + "-outbox",
                "router.salesforce.poll-interval-ms", "200", "camel.component.salesforce.login-url", salesforce,
                "camel.component.salesforce.client-id", "fake-client-id", "camel.component.salesforce.client-secret", "fake-client-secret"));
        settings.putAll(Map.of("camel.component.salesforce.user-name", "router@example.com",
                "camel.component.salesforce.password", "fake-password"));
        return settings;
    }

    /** Waits until every stored webhook is processed and every Salesforce action and alert done. */
    public static void awaitAllDone(CallLog log) {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> log.rows(
                "SELECT COUNT(*) AS n FROM inbox WHERE status <> 'PROCESSED' UNION ALL"
                        + " SELECT COUNT(*) FROM delivery WHERE status <> 'DONE'").stream()
                .allMatch(row -> "0".equals(String.valueOf(row.get("n")))));
    }

    /** Posts calls 0..count-1 from {@code threads} clients; retries one that was not acknowledged after a restart. */
    public static final class Vendor {
        public final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        private volatile String url;
        private volatile CountDownLatch routerBack = new CountDownLatch(1);
        private final ExecutorService clients;
        private final List<Future<?>> running = new ArrayList<>();

        public Vendor(String url, int threads) {
            this.url = url;
            this.clients = Executors.newFixedThreadPool(threads);
            for (int t = 0; t < threads; t++) {
                running.add(null);
            }
        }

        public Vendor post(int count) {
            int threads = running.size();
            for (int t = 0; t < threads; t++) {
                int first = t;
                running.set(t, clients.submit(() -> {
                    for (int i = first; i < count; i += threads) {
                        deliver(i);
                    }
                    return null;
                }));
            }
            return this;
        }

        private void deliver(int i) throws InterruptedException {
            while (true) {
                try {
                    int status = new Webhooks(url).callkaro(call(i)).status();
                    if (status == 202 || status == 200) {
                        acknowledged.add(callSid(i));
                        return;
                    }
                } catch (UncheckedIOException refused) {
                    // the router is down: like a vendor, try again later
                }
                if (!routerBack.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the router did not come back");
                }
            }
        }

        /** The router is back (at {@code newUrl}): what failed is sent again. */
        public void routerBack(String newUrl) {
            url = newUrl;
            routerBack.countDown();
        }

        public void awaitDone() throws Exception {
            for (Future<?> client : running) {
                client.get(180, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }
    }
}
