package org.calloutcome.router.sink.mail;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.calloutcome.router.compliance.OptOutWatch;
import org.calloutcome.router.delivery.DeliveryState;
import org.calloutcome.router.sink.salesforce.UnrecordedOptOuts;

/**
 * The Salesforce delivery that was to record a call's opt-out ({@code do-not-call}, or {@code do-not-text} for a
 * sequence), as the {@code opt-out-not-recorded} and {@code opt-out-now-recorded} mails tell it: what Salesforce said,
 * the person's record, and what to do.
 */
record OptOutRecord(DeliveryState delivery, String doNotTextField) {
    static final String NOT_RECORDED = UnrecordedOptOuts.NOT_RECORDED;
    /** The alerts that say an opt-out is not recorded: at once, halfway to its deadline, a day before it. */
    static final Set<String> UNRECORDED = Set.of(NOT_RECORDED, OptOutWatch.HALF, OptOutWatch.NEAR);
    static final String NOW_RECORDED = UnrecordedOptOuts.NOW_RECORDED;
    // a run of 7 or more digits (with spaces, dots, dashes, brackets) that is not part of a record id
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z0-9])\\+?\\d[\\d ().-]{5,}\\d(?![A-Za-z0-9])");
    private static final Pattern RECORD = Pattern.compile("(00Q|003)[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?");

    private boolean text() {
        return "do-not-text".equals(delivery.rule());
    }

    /** What records the opt-out on the person: Do Not Call, the do-not-text field, or nothing yet. */
    private String field() {
        return text() ? doNotTextField : "Do Not Call";
    }

    /** The end of the mail's first line. */
    String headline(String rule) {
        if (field() == null) {
            return ". The texting opt-out is NOT on the person: record it by hand.";
        }
        return UNRECORDED.contains(rule) ? ". " + field() + " is NOT set on the person: set it by hand."
                : ". " + field() + " is set.";
    }

    /** The Lead or Contact Salesforce refused to update, when it refused one. */
    String person() {
        return delivery.result() != null && RECORD.matcher(delivery.result()).matches() ? delivery.result() : null;
    }

    /** Salesforce's error code and message, or why nothing was written; numbers in it masked. */
    String why() {
        String why = "DEAD".equals(delivery.status()) ? delivery.error() : delivery.result();
        if (why == null) {
            return "unknown";
        }
        return masked(why.startsWith("skipped: ") ? why.substring("skipped: ".length()) : why);
    }

    String whatToDo() {
        String act = field() == null ? "record the texting opt-out" : "set " + field();
        String now = person() != null ? "1. Open the person in Salesforce (link below) and " + act + " now."
                : "1. Find the person in Salesforce (the number's last digits are above) and " + act + " now.";
        if ("DEAD".equals(delivery.status())) {
            return now + "\n2. Fix what Salesforce refused (above), then replay delivery " + delivery.id()
                    + ": scripts/admin.sh replay " + delivery.id() + " (or, once set by hand, scripts/admin.sh resolve "
                    + delivery.id() + ").";
        }
        if (text() && doNotTextField == null) {
            return now + "\n2. To have texting opt-outs recorded, name a checkbox field of Lead and Contact in"
                    + " router.salesforce.do-not-text-field.";
        }
        return now + "\n2. No Lead or Contact matched the call (the dialer's id, then the number): add the dialer's"
                + " id or the number to the person's record so that the next call finds it.";
    }

    static String masked(String text) {
        Matcher numbers = NUMBER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (numbers.find()) {
            String digits = numbers.group().replaceAll("\\D", "");
            numbers.appendReplacement(out, digits.length() < 7 ? Matcher.quoteReplacement(numbers.group())
                    : Matcher.quoteReplacement("••• " + digits.substring(digits.length() - 4)));
        }
        numbers.appendTail(out);
        return out.toString();
    }
}
