package org.calloutcome.router.sink.mail;

import java.util.Locale;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.calloutcome.router.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where alerts go: the SMTP server of {@code router.mail.smtp-*} (SMTP_HOST, ...), with STARTTLS, TLS or neither; with no
 * SMTP host, the {@code .eml} outbox folder. The mail routes send to {@link #endpoint} when {@link #smtp}.
 */
public record MailServer(boolean smtp, String endpoint) {
    private static final Logger LOG = LoggerFactory.getLogger(MailServer.class);
    static final String OPTIONS = "contentType=text/html;%20charset=UTF-8&alternativeBodyHeader=CamelMailAlternativeBody";
    static final String OUTBOX_ENDPOINT = "smtp://outbox?" + OPTIONS;
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    /**
     * Jakarta Mail 2.1 looks its stream provider up with a ServiceLoader (every jar on the class path searched) for each
     * multipart and each part it writes: two thirds of the time an alert took to build. Named by its system
     * property, the one class is loaded instead (jakartaee/mail-api issues 699 and 861).
     */
    private static void nameStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /** The SMTP server of the settings, its credentials given to the mail component; else the outbox folder. */
    public static MailServer configure(CamelContext context, Settings settings) {
        nameStreamProvider();
        Optional<String> host = settings.get("router.mail.smtp-host");
        if (host.isEmpty()) {
            LOG.info("Alert mails are written to {} as .eml files: set SMTP_HOST to send them",
                    settings.require("router.mail.outbox"));
            return new MailServer(false, OUTBOX_ENDPOINT);
        }
        String security = settings.require("router.mail.smtp-security").toLowerCase(Locale.ROOT);
        String scheme = security.equals("tls") ? "smtps" : "smtp";
        // credentials go to the component, never into the endpoint URI, where a password would need escaping
        MailConfiguration credentials = context.getComponent(scheme, MailComponent.class).getConfiguration();
        settings.get("router.mail.smtp-username").ifPresent(credentials::setUsername);
        settings.get("router.mail.smtp-password").ifPresent(credentials::setPassword);
        StringBuilder uri = new StringBuilder(scheme).append("://")
                .append(host.get()).append(':').append(settings.require("router.mail.smtp-port"))
                .append('?').append(OPTIONS);
        if (security.equals("starttls")) {
            uri.append("&mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true");
        }
        LOG.info("Alert mails are sent through {}:{} ({})", host.get(), settings.require("router.mail.smtp-port"),
                security);
        return new MailServer(true, uri.toString());
    }
}
