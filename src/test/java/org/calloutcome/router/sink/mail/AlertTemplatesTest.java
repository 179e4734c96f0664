package org.calloutcome.router.sink.mail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertTemplatesTest {

    private static Exchange alert(DefaultCamelContext context) {
        Exchange exchange = new DefaultExchange(context);
        Map<String, Object> view = Map.of("headline", "Opt-out: Altur outbound call");
        exchange.setProperty(MailWork.MAIL, new AlertMail(List.of(), view, false));
        exchange.setProperty(MailWork.ALERT, view);
        return exchange;
    }

    @Test
    void aTemplateEditedInItsFolderShowsInTheNextAlert(@TempDir Path folder) throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            Path text = folder.resolve("alert.txt");
            Files.writeString(text, "${exchangeProperty.alert[headline]}\n");
            AlertTemplates templates = new AlertTemplates(context, "file:" + folder);
            assertEquals("Opt-out: Altur outbound call\n", templates.text(alert(context)));

            Files.writeString(text, "Please act: ${exchangeProperty.alert[headline]}\n");
            Files.setLastModifiedTime(text, FileTime.fromMillis(Files.getLastModifiedTime(text).toMillis() + 2000));
            assertEquals("Please act: Opt-out: Altur outbound call\n", templates.text(alert(context)));
        }
    }

    @Test
    void theShippedTemplatesAreReadFromTheClasspath() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            AlertTemplates templates = new AlertTemplates(context, "classpath:templates");
            assertTrue(templates.text(alert(context)).startsWith("Opt-out: Altur outbound call\n"));
        }
    }
}
