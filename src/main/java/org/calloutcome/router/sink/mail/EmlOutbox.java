package org.calloutcome.router.sink.mail;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.mail.MailEndpoint;

/**
 * With no SMTP server configured, alerts are written as {@code .eml} files (open them with any mail program), built by
 * camel-mail exactly as it would send them.
 */
public final class EmlOutbox {
    private final Path folder;
    /** Only builds messages; looking its providers up again for every mail cost a fifth of the mail worker's time. */
    private final Session session;

    /** @param from the sender, whose domain the Message-ID takes (JavaMail makes it from {@code mail.from}) */
    public EmlOutbox(Path folder, String from) {
        this.folder = folder;
        Properties properties = new Properties();
        properties.setProperty("mail.from", from);
        this.session = Session.getInstance(properties);
    }

    public String write(Exchange exchange, @ExchangeProperty(MailWork.MAIL) AlertMail mail) throws Exception {
        return write(exchange, "alert-" + mail.deliveries().get(0).id());
    }

    /** An operations mail (see {@code PipelineIncidents}): named after its incident and the time it was written. */
    public String writeOperations(Exchange exchange, @ExchangeProperty(MailRoutes.OPERATIONS) Map<String, Object> mail)
            throws Exception {
        return write(exchange, "operations-" + String.valueOf(mail.get("incident")).replaceAll("[^a-z0-9-]", "-")
                + "-" + System.currentTimeMillis());
    }

    private String write(Exchange exchange, String name) throws Exception {
        MailEndpoint endpoint = exchange.getContext().getEndpoint(MailServer.OUTBOX_ENDPOINT, MailEndpoint.class);
        MimeMessage message = new MimeMessage(session);
        endpoint.getBinding().populateMailMessage(endpoint, message, exchange);
        message.saveChanges();
        Files.createDirectories(folder);
        Path file = folder.resolve(name + ".eml");
        // written aside, then moved in whole: whoever watches the folder never opens half a mail
        Path partial = folder.resolve(name + ".eml.tmp");
        try (OutputStream out = Files.newOutputStream(partial)) {
            message.writeTo(out);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        String to = exchange.getIn().getHeader("To", String.class);
        return "written to " + file + (to == null ? "" : " for " + to);
    }
}
