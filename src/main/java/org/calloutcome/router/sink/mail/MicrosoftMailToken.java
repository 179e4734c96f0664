package org.calloutcome.router.sink.mail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLSocketFactory;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;

/**
 * The access token Microsoft 365 takes for SMTP AUTH XOAUTH2: the client credentials grant of an app registration
 * with the {@code SMTP.SendAsApp} permission, scope {@code https://outlook.office365.com/.default} (Microsoft Learn,
 * "Authenticate an IMAP, POP or SMTP connection using OAuth"). Microsoft's msal4j fetches it, keeps it, and fetches a
 * new one before it expires; a refused request says why in Microsoft's words ({@code AADSTS...}), never the secret.
 */
public final class MicrosoftMailToken {
    static final String SCOPE = "https://outlook.office365.com/.default";
    private static final long TIMEOUT_SECONDS = 30;

    private final ConfidentialClientApplication app;
    private final ClientCredentialParameters parameters = ClientCredentialParameters.builder(Set.of(SCOPE)).build();

    /** What identifies the app: its tenant and client id, and a secret or a PKCS12 certificate. */
    public record App(String authority, String tenant, String clientId, String secret, String certificate,
            String certificatePassword) {
    }

    /** @param trust the TLS trust for the token endpoint (null: the JVM's) */
    public MicrosoftMailToken(App app, SSLSocketFactory trust) throws Exception {
        IClientCredential credential;
        if (app.certificate() != null) {
            try (InputStream in = Files.newInputStream(Path.of(app.certificate()))) {
                credential = ClientCredentialFactory.createFromCertificate(in, app.certificatePassword() == null ? ""
                        : app.certificatePassword());
            }
        } else {
            credential = ClientCredentialFactory.createFromSecret(app.secret());
        }
        String authority = app.authority().endsWith("/") ? app.authority() : app.authority() + "/";
        java.net.URI uri = java.net.URI.create(authority);
        ConfidentialClientApplication.Builder builder = ConfidentialClientApplication.builder(app.clientId(),
                credential).authority(authority + app.tenant() + "/")
                // the authority is the operator's setting (a national cloud, say): msal4j is told it is its own one
                // name instead of asking Microsoft's discovery endpoint, and finds its kept token by that name
                .aadInstanceDiscoveryResponse("""
                        {"tenant_discovery_endpoint": "%1$s%2$s/v2.0/.well-known/openid-configuration",
                         "api-version": "1.1",
                         "metadata": [{"preferred_network": "%3$s", "preferred_cache": "%3$s",
                                       "aliases": ["%3$s", "%4$s"]}]}
                        """.formatted(authority, app.tenant(), uri.getHost(), uri.getAuthority()))
                .instanceDiscovery(false)
                .connectTimeoutForDefaultHttpClient(10_000).readTimeoutForDefaultHttpClient(10_000);
        if (trust != null) {
            builder.sslSocketFactory(trust);
        }
        this.app = builder.build();
    }

    /** A token valid for some minutes yet: the one kept, or a new one. */
    public String token() {
        try {
            return app.acquireToken(parameters).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).accessToken();
        } catch (ExecutionException e) {
            throw new MailLoginRefused("token refused: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new MailLoginRefused("token endpoint did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailLoginRefused("interrupted while fetching a token", e);
        }
    }

    /** The mail server's login could not be made: the token endpoint refused, or did not answer. */
    public static final class MailLoginRefused extends IllegalStateException {
        MailLoginRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
