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
 * SMTP host, the {@code .eml} outbox folder. Publishes the endpoint as {@code router.mail.endpoint} for the route.
 */
public final class MailSetup {
    private static final Logger LOG = LoggerFactory.getLogger(MailSetup.class);
    static final String OPTIONS = "contentType=text/html;%20charset=UTF-8&alternativeBodyHeader=CamelMailAlternativeBody";
    static final String OUTBOX_ENDPOINT = "smtp://outbox?" + OPTIONS;
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    private MailSetup() {
    }

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

    /** True when alerts go to an SMTP server, false when to the outbox folder. */
    public static boolean configure(CamelContext context, Settings settings) {
        nameStreamProvider();
        Optional<String> host = settings.get("router.mail.smtp-host");
        if (host.isEmpty()) {
            LOG.info("Alert mails are written to {} as .eml files: set SMTP_HOST to send them",
                    settings.get("router.mail.outbox", "./outbox"));
            context.getPropertiesComponent().addOverrideProperty("router.mail.smtp", "false");
            context.getPropertiesComponent().addOverrideProperty("router.mail.endpoint", OUTBOX_ENDPOINT);
            return false;
        }
        String security = settings.get("router.mail.smtp-security", "starttls").toLowerCase(Locale.ROOT);
        String scheme = security.equals("tls") ? "smtps" : "smtp";
        // credentials go to the component, never into the endpoint URI, where a password would need escaping
        MailConfiguration credentials = context.getComponent(scheme, MailComponent.class).getConfiguration();
        settings.get("router.mail.smtp-username").ifPresent(credentials::setUsername);
        settings.get("router.mail.smtp-password").ifPresent(credentials::setPassword);
        StringBuilder uri = new StringBuilder(scheme).append("://")
                .append(host.get()).append(':').append(settings.get("router.mail.smtp-port", "587"))
                .append('?').append(OPTIONS);
        if (security.equals("starttls")) {
            uri.append("&mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true");
        }
        context.getPropertiesComponent().addOverrideProperty("router.mail.endpoint", uri.toString());
        context.getPropertiesComponent().addOverrideProperty("router.mail.smtp", "true");
        LOG.info("Alert mails are sent through {}:{} ({})", host.get(), settings.get("router.mail.smtp-port", "587"),
                security);
        return true;
    }
}
