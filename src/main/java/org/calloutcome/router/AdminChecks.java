package org.calloutcome.router;

import java.io.PrintStream;

import org.apache.camel.CamelContext;
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
            case "salesforce" -> salesforceOrConfiguration(args.length > 1 ? args[1] : null);
            case "alerts" -> alerts(System.out);
            default -> {
                System.err.println("usage: AdminChecks salesforce [number] | alerts");
                yield 2;
            }
        };
        System.exit(status);
    }

    private static int salesforceOrConfiguration(String number) throws Exception {
        try {
            return salesforce(number, System.out);
        } catch (IllegalStateException | IllegalArgumentException configuration) {
            System.out.println("FAIL  Configuration: " + SalesforceCheck.rootMessage(configuration));
            return 1;
        }
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
        SalesforceLogin[] login = new SalesforceLogin[1];
        ToolCamel camel = ToolCamel.start(context -> login[0] = SalesforceLogin.configure(context,
                SinkConfiguration.salesforceLoginOptions(RouterConfiguration.withCodeDefaults(context))), overrides);
        return new Started(camel, login[0]);
    }

    /** The Salesforce check with the router's settings (and these overrides, key=value); returns the exit status. */
    public static int salesforce(String number, PrintStream out, String... overrides) throws Exception {
        try (Started started = startSalesforce(overrides)) {
            if (!started.login().enabled()) {
                out.println("FAIL  Login: no Salesforce login is configured (SALESFORCE_CLIENT_ID and a credential)");
                return 1;
            }
            CamelContext context = started.context();
            return new SalesforceCheck(SinkConfiguration.salesforceOptions(RouterConfiguration.withCodeDefaults(context)),
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
