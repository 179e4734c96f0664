package org.calloutcome.router.sink.mail;

import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import javax.net.ssl.SSLSocketFactory;

import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.calloutcome.router.Logs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where alerts go: the SMTP server of {@code router.mail.smtp-*} (SMTP_HOST, ...), with STARTTLS, TLS or neither, and a
 * login by password or by OAuth 2.0 (SASL XOAUTH2, Microsoft 365: {@code SMTP_AUTH=oauth2}); with no SMTP host, the
 * {@code .eml} outbox folder. The mail routes send to {@link #endpoint} when {@link #smtp}. Every mail is
 * {@code Auto-Submitted: auto-generated} (RFC 3834: no out-of-office reply answers it) and its Message-ID is in the
 * sender's domain (JavaMail makes it from {@code mail.from}).
 */
public final class MailServer {
    private static final Logger LOG = LoggerFactory.getLogger(MailServer.class);
    static final String OPTIONS = "contentType=text/html;%20charset=UTF-8&alternativeBodyHeader=CamelMailAlternativeBody";
    static final String OUTBOX_ENDPOINT = "smtp://outbox?" + OPTIONS;
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";
    private static final int TIMEOUT_MS = 30_000;

    /** How the router logs in to the SMTP server. */
    public enum Login { NONE, PASSWORD, OAUTH2 }

    /**
     * {@code router.mail.*}: the server (null host: the outbox folder), its security ({@code starttls}, {@code tls},
     * {@code none}) and login ({@code password}, {@code oauth2}); optional values are null.
     */
    public record Options(String host, int port, String security, String auth, String username, String password,
            String from, String outbox, String trustStore, String trustStorePassword, OAuth oauth) {
    }

    /** {@code router.mail.oauth.*}: the app registration that fetches tokens for {@code SMTP_AUTH=oauth2}. */
    public record OAuth(String authority, String tenant, String clientId, String clientSecret, String certificate,
            String certificatePassword) {
    }

    private final boolean smtp;
    private final String endpoint;
    private final Login login;
    private final Properties properties;
    private final Session session;
    private final java.util.function.Supplier<PasswordAuthentication> credentials;
    private volatile String loginProblem;

    private MailServer(boolean smtp, String endpoint, Login login, Properties properties,
            java.util.function.Supplier<PasswordAuthentication> credentials) {
        this.smtp = smtp;
        this.endpoint = endpoint;
        this.login = login;
        this.properties = properties;
        this.session = properties == null ? null : Session.getInstance(properties);
        this.credentials = credentials;
    }

    public boolean smtp() {
        return smtp;
    }

    public String endpoint() {
        return endpoint;
    }

    public Login login() {
        return login;
    }

    /** What the last login attempt ({@link #checkLogin}) was refused with; null when it was taken, or never tried. */
    public String loginProblem() {
        return loginProblem;
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

    /** The SMTP server of the options, its login given to the mail component; else the outbox folder. */
    public static MailServer configure(CamelContext context, Options options) throws Exception {
        nameStreamProvider();
        if (options.host() == null) {
            LOG.info("Alert mails are written to {} as .eml files: set SMTP_HOST to send them", options.outbox());
            return new MailServer(false, OUTBOX_ENDPOINT, Login.NONE, null, null);
        }
        String host = options.host();
        String security = options.security().toLowerCase(Locale.ROOT);
        String scheme = security.equals("tls") ? "smtps" : "smtp";
        int port = options.port();
        Login login = login(options);
        SSLContextParameters trust = trust(context, options);
        Properties properties = properties(scheme, host, port, security, login, options.from(),
                trust == null ? null : trust.createSSLContext(context).getSocketFactory());
        MailConfiguration mail = context.getComponent(scheme, MailComponent.class).getConfiguration();
        mail.setAdditionalJavaMailProperties(additional(properties));
        if (trust != null) {
            mail.setSslContextParameters(trust);
        }
        java.util.function.Supplier<PasswordAuthentication> credentials;
        if (login == Login.OAUTH2) {
            String mailbox = Optional.ofNullable(options.username()).orElseThrow(() -> new IllegalStateException(
                    "SMTP_AUTH=oauth2 needs SMTP_USERNAME (router.mail.smtp-username): the mailbox alerts are sent as"));
            MicrosoftMailToken token = new MicrosoftMailToken(app(options.oauth()), trust == null ? null
                    : trust.createSSLContext(context).getSocketFactory());
            OAuthMailSender sender = new OAuthMailSender(mailbox, token);
            sender.setHost(host);
            sender.setPort(port);
            sender.setProtocol(scheme);
            sender.setJavaMailProperties(properties);
            mail.setJavaMailSender(sender);
            credentials = sender::getPasswordAuthentication;
        } else {
            // credentials go to the component, never into the endpoint URI, where a password would need escaping
            Optional.ofNullable(options.username()).ifPresent(mail::setUsername);
            Optional.ofNullable(options.password()).ifPresent(mail::setPassword);
            credentials = () -> new PasswordAuthentication(mail.getUsername(), mail.getPassword());
        }
        StringBuilder uri = new StringBuilder(scheme).append("://").append(host).append(':').append(port)
                .append('?').append(OPTIONS);
        if (security.equals("starttls")) {
            uri.append("&mail.smtp.starttls.enable=true&mail.smtp.starttls.required=true");
        }
        LOG.info("Alert mails are sent through {}:{} ({}, login: {})", host, port, security,
                login.name().toLowerCase(Locale.ROOT));
        return new MailServer(true, uri.toString(), login, properties, credentials);
    }

    /** SMTP_AUTH: {@code password} (a login when SMTP_USERNAME is set, as before) or {@code oauth2}. */
    private static Login login(Options options) {
        String auth = options.auth().toLowerCase(Locale.ROOT);
        return switch (auth) {
            case "oauth2" -> Login.OAUTH2;
            case "password" -> options.username() != null ? Login.PASSWORD : Login.NONE;
            default -> throw new IllegalStateException("SMTP_AUTH (router.mail.smtp-auth) is '" + auth
                    + "': it is password or oauth2");
        };
    }

    private static MicrosoftMailToken.App app(OAuth oauth) {
        if (oauth.tenant() == null) {
            throw new IllegalStateException(
                "SMTP_AUTH=oauth2 needs SMTP_OAUTH_TENANT (router.mail.oauth.tenant): the directory (tenant) id");
        }
        if (oauth.clientId() == null) {
            throw new IllegalStateException(
                "SMTP_AUTH=oauth2 needs SMTP_OAUTH_CLIENT_ID (router.mail.oauth.client-id): the app registration's id");
        }
        if (oauth.clientSecret() == null && oauth.certificate() == null) {
            throw new IllegalStateException("SMTP_AUTH=oauth2 needs SMTP_OAUTH_CLIENT_SECRET or SMTP_OAUTH_CERTIFICATE"
                    + " (router.mail.oauth.client-secret / .certificate)");
        }
        return new MicrosoftMailToken.App(oauth.authority(), oauth.tenant(), oauth.clientId(), oauth.clientSecret(),
                oauth.certificate(), oauth.certificatePassword());
    }

    /** A trust store for the mail server's and the token endpoint's certificates (a private CA); null: the JVM's. */
    private static SSLContextParameters trust(CamelContext context, Options options) {
        if (options.trustStore() == null) {
            return null;
        }
        KeyStoreParameters keys = new KeyStoreParameters();
        keys.setCamelContext(context);
        keys.setResource(options.trustStore());
        Optional.ofNullable(options.trustStorePassword()).ifPresent(keys::setPassword);
        TrustManagersParameters managers = new TrustManagersParameters();
        managers.setKeyStore(keys);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setCamelContext(context);
        parameters.setTrustManagers(managers);
        return parameters;
    }

    /** The JavaMail session's properties, for sending and for the login check alike. */
    private static Properties properties(String scheme, String host, int port, String security, Login login,
            String from, SSLSocketFactory trust) {
        Properties properties = new Properties();
        String p = "mail." + scheme + ".";
        properties.put("mail.transport.protocol", scheme);
        properties.put(p + "host", host);
        properties.put(p + "port", String.valueOf(port));
        properties.put(p + "connectiontimeout", String.valueOf(TIMEOUT_MS));
        properties.put(p + "timeout", String.valueOf(TIMEOUT_MS));
        properties.put(p + "writetimeout", String.valueOf(TIMEOUT_MS));
        // the Message-ID's domain (JavaMail's UniqueValue takes it from mail.from)
        properties.put("mail.from", from);
        if (security.equals("starttls")) {
            properties.put(p + "starttls.enable", "true");
            properties.put(p + "starttls.required", "true");
        }
        if (login != Login.NONE) {
            properties.put(p + "auth", "true");
        }
        if (login == Login.OAUTH2) {
            properties.put(p + "auth.mechanisms", "XOAUTH2");
        }
        if (trust != null) {
            properties.put(p + "ssl.socketFactory", trust);
        }
        return properties;
    }

    /** What camel-mail adds to the session it makes (password logins): the sender's domain and the timeouts. */
    private static Properties additional(Properties all) {
        Properties additional = new Properties();
        all.forEach((key, value) -> {
            if (value instanceof String text && (key.equals("mail.from") || key.toString().endsWith("timeout"))) {
                additional.setProperty(key.toString(), text);
            }
        });
        return additional;
    }

    /**
     * Connects and logs in, sending nothing (a token is fetched first, for OAuth): null when the server took the login,
     * else what went wrong in the words of the token endpoint or the mail server. Kept for the status page.
     */
    public String checkLogin() {
        if (!smtp) {
            return null;
        }
        String problem = null;
        try (Transport transport = session.getTransport()) {
            PasswordAuthentication login = credentials.get();
            transport.connect(login.getUserName(), login.getPassword());
        } catch (MicrosoftMailToken.MailLoginRefused refused) {
            problem = refused.getMessage();
        } catch (MessagingException | RuntimeException refused) {
            problem = "login refused: " + String.valueOf(refused.getMessage()).strip();
        }
        loginProblem = problem;
        return problem;
    }

    /** At start (a timer route, so that a slow server never delays the start): the login's fate, in the log. */
    public void checkLoginAtStart() {
        if (!smtp) {
            return;
        }
        String problem = checkLogin();
        if (problem == null) {
            LOG.info("Mail server login ({}): accepted", login.name().toLowerCase(Locale.ROOT));
        } else {
            LOG.warn("Mail server login ({}) failed, alerts by mail will be retried until it works: {}",
                    login.name().toLowerCase(Locale.ROOT), Logs.safe(problem));
        }
    }
}
