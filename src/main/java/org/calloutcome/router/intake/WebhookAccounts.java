package org.calloutcome.router.intake;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.camel.Exchange;

/**
 * A vendor's webhook accounts (a client's Retell workspace, Vapi org, Bland account): the default one on the vendor's
 * path with {@code router.<vendor>.<key>}, and each account named in {@code router.<vendor>.accounts} on
 * {@code <path>/<account>} with {@code router.<vendor>.account.<account>.<key>}. A request is verified with the
 * credential of the account its path names (a signature of another account's secret does not verify) and the
 * exchange says which account it came from ({@link #ACCOUNT}).
 */
public final class WebhookAccounts {
    /** The exchange property naming the account a webhook came from. */
    public static final String ACCOUNT = "account";
    public static final String DEFAULT = "default";
    private static final String NAME = "[a-z0-9][a-z0-9-]{0,39}";

    private final String vendor;
    private final String path;
    private final Map<String, WebhookCredential> byAccount;

    public WebhookAccounts(String vendor, String path, Map<String, WebhookCredential> byAccount) {
        this.vendor = vendor;
        this.path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        this.byAccount = byAccount;
    }

    /**
     * The vendor's accounts: the default one, and each named account, whose credential must be set (else the start
     * stops, naming {@code variable} for it: the variable of the account's credential).
     */
    public static WebhookAccounts of(String vendor, String path, WebhookCredential defaultAccount,
            List<WebhookCredential> named, java.util.function.Function<String, String> setting) {
        Map<String, WebhookCredential> accounts = new LinkedHashMap<>();
        accounts.put(DEFAULT, defaultAccount);
        for (WebhookCredential credential : named) {
            if (credential.secrets().isEmpty()) {
                throw new IllegalStateException("The " + vendor + " account " + credential.account()
                        + " has no credential: set " + setting.apply(credential.account()) + " ("
                        + credential.envVar() + ")");
            }
            accounts.put(credential.account(), credential);
        }
        return new WebhookAccounts(vendor, path, accounts);
    }

    /** A vendor with its default account alone. */
    public static WebhookAccounts single(String path, WebhookCredential credential) {
        return new WebhookAccounts(credential.vendor(), path, Map.of(DEFAULT, credential));
    }

    /** The account names {@code value} of {@code setting} ({@code router.<vendor>.accounts}) lists, checked. */
    public static List<String> names(String setting, String value) {
        List<String> names = new ArrayList<>();
        for (String raw : value.split(",")) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches(NAME) || name.equals(DEFAULT)) {
                throw new IllegalStateException(setting + ": '" + name + "' cannot name an account (lower-case"
                        + " letters, digits and '-', up to 40, not 'default')");
            }
            if (names.contains(name)) {
                throw new IllegalStateException(setting + " names " + name + " twice: two accounts on one path");
            }
            names.add(name);
        }
        return names;
    }

    /** The accounts named beside the default one. */
    public List<String> named() {
        return byAccount.keySet().stream().filter(name -> !name.equals(DEFAULT)).toList();
    }

    public String vendor() {
        return vendor;
    }

    public Collection<WebhookCredential> credentials() {
        return byAccount.values();
    }

    /** Verifies the request with its account's credential (see {@link WebhookCredential#verify}). */
    public void verify(Exchange exchange, Consumer<String> check) {
        WebhookCredential credential = of(exchange);
        exchange.setProperty(ACCOUNT, credential.account());
        credential.verify(exchange, check);
    }

    /** The account the request's path names: the vendor's path itself is the default one. */
    WebhookCredential of(Exchange exchange) {
        String uri = exchange.getIn().getHeader(Exchange.HTTP_URI, path, String.class);
        int query = uri.indexOf('?');
        String requested = query < 0 ? uri : uri.substring(0, query);
        requested = requested.endsWith("/") ? requested.substring(0, requested.length() - 1) : requested;
        WebhookCredential credential = null;
        int slash = requested.lastIndexOf('/');
        if (requested.endsWith(path)) {
            credential = byAccount.get(DEFAULT);
        } else if (slash > 0 && requested.substring(0, slash).endsWith(path)
                && !DEFAULT.equals(requested.substring(slash + 1))) {
            credential = byAccount.get(requested.substring(slash + 1));
        }
        if (credential == null) {
            throw new WebhookRejection(404, "unknown_account", "no " + vendor + " account is served at " + requested
                    + " (accounts: router." + vendor + ".accounts)");
        }
        return credential;
    }
}
