package org.calloutcome.router;

import java.io.PrintStream;

import org.apache.camel.CamelContext;
import org.calloutcome.router.delivery.SalesforceOrgs;
import org.calloutcome.router.sink.AlertChannelsCheck;
import org.calloutcome.router.sink.mail.MailServer;
import org.calloutcome.router.sink.salesforce.SalesforceCheck;
import org.calloutcome.router.sink.salesforce.SalesforceLogin;
import org.calloutcome.router.sink.slack.SlackChannel;

/**
 * The checks an admin runs before go-live, in Camel with the router's own settings and no route:
 * {@code scripts/check-salesforce.sh [number]} ({@link SalesforceCheck}) and {@code scripts/check-alerts.sh}
 * ({@link AlertChannelsCheck}). Each prints a line per check and exits 0 when every check holds.
 */
public final class AdminChecks {

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "";
        int status = switch (which) {
            case "salesforce" -> {
                boolean org = args.length > 2 && args[1].equals("--org");
                String number = org ? (args.length > 3 ? args[3] : null) : args.length > 1 ? args[1] : null;
                yield salesforce(org ? args[2] : null, number, System.out);
            }
            case "alerts" -> alerts(System.out);
            default -> {
                System.err.println("usage: AdminChecks salesforce [--org <org>] [number] | alerts");
                yield 2;
            }
        };
        System.exit(status);
    }

    /** Camel with the router's settings and its Salesforce component, no route: what the check logs in with. */
    public record Started(ToolCamel camel, SalesforceLogin login) implements AutoCloseable {
        public CamelContext context() {
            return camel.context();
        }

        @Override
        public void close() {
            camel.close();
        }
    }

    /** Starts Camel with the router's settings (and these overrides, key=value), its Salesforce login configured. */
    public static Started startSalesforce(String... overrides) throws Exception {
        return startSalesforce(null, overrides);
    }

    /** As above, for an org of {@code router.salesforce.orgs} (null: the default org). */
    public static Started startSalesforce(String org, String... overrides) throws Exception {
        SalesforceLogin[] login = new SalesforceLogin[1];
        ToolCamel camel = ToolCamel.start(context -> {
            Settings settings = RouterConfiguration.withCodeDefaults(context);
            if (org != null) {
                if (!SalesforceConfiguration.orgNames(settings).contains(org)) {
                    throw new IllegalStateException("router.salesforce.orgs does not list the org " + org);
                }
                context.addComponent(SalesforceOrgs.sink(org), SalesforceConfiguration.component(context, settings,
                        org));
            }
            login[0] = SalesforceLogin.configure(context, SalesforceOrgs.sink(org),
                    SalesforceConfiguration.salesforceLoginOptions(settings, org));
        }, overrides);
        return new Started(camel, login[0]);
    }

    /** The Salesforce check with the router's settings (and these overrides, key=value); returns the exit status. */
    public static int salesforce(String number, PrintStream out, String... overrides) throws Exception {
        return salesforce(null, number, out, overrides);
    }

    /** The check of an org of {@code router.salesforce.orgs} (null: the default org); a configuration error fails it. */
    public static int salesforce(String org, String number, PrintStream out, String... overrides) throws Exception {
        try {
            return checkSalesforce(org, number, out, overrides);
        } catch (IllegalStateException | IllegalArgumentException configuration) {
            out.println("FAIL  Configuration: " + SalesforceCheck.rootMessage(configuration));
            return 1;
        }
    }

    private static int checkSalesforce(String org, String number, PrintStream out, String... overrides)
            throws Exception {
        try (Started started = startSalesforce(org, overrides)) {
            if (!started.login().enabled()) {
                out.println("FAIL  Login: no Salesforce login is configured " + (org == null
                        ? "(SALESFORCE_CLIENT_ID and a credential)" : "for the org " + org
                        + " (router.salesforce.org." + org + ".client-id and a credential)"));
                return 1;
            }
            CamelContext context = started.context();
            return new SalesforceCheck(SalesforceOrgs.sink(org),
                    SalesforceConfiguration.salesforceOptions(RouterConfiguration.withCodeDefaults(context), org),
                    context.createProducerTemplate(), out).check(started.login(), number);
        }
    }

    /** The alert channels' check with the router's settings (and these overrides, key=value); the exit status. */
    public static int alerts(PrintStream out, String... overrides) throws Exception {
        MailServer[] mail = new MailServer[1];
        SlackChannel[] slack = new SlackChannel[1];
        try (ToolCamel camel = ToolCamel.start(context -> {
            Settings settings = RouterConfiguration.withCodeDefaults(context);
            try {
                mail[0] = MailServer.configure(context, SinkConfiguration.mailOptions(settings));
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            slack[0] = SinkConfiguration.slack(context, settings);
        }, overrides)) {
            CamelContext context = camel.context();
            return AlertChannelsCheck.report(new AlertChannelsCheck(mail[0], slack[0], context.createProducerTemplate(),
                    OperationsConfiguration.mailbox(new Settings(context))).run(), out);
        } catch (IllegalStateException configuration) {
            Throwable cause = configuration;
            while (cause.getCause() instanceof IllegalStateException more) {
                cause = more;
            }
            out.println("FAIL  Configuration: " + cause.getMessage());
            return 1;
        }
    }

    private AdminChecks() {
    }
}
