package org.calloutcome.router;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped HTTP server reads no more than a webhook may hold, and spools nothing to disk. */
class ServerLimitsTest {

    @Test
    void theServersBodyLimitIsJustAboveTheWebhooksAndUploadsAreOff() throws Exception {
        Properties shipped = new Properties();
        shipped.putAll(RouterConfiguration.codeDefaults()); // a platform's own settings have their defaults in code
        shipped.load(new StringReader(Files.readString(Path.of("application.properties"))));
        long webhook = Long.parseLong(shipped.getProperty("router.max-body-bytes").strip());
        long server = Long.parseLong(shipped.getProperty("camel.server.max-body-size").strip());
        assertTrue(server > webhook && server <= webhook + webhook / 8, server + " for webhooks of " + webhook);
        assertEquals("false", shipped.getProperty("camel.server.file-upload-enabled").strip());
        assertEquals("false", shipped.getProperty("router.altur.reserialized-signatures").strip());
    }
}
