package org.calloutcome.router;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.util.StringHelper;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.SalesforceOrgs;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.platforms.Platforms;
import org.calloutcome.router.queue.GiveWay;
import org.calloutcome.router.queue.InboxBacklog;
import org.calloutcome.router.queue.Wakeup;
import org.calloutcome.router.sink.salesforce.FieldMappings;
import org.calloutcome.router.sink.salesforce.SalesforceActions;
import org.calloutcome.router.sink.salesforce.SalesforceLogin;
import org.calloutcome.router.sink.salesforce.SalesforceWork;

import static org.apache.camel.support.CamelContextHelper.mandatoryLookup;

/**
 * The Salesforce sink, once per org: the default org (camel-salesforce's own {@code camel.component.salesforce.*}
 * options, {@code router.salesforce.*}) and each of {@code router.salesforce.orgs}, whose connection is
 * {@code router.salesforce.org.<org>.<option>} with the same option names (from the environment too:
 * {@code ROUTER_SALESFORCE_ORG_CLINIC_A_CLIENT_SECRET}) and whose other settings fall back to the default org's. Each
 * org has a camel-salesforce component of its own ({@code salesforce-<org>}) and its beans
 * ({@code salesforceLogin-<org>}, {@code salesforceActions-<org>}, {@code salesforceWork-<org>}); its routes exist only
 * when its login is configured. Beans are built when first looked up.
 */
public class SalesforceConfiguration implements CamelConfiguration {
    /** An org names a sink, salesforce-<org>, of at most 40 characters. */
    private static final String ORG_NAME = "[a-z0-9][a-z0-9-]{0,28}";
    /** The connection options of camel-salesforce an org sets by the same names as the default connection. */
    private static final List<String> CONNECTION = List.of("login-url", "client-id", "client-secret", "user-name",
            "password", "refresh-token", "instance-url", "api-version");

    /** Each other org's component, and its beans, looked up by its routes. */
    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = mandatoryLookup(context, "settings", Settings.class);
        for (String org : orgNames(settings)) {
            String sink = SalesforceOrgs.sink(org);
            context.addComponent(sink, component(context, settings, org));
            context.getRegistry().bind("salesforceLogin-" + org, SalesforceLogin.class,
                    () -> SalesforceLogin.configure(context, sink, salesforceLoginOptions(settings, org)));
            context.getRegistry().bind("salesforceActions-" + org, SalesforceActions.class,
                    () -> new SalesforceActions(org, salesforceOptions(settings, org), Clock.systemUTC(),
                            mandatoryLookup(context, "routerMetrics", RouterMetrics.class)));
            context.getRegistry().bind("salesforceWork-" + org, SalesforceWork.class, () -> work(context,
                    settings, org, mandatoryLookup(context, "salesforceActions-" + org, SalesforceActions.class)));
        }
    }

    /** camel-salesforce configured from its {@code camel.component.salesforce.*} options; off without a login. */
    @BindToRegistry(value = "salesforceLogin", lazy = true)
    public SalesforceLogin salesforceLogin(CamelContext context, Settings settings) {
        return SalesforceLogin.configure(context, SalesforceOrgs.SINK, salesforceLoginOptions(settings, null));
    }

    /** Every org's login, by its sink. */
    @BindToRegistry(value = "salesforceOrgLogins", lazy = true)
    public Map<String, SalesforceLogin> salesforceOrgLogins(CamelContext context, Settings settings,
            @BeanInject("salesforceLogin") SalesforceLogin login) {
        Map<String, SalesforceLogin> logins = new LinkedHashMap<>();
        logins.put(SalesforceOrgs.SINK, login);
        for (String org : orgNames(settings)) {
            logins.put(SalesforceOrgs.sink(org), mandatoryLookup(context, "salesforceLogin-" + org,
                    SalesforceLogin.class));
        }
        return logins;
    }

    @BindToRegistry(value = "salesforceActions", lazy = true)
    public SalesforceActions salesforceActions(Settings settings, RouterMetrics metrics) {
        return new SalesforceActions(salesforceOptions(settings, null), Clock.systemUTC(), metrics);
    }

    @BindToRegistry(value = "salesforceWork", lazy = true)
    public SalesforceWork salesforceWork(CamelContext context, Settings settings,
            @BeanInject("salesforceActions") SalesforceActions actions) {
        return work(context, settings, null, actions);
    }

    /** Which org each platform account's calls are written to. */
    @BindToRegistry(value = "salesforceOrgs", lazy = true)
    public SalesforceOrgs salesforceOrgs(Settings settings,
            @BeanInject("webhookAccounts") Map<String, WebhookAccounts> accounts) {
        return orgs(settings, accounts);
    }

    private static SalesforceWork work(CamelContext context, Settings settings, String org,
            SalesforceActions actions) {
        OrgSettings of = new OrgSettings(settings, org);
        @SuppressWarnings("unchecked")
        Map<String, Wakeup> wakeups = mandatoryLookup(context, "sinkWakeups", Map.class);
        String sink = SalesforceOrgs.sink(org);
        return new SalesforceWork(sink, mandatoryLookup(context, "deliveries", Deliveries.class),
                new SalesforceWork.Pauses(Duration.ofSeconds(Long.parseLong(of.require("limit-pause-seconds"))),
                        Duration.ofSeconds(Long.parseLong(of.require("concurrent-limit-pause-seconds")))),
                new GiveWay(mandatoryLookup(context, "inboxBacklog", InboxBacklog.class), Duration.ofMillis(
                        settings.number("router.delivery.share-while-inbox-busy-ms")), wakeups.get(sink)), actions);
    }

    /** An org's camel-salesforce component, given its connection by Camel's own property binding. */
    static SalesforceComponent component(CamelContext context, Settings settings, String org) {
        Map<String, Object> options = new TreeMap<>();
        options.put("rawPayload", settings.require("camel.component.salesforce.raw-payload"));
        options.put("lazyLogin", settings.require("camel.component.salesforce.lazy-login"));
        options.put("apiVersion", settings.require("camel.component.salesforce.api-version"));
        options.put("loginUrl", settings.require("camel.component.salesforce.login-url"));
        for (String option : CONNECTION) {
            settings.get(orgPrefix(org) + option).ifPresent(v -> options.put(StringHelper.dashToCamelCase(option), v));
        }
        SalesforceComponent component = new SalesforceComponent();
        PropertyBindingSupport.build().withCamelContext(context).withTarget(component).withProperties(options)
                .withMandatory(true).bind();
        return component;
    }

    // An org's options, bound once from its settings (application.properties says what each does).

    /** The orgs of {@code router.salesforce.orgs}, checked. */
    public static List<String> orgNames(Settings settings) {
        List<String> names = new ArrayList<>();
        for (String raw : settings.get("router.salesforce.orgs").orElse("").split(",")) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            if (!name.matches(ORG_NAME) || name.equals("default") || names.contains(name)) {
                throw new IllegalStateException("router.salesforce.orgs: '" + name + "' cannot name an org (lower-case"
                        + " letters, digits and '-', up to 29, not 'default', each once)");
            }
            names.add(name);
        }
        return names;
    }

    /**
     * The org each platform account names ({@code router.<vendor>.account.<account>.salesforce-org}); one that
     * {@code router.salesforce.orgs} does not list stops the start.
     */
    public static SalesforceOrgs orgs(Settings settings, Map<String, WebhookAccounts> accounts) {
        List<String> names = orgNames(settings);
        Map<String, String> byAccount = new LinkedHashMap<>();
        accounts.forEach((vendor, of) -> of.named().forEach(account -> {
            String setting = "router." + vendor + ".account." + account + ".salesforce-org";
            settings.get(setting).ifPresent(org -> {
                if (!names.contains(org)) {
                    throw new IllegalStateException(setting + " = " + org + ": router.salesforce.orgs does not list it"
                            + " (" + names + ")");
                }
                byAccount.put(vendor + "/" + account, org);
            });
        }));
        return new SalesforceOrgs(names, byAccount);
    }

    private static String orgPrefix(String org) {
        return "router.salesforce.org." + org + ".";
    }

    /**
     * The login given for an org (null: the default one, {@code camel.component.salesforce.*} and
     * {@code router.salesforce.keystore}); an org's login URL defaults to the default org's.
     */
    public static SalesforceLogin.Options salesforceLoginOptions(Settings settings, String org) {
        String component = org == null ? "camel.component.salesforce." : orgPrefix(org);
        String router = org == null ? "router.salesforce." : orgPrefix(org);
        return new SalesforceLogin.Options(settings.get(component + "login-url")
                .orElse(settings.require("camel.component.salesforce.login-url")),
                settings.get(component + "client-id").isPresent(),
                settings.get(component + "client-secret").isPresent(),
                settings.get(component + "refresh-token").isPresent(),
                settings.get(component + "user-name").isPresent() && settings.get(component + "password").isPresent(),
                settings.get(router + "keystore").orElse(null), settings.get(router + "keystore-password").orElse(null),
                settings.get(router + "jwt-audience").orElse(null));
    }

    /** What an org's sink writes: {@code router.salesforce.org.<org>.*}, else {@code router.salesforce.*}. */
    public static SalesforceActions.Options salesforceOptions(Settings settings, String org) {
        OrgSettings of = new OrgSettings(settings, org);
        return new SalesforceActions.Options(
                (org == null ? Optional.<String>empty() : settings.get(orgPrefix(org) + "api-version"))
                        .orElse(settings.require("camel.component.salesforce.api-version")),
                of.get("external-id-field").orElse(null),
                List.of(of.require("phone-lookup-order").split("\\s*,\\s*")),
                SalesforceActions.NoMatch.valueOf(of.require("no-match").toUpperCase(Locale.ROOT).replace('-', '_')),
                of.get("converted-lead-status").orElse(null),
                Boolean.parseBoolean(of.require("opt-out-of-email")),
                Integer.parseInt(of.require("follow-up-days")),
                Boolean.parseBoolean(of.require("escalation-case")),
                of.withPrefix("disposition."),
                Boolean.parseBoolean(of.require("include-transcript")),
                of.get("do-not-text-field").orElse(null),
                of.require("duplicate-leads").strip().equalsIgnoreCase("save"),
                of.get("time-zone").map(ZoneId::of).orElse(null),
                of.get("follow-up-owner").orElse(null),
                Integer.parseInt(of.require("api-reserve-percent")),
                fieldMappings(settings, org, System.getenv()));
    }

    /** The default org's options. */
    public static SalesforceActions.Options salesforceOptions(Settings settings) {
        return salesforceOptions(settings, null);
    }

    public static FieldMappings fieldMappings(Settings settings, Map<String, String> environment) {
        return fieldMappings(settings, null, environment);
    }

    /**
     * {@code router.salesforce.task.field.*} and {@code router.salesforce.person.field.*}, from the files and from the
     * environment ({@code ROUTER_SALESFORCE_TASK_FIELD_NEXT_STEP__C}: Salesforce's API names ignore case); an org's
     * own ({@code router.salesforce.org.<org>.task.field.*}) over them.
     */
    public static FieldMappings fieldMappings(Settings settings, String org, Map<String, String> environment) {
        Set<String> platforms = new HashSet<>();
        Platforms.ALL.forEach(platform -> platforms.add(platform.id()));
        List<List<FieldMappings.Mapping>> both = new ArrayList<>();
        for (String object : List.of("task", "person")) {
            String prefix = "router.salesforce." + object + ".field.";
            Map<String, String> given = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            String variable = prefix.toUpperCase(Locale.ROOT).replace('.', '_');
            environment.forEach((name, value) -> {
                if (name.startsWith(variable) && name.length() > variable.length() && !value.isBlank()) {
                    given.put(name.substring(variable.length()).replace("__C", "__c"), value);
                }
            });
            given.putAll(settings.withPrefix(prefix));
            if (org != null) {
                prefix = orgPrefix(org) + object + ".field.";
                given.putAll(settings.withPrefix(prefix));
            }
            both.add(FieldMappings.parse(prefix, given, platforms, object.equals("person")));
        }
        return new FieldMappings(both.get(0), both.get(1));
    }

    /** An org's setting: {@code router.salesforce.org.<org>.<key>}, else {@code router.salesforce.<key>}. */
    private record OrgSettings(Settings settings, String org) {
        Optional<String> get(String key) {
            Optional<String> own = org == null ? Optional.empty() : settings.get(orgPrefix(org) + key);
            return own.or(() -> settings.get("router.salesforce." + key));
        }

        String require(String key) {
            return get(key).orElseGet(() -> settings.require("router.salesforce." + key));
        }

        Map<String, String> withPrefix(String key) {
            Map<String, String> merged = new TreeMap<>(settings.withPrefix("router.salesforce." + key));
            if (org != null) {
                merged.putAll(settings.withPrefix(orgPrefix(org) + key));
            }
            return merged;
        }
    }
}
