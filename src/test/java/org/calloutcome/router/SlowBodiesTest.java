package org.calloutcome.router;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bodies that trickle in (a slowloris): cut once they take longer than the body timeout, while a signed webhook beside
 * a hundred of them is answered as usual; past the limit of requests in progress, a request is refused at once, and
 * taken again once the slow ones are gone.
 */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:slow-bodies;DB_CLOSE_DELAY=-1",
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.http.body-timeout-ms=4000",
        "router.http.max-requests=110" })
class SlowBodiesTest extends RouterTest {

    /** A request whose headers promise 1,000 bytes of body, of which one arrives. */
    private Socket trickle() throws Exception {
        URI base = URI.create(webhooks.base());
        Socket socket = new Socket(base.getHost(), base.getPort());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /webhooks/callkaro?token=" + Webhooks.CALLKARO_TOKEN + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private static boolean closed(Socket socket) {
        try {
            socket.setSoTimeout(50);
            InputStream in = socket.getInputStream();
            return in.read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (java.io.IOException reset) {
            return true;
        }
    }

    @Test
    void aHundredTricklingBodiesAreCutAndNeverKeepASignedWebhookWaiting() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                slow.add(trickle());
            }
            assertEquals(202, webhooks.callkaro(Webhooks.callkaroOptOut("beside-slow-ones")).status(),
                    "answered while a hundred bodies trickle in");
            await().atMost(Duration.ofSeconds(20)).until(() -> slow.stream().allMatch(SlowBodiesTest::closed));
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertEquals(1, log.count("inbox"), "nothing of the cut bodies is stored");
    }

    @Test
    void pastTheLimitOfRequestsInProgressARequestIsRefusedAtOnceAndTakenOnceTheSlowOnesAreCut() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 110; i++) {
                slow.add(trickle());
            }
            // the server counts a request once it has read its headers
            await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.post("/nothing-here", new byte[0],
                    "application/json").status() == 503);
            Webhooks.Answer busy = webhooks.callkaro(Webhooks.callkaroOptOut("past-the-limit"));
            assertEquals(503, busy.status());
            assertEquals("busy", busy.error());
            await().atMost(Duration.ofSeconds(20)).until(() -> slow.stream().allMatch(SlowBodiesTest::closed));
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
        assertEquals(0, log.count("inbox"), "nothing stored of what was refused or cut");
        // the cut requests are no longer counted (the server counts them out as it closes them): a retry is taken
        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.callkaro(Webhooks.callkaroOptOut("past-the-limit"))
                .status() == 202);
    }
}
