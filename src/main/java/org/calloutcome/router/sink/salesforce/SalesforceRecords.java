package org.calloutcome.router.sink.salesforce;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Direction;

/**
 * The records the Salesforce sink writes for a call: the call Task, the follow-up Task, the sequence summary Task, the
 * escalation Case and a new Lead. Text fits Salesforce's field lengths, cut with an ellipsis: a long name or summary is
 * never a reason for Salesforce to refuse the record.
 */
final class SalesforceRecords {
    static final int TEXT = 255;
    static final int LAST_NAME = 80;
    static final int DESCRIPTION = 32000;

    private final SalesforceActions.Options options;
    private final Clock clock;
    private final Supplier<ZoneId> timeZone;

    /** @param timeZone the org's time zone: a Task's date is the day of the call there (Task.ActivityDate is a date) */
    SalesforceRecords(SalesforceActions.Options options, Clock clock, Supplier<ZoneId> timeZone) {
        this.options = options;
        this.clock = clock;
        this.timeZone = timeZone;
    }

    private String date(Instant instant) {
        ZoneId zone = timeZone.get();
        return instant.atZone(zone != null ? zone : clock.getZone()).toLocalDate().toString();
    }

    /** The call Task. */
    Map<String, Object> task(CallEvent event, Person person, boolean escalated) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("Subject", fit("Call (" + event.getVendor() + direction(event) + "): " + words(event), TEXT));
        task.put("TaskSubtype", "Call");
        task.put("Type", "Call");
        task.put("Status", "Completed");
        task.put("Priority", escalated ? "High" : "Normal");
        if (event.getDirection() != Direction.UNKNOWN) {
            task.put("CallType", event.getDirection() == Direction.INBOUND ? "Inbound" : "Outbound");
        }
        if (event.getDurationSeconds() != null) {
            task.put("CallDurationInSeconds", event.getDurationSeconds());
        }
        task.put("CallDisposition", fit(options.dispositions().getOrDefault(event.getBusinessOutcome().name(),
                words(event)), TEXT));
        task.put("CallObject", callObject(event));
        if (event.getEndedAt() != null || event.getStartedAt() != null) {
            task.put("ActivityDate", date(event.getEndedAt() != null ? event.getEndedAt() : event.getStartedAt()));
        }
        String description = description(event);
        if (options.withTranscript() && event.getTranscriptText() != null) {
            description += "\n\nTranscript:\n" + event.getTranscriptText();
        }
        task.put("Description", fit(description, DESCRIPTION));
        about(task, person);
        return task;
    }

    /**
     * Whom a Task is about: WhoId names the Lead or Contact, or a person account's PersonContactId, with the person
     * account as WhatId (Task: "WhoId ... can be a person account's contact ID"; Object Reference, Task).
     */
    private static void about(Map<String, Object> task, Person person) {
        if (person.whoId() != null) {
            task.put("WhoId", person.whoId());
        }
        if (person.type() == Person.Type.PERSON_ACCOUNT) {
            task.put("WhatId", person.id());
        }
    }

    /** One summary Task for a whole outreach sequence: its outcome and every step. */
    Map<String, Object> sequenceTask(CallEvent event, Person person) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("Subject", fit("Outreach sequence (" + event.getVendor() + "): " + words(event), TEXT));
        task.put("Status", "Completed");
        task.put("Priority", event.isEscalation() ? "High" : "Normal");
        task.put("CallObject", callObject(event));
        if (event.getEndedAt() != null) {
            task.put("ActivityDate", date(event.getEndedAt()));
        }
        StringBuilder steps = new StringBuilder();
        if (event.getSummary() != null) {
            steps.append(event.getSummary()).append("\n\n");
        }
        event.getSteps().forEach(step -> steps.append(step.step()).append(". ").append(step.type()).append(' ')
                .append(step.vendorStepId()).append(": ").append(step.endedReason() != null ? step.endedReason()
                        : step.status()).append(step.outcome() != null ? " (" + step.outcome() + ")" : "").append('\n'));
        if (event.isTextOptOut()) {
            steps.append('\n').append(options.doNotTextField() != null
                    ? "Opted out of text messages: " + options.doNotTextField() + " is set on the Lead/Contact."
                    : "Opted out of text messages. Not recorded on the Lead/Contact: no do-not-text field is"
                            + " configured (router.salesforce.do-not-text-field).");
        }
        task.put("Description", fit(steps.toString().strip(), DESCRIPTION));
        about(task, person);
        return task;
    }

    /**
     * The callback's Task, in the rep's My Tasks: assigned to the configured user, else to the user who owns the
     * person's record (a record owned by a queue leaves it with the integration user: a Task's owner is a user).
     */
    Map<String, Object> followUp(CallEvent event, Person person) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("Subject", fit("Call back (requested on a " + event.getVendor() + " call)", TEXT));
        task.put("Status", "Not Started");
        task.put("CallObject", followUpObject(event));
        task.put("Priority", "Normal");
        task.put("ActivityDate", LocalDate.parse(date(clock.instant())).plusDays(options.followUpDays()).toString());
        task.put("Description", fit(description(event), DESCRIPTION));
        about(task, person);
        if (options.followUpOwner() != null) {
            task.put("OwnerId", options.followUpOwner());
        } else if (person.ownerId() != null && person.ownerId().startsWith("005")) {
            task.put("OwnerId", person.ownerId());
        }
        return task;
    }

    /** The escalation Case; its Subject names the call, which is how a retry finds the Case it opened before. */
    Map<String, Object> escalationCase(CallEvent event, Person person) {
        Map<String, Object> escalation = new LinkedHashMap<>();
        escalation.put("Subject", caseSubject(event));
        escalation.put("Origin", "Phone");
        escalation.put("Priority", "High");
        escalation.put("Description", fit(description(event), DESCRIPTION));
        if (person.type() == Person.Type.CONTACT) {
            escalation.put("ContactId", person.id());
        } else if (person.type() == Person.Type.PERSON_ACCOUNT) {
            escalation.put("AccountId", person.id()); // a person account's Case names the Account and its person
            escalation.put("ContactId", person.whoId());
        }
        return escalation;
    }

    /** A Lead for a caller no record matched. Its Phone is the E.164 number, by which a retry finds it again. */
    static Map<String, Object> newLead(CallEvent event) {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("LastName", fit(event.getCustomerName() != null && !event.getCustomerName().isBlank()
                ? event.getCustomerName().strip() : "Unknown caller", LAST_NAME));
        lead.put("Company", "Unknown");
        lead.put("Phone", event.getCustomerNumber());
        lead.put("LeadSource", "Phone");
        return lead;
    }

    /**
     * What the call Task is recognised by: the vendor (and its account, when not the default one) and the call id, or
     * the sequence id for a sequence summary.
     */
    static String callObject(CallEvent event) {
        String account = event.getAccount();
        String vendor = account == null || account.equals("default") ? event.getVendor()
                : event.getVendor() + "/" + account;
        return fit(event.getVendorCallId() != null ? vendor + ":" + event.getVendorCallId()
                : vendor + ":sequence:" + event.getSequenceId(), TEXT);
    }

    /** The follow-up Task's own key, so that it is written once whether or not the call Task exists. */
    static String followUpObject(CallEvent event) {
        return fit(callObject(event) + ":follow-up", TEXT);
    }

    static String caseSubject(CallEvent event) {
        return fit("Escalated call " + callObject(event), TEXT);
    }

    /** Text cut to {@code max} characters, the last one an ellipsis; never splits a surrogate pair. */
    static String fit(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** Summary and links. */
    private static String description(CallEvent event) {
        StringBuilder text = new StringBuilder();
        if (event.getSummary() != null) {
            text.append(event.getSummary()).append("\n\n");
        }
        text.append("Outcome: ").append(event.getBusinessOutcome()).append(" (").append(event.getConnectivity())
                .append(")");
        if (event.getDashboardUrl() != null) {
            text.append("\nCall: ").append(event.getDashboardUrl());
        }
        if (event.getRecordingUrl() != null) {
            text.append("\nRecording: ").append(event.getRecordingUrl());
        }
        return text.toString();
    }

    private static String direction(CallEvent event) {
        return event.getDirection() == Direction.UNKNOWN ? "" : " " + event.getDirection().name().toLowerCase(Locale.ROOT);
    }

    private static String words(CallEvent event) {
        return event.getBusinessOutcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
