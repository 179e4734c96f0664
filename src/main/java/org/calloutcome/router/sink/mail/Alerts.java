package org.calloutcome.router.sink.mail;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.calloutcome.router.Html;
import org.calloutcome.router.compliance.OptOutWatch;
import org.calloutcome.router.delivery.DeliveryKeys;
import org.calloutcome.router.delivery.SalesforceOrgs;
import org.calloutcome.router.delivery.DeliveryState;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.event.Direction;
import org.calloutcome.router.event.EventKind;

/**
 * What an alert mail says about a call: its subject, recipients, and the values its templates
 * ({@code templates/alert.txt}, {@code templates/alert.html}) show, each also HTML-escaped for the HTML part.
 * Phone numbers are masked; the transcript is left out unless configured for the vendor.
 */
public final class Alerts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm zzz", Locale.ENGLISH);
    private static final int EXCERPT = 600;

    /**
     * What alerts say and to whom.
     *
     * @param salesforceBases    the address record links start with, by Salesforce sink (each org's)
     * @param orgs               which org each platform account's calls are in
     * @param doNotTextField     the Salesforce field a texting opt-out sets (null: none)
     * @param displayNames       each vendor's name in alerts
     * @param withheld           per vendor, what its alerts leave out: {@code customer-name}, {@code summary}
     *                           (summaries can carry health details)
     * @param transcriptExcerpts the vendors whose alerts carry a transcript excerpt
     * @param recipients         {@code router.mail.to} (key {@code ""}) and its overrides, keyed by
     *                           {@code <rule>}, {@code <rule>.<vendor>} or {@code <rule>.<vendor>.<account>}
     */
    public record Options(ZoneId zone, String from, Map<String, String> salesforceBases, SalesforceOrgs orgs,
            String doNotTextField, Map<String, String> displayNames, Map<String, Set<String>> withheld,
            Set<String> transcriptExcerpts, Map<String, String> recipients) {
    }

    private final Options options;
    private final ZoneId zone;
    private final String from;
    private final String doNotTextField;

    public Alerts(Options options) {
        this.options = options;
        this.zone = options.zone();
        this.from = options.from();
        this.doNotTextField = options.doNotTextField();
    }

    /**
     * The alert for a call (or sequence) under a rule ({@code opt-out}, {@code escalation}, ...): single values, and
     * whole sections ({@code facts}, {@code summaryText}, {@code linksText}, {@code transcriptText} and their
     * {@code ...Html} forms) that are empty when there is nothing to say, so a template shows no empty line or link.
     * The customer's name and the vendor's summary appear only where {@code router.mail.customer-name.<vendor>} and
     * {@code router.mail.summary.<vendor>} allow (summaries can carry health details). {@code salesforceTasks} holds the
     * Task ids the Salesforce sink has already recorded, by {@link DeliveryKeys#salesforceTask}.
     */
    public Map<String, Object> alert(CallEvent event, String rule, Map<String, String> salesforceTasks) {
        return alert(event, rule, salesforceTasks, null);
    }

    /**
     * As above; {@code optOutDelivery} is the Salesforce delivery that was to record the call's opt-out, for the
     * {@code opt-out-not-recorded} and {@code opt-out-now-recorded} mails: what Salesforce said, the person's record,
     * and what to do.
     */
    public Map<String, Object> alert(CallEvent event, String rule, Map<String, String> salesforceTasks,
            DeliveryState optOutDelivery) {
        OptOutRecord optOut = optOutDelivery == null ? null : new OptOutRecord(optOutDelivery, doNotTextField);
        String salesforceBase = options.salesforceBases().get(salesforceSink(event));
        Map<String, Object> alert = new LinkedHashMap<>();
        String vendor = options.displayNames().getOrDefault(event.getVendor(), event.getVendor());
        String direction = event.getDirection() == Direction.UNKNOWN ? ""
                : event.getDirection().name().toLowerCase(Locale.ROOT) + " ";
        boolean sequence = EventKind.SEQUENCE_ENDED.equals(event.getEventKind());
        String what = sequence
                ? "outreach sequence" + (event.isTextOptOut() ? " (opted out of text messages)" : "") : "call";
        String name = allowed("customer-name", event) ? event.getCustomerName() : null;
        String number = event.getCustomerNumber() != null ? mask(event.getCustomerNumber()) : null;
        alert.put("subject", "[" + label(rule) + "] " + vendor + " " + direction + what
                + (name != null ? " · " + shortName(name) : "") + (number != null ? " · " + number : ""));
        alert.put("to", recipients(rule, event.getVendor(), event.getAccount()));
        alert.put("from", from);
        alert.put("reason", label(rule));
        alert.put("vendor", vendor);
        alert.put("direction", direction.strip());
        alert.put("what", what);
        alert.put("headline", label(rule) + ": " + vendor + " " + direction + what
                + (optOut == null ? "" : optOut.headline(rule)));
        alert.put("time", event.getEndedAt() != null ? TIME.format(event.getEndedAt().atZone(zone))
                : event.getStartedAt() != null ? TIME.format(event.getStartedAt().atZone(zone)) : "");
        alert.put("dashboard", event.getDashboardUrl() != null ? event.getDashboardUrl() : "");
        alert.put("callId", (sequence ? "sequence " : "call ") + event.getVendor() + ":" + event.subject());

        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("When", (String) alert.get("time"));
        facts.put("Customer", name != null && number != null ? name + " (" + number + ")" : name != null ? name
                : number);
        facts.put("Outcome", words(event.getBusinessOutcome().name()));
        facts.put("Call", event.getConnectivity() == Connectivity.UNKNOWN ? null : words(event.getConnectivity().name()));
        facts.put("Reason given", event.getRawFailureReason() != null ? event.getRawFailureReason().replace('-', ' ')
                : event.getRawDisposition());
        if (optOut != null && OptOutRecord.UNRECORDED.contains(rule)) {
            facts.put("Salesforce said", optOut.why());
        }
        Map<String, String> links = new LinkedHashMap<>();
        links.put("Call in " + vendor, event.getDashboardUrl());
        links.put("Recording", event.getRecordingUrl());
        if (optOut != null) {
            links.put("Person record", optOut.person() == null ? null : salesforceBase + "/" + optOut.person());
        }
        links.put("In Salesforce", salesforceLink(salesforceBase, salesforceTasks.get(DeliveryKeys.salesforceTask(event))));
        String summary = allowed("summary", event) ? event.getSummary() : null;
        String transcript = excerpt(event);

        String todo = optOut == null || !OptOutRecord.UNRECORDED.contains(rule) ? "" : optOut.whatToDo();
        alert.put("facts", lines(facts));
        alert.put("actionText", todo.isEmpty() ? "" : "\nWhat to do\n" + todo + "\n");
        alert.put("summaryText", summary == null ? "" : "\nSummary\n" + summary + "\n");
        alert.put("linksText", links.values().stream().allMatch(Alerts::blank) ? "" : "\n" + lines(links) + "\n");
        alert.put("links", links);
        alert.put("transcriptText", transcript.isEmpty() ? "" : "\nTranscript (excerpt)\n" + transcript + "\n");
        alert.put("html", html(alert, facts, links, todo, summary, transcript));
        return alert;
    }

    /** The alert's values HTML-escaped, and its sections as HTML. */
    private static Map<String, Object> html(Map<String, Object> alert, Map<String, String> facts,
            Map<String, String> links, String todo, String summary, String transcript) {
        Map<String, Object> html = new LinkedHashMap<>();
        alert.forEach((key, value) -> html.put(key, Html.escape(String.valueOf(value))));
        html.put("facts", rows(facts));
        html.put("action", todo.isEmpty() ? "" : "<h3>What to do</h3>\n<p>" + Html.escape(todo).replace("\n", "<br>\n")
                + "</p>");
        html.put("summary", summary == null ? "" : "<h3>Summary</h3>\n<p>" + Html.escape(summary) + "</p>");
        html.put("links", anchors(links));
        html.put("transcript", transcript.isEmpty() ? "" : "<pre>" + Html.escape(transcript) + "</pre>");
        return html;
    }

    private boolean allowed(String part, CallEvent event) {
        return !options.withheld().getOrDefault(event.getVendor(), Set.of()).contains(part);
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** "Label:" padded to one column, a line per value present. */
    private static String lines(Map<String, String> values) {
        StringBuilder text = new StringBuilder();
        values.forEach((label, value) -> {
            if (!blank(value)) {
                text.append(text.isEmpty() ? "" : "\n").append(String.format("%-16s ", label + ":")).append(value);
            }
        });
        return text.toString();
    }

    private static String rows(Map<String, String> values) {
        StringBuilder html = new StringBuilder();
        values.forEach((label, value) -> {
            if (!blank(value)) {
                html.append("  <tr><td><b>").append(Html.escape(label)).append("</b></td><td>").append(Html.escape(value))
                        .append("</td></tr>\n");
            }
        });
        return html.toString();
    }

    private static String anchors(Map<String, String> links) {
        StringBuilder html = new StringBuilder();
        links.forEach((label, url) -> {
            if (!blank(url)) {
                html.append(html.isEmpty() ? "" : " · ").append(anchor(label, url));
            }
        });
        return html.isEmpty() ? "" : "<p>" + html + "</p>";
    }

    /** A link for an http or https address; any other (javascript:, data:, ...) is shown as text, never followed. */
    static String anchor(String label, String url) {
        return linkable(url) ? "<a href=\"" + Html.escape(url) + "\">" + Html.escape(label) + "</a>"
                : Html.escape(label) + ": " + Html.escape(url);
    }

    /** An absolute http or https address. */
    public static boolean linkable(String url) {
        String lower = url == null ? "" : url.strip().toLowerCase(Locale.ROOT);
        return (lower.startsWith("https://") || lower.startsWith("http://")) && lower.length() > 8
                && lower.chars().noneMatch(c -> c < 0x21);
    }

    /** The call's Task in Salesforce, when the Salesforce sink has already logged it; an alert never waits for it. */
    /** The sink of the org the event's Salesforce work is in. */
    public String salesforceSink(CallEvent event) {
        return options.orgs().sinkFor(event);
    }

    private static String salesforceLink(String salesforceBase, String taskId) {
        // the Task's result is its id, then what was left out of it, if anything
        return taskId != null && taskId.startsWith("00T") ? salesforceBase + "/" + taskId.split(" ")[0] : "";
    }

    /** One mail for several alerts to one recipient: a line each, in the text and HTML parts. */
    public Map<String, Object> digest(String to, List<Map<String, Object>> items) {
        Map<String, Long> byReason = new LinkedHashMap<>();
        items.forEach(item -> byReason.merge((String) item.get("reason"), 1L, Long::sum));
        StringBuilder counts = new StringBuilder();
        byReason.forEach((reason, count) -> counts.append(counts.isEmpty() ? "" : ", ").append(count).append(' ')
                .append(reason.toLowerCase(Locale.ROOT)));
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        for (Map<String, Object> item : items) {
            String line = item.get("subject") + " · " + item.get("time");
            text.append("- ").append(line).append('\n');
            html.append("<li>").append(Html.escape(line));
            if (!String.valueOf(item.get("dashboard")).isEmpty()) {
                text.append("  ").append(item.get("dashboard")).append('\n');
                html.append(" · ").append(anchor("call", String.valueOf(item.get("dashboard"))));
            }
            html.append("</li>\n");
        }
        Map<String, Object> digest = new LinkedHashMap<>();
        digest.put("subject", "[Digest] " + items.size() + " alerts: " + counts);
        digest.put("to", to);
        digest.put("from", from);
        digest.put("count", items.size());
        digest.put("items", text.toString().strip());
        digest.put("itemsHtml", html.toString());
        return digest;
    }

    /** {@code +521234567890} reads {@code +52 ••• ••• 7890}: enough to recognise, not to dial. */
    static String mask(String number) {
        if (number.length() < 8) {
            return "•••";
        }
        return number.substring(0, 3) + " ••• ••• " + number.substring(number.length() - 4);
    }

    /** "John Doe" is "John D.": the subject line travels further than the mail. */
    static String shortName(String name) {
        String[] parts = name.strip().split("\\s+");
        return parts.length < 2 ? parts[0] : parts[0] + " " + parts[parts.length - 1].charAt(0) + ".";
    }

    /**
     * {@code router.mail.to.<rule>.<vendor>.<account>}, then {@code router.mail.to.<rule>.<vendor>}, then
     * {@code router.mail.to.<rule>}; an opt-out's Salesforce mails go, unless set apart, where its opt-out alert goes;
     * then {@code router.mail.to}.
     */
    private String recipients(String rule, String vendor, String account) {
        List<String> rules = switch (rule) {
            case OptOutRecord.NOW_RECORDED -> List.of(rule, OptOutRecord.NOT_RECORDED, "opt-out");
            case OptOutRecord.NOT_RECORDED -> List.of(rule, "opt-out");
            case OptOutWatch.HALF, OptOutWatch.NEAR -> List.of(rule, OptOutRecord.NOT_RECORDED, "opt-out");
            default -> List.of(rule);
        };
        for (String each : rules) {
            for (String key : List.of(each + "." + vendor + "." + account, each + "." + vendor, each)) {
                String to = options.recipients().get(key);
                if (to != null) {
                    return to;
                }
            }
        }
        return options.recipients().get("");
    }

    private String excerpt(CallEvent event) {
        if (!options.transcriptExcerpts().contains(event.getVendor()) || event.getTranscriptText() == null) {
            return "";
        }
        String text = event.getTranscriptText();
        return text.length() > EXCERPT ? text.substring(0, EXCERPT) + " …" : text;
    }

    private static String label(String rule) {
        return switch (rule) {
            case "opt-out" -> "Opt-out";
            case "escalation" -> "Escalation";
            case OptOutRecord.NOT_RECORDED -> "Opt-out NOT recorded in Salesforce";
            case OptOutRecord.NOW_RECORDED -> "Opt-out now recorded in Salesforce";
            case OptOutWatch.HALF -> "Opt-out still NOT recorded: half its deadline gone";
            case OptOutWatch.NEAR -> "Opt-out still NOT recorded: due within a day";
            default -> Character.toUpperCase(rule.charAt(0)) + rule.substring(1).replace('-', ' ');
        };
    }

    private static String words(String constant) {
        return constant.toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
