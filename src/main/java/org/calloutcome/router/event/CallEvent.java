package org.calloutcome.router.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The canonical call event: what every vendor webhook is normalized into before routing.
 * <p>
 * Raw vendor values ({@code raw*}) are kept beside the normalized ones, so that an unknown vendor value is never lost:
 * it maps to {@code UNKNOWN} and stays readable in the call log.
 */
public class CallEvent {

    /** Id of the inbox row (one webhook delivery) this event came from. */
    private String eventId;
    private String vendor;
    /** The vendor account the webhook came from ({@code default}, or a name of {@code router.<vendor>.accounts}). */
    private String account = "default";
    private EventKind eventKind;
    /** The vendor's own name for the webhook. */
    private String vendorEventType;
    private String vendorCallId;
    /** Vendor sequence, campaign or batch id. */
    private String sequenceId;
    /** 1 for a first attempt, 2 for the first retry, ... */
    private Integer attempt;
    private String agentId;
    private String agentName;
    private Direction direction = Direction.UNKNOWN;
    /** The vendor's raw call type. */
    private String callType;
    private String fromNumber;
    private String toNumber;
    private String customerNumber;
    private Instant startedAt;
    private Instant endedAt;
    private Instant receivedAt;
    private Integer durationSeconds;
    private String summary;
    private String transcriptText;
    private List<TranscriptTurn> transcriptTurns = new ArrayList<>();
    private String recordingUrl;
    private String dashboardUrl;
    private Map<String, Object> extractedData = new LinkedHashMap<>();
    private List<String> tags = new ArrayList<>();
    private String customerExternalId;
    private String customerName;
    private String rawStatus;
    private String rawEndedReason;
    private String rawOutcome;
    private String rawFailureReason;
    private String rawDisposition;
    private Connectivity connectivity = Connectivity.UNKNOWN;
    private BusinessOutcome businessOutcome = BusinessOutcome.UNKNOWN;
    private boolean optOut;
    /** The person asked for no more text messages (an SMS step's opt-out, in a sequence report). */
    private boolean textOptOut;
    private boolean escalation;
    private boolean callbackRequested;
    private boolean converted;
    private boolean test;
    /** The vendor JSON this event was read from, minus anything that must never be stored (the call log keeps it). */
    @JsonIgnore
    private String rawPayload;
    /** Outreach steps, for a sequence report only. */
    private List<SequenceStep> steps = new ArrayList<>();

    public String getEventId() {
        return eventId;
    }

    public CallEvent setEventId(String eventId) {
        this.eventId = eventId;
        return this;
    }

    public String getVendor() {
        return vendor;
    }

    public CallEvent setVendor(String vendor) {
        this.vendor = vendor;
        return this;
    }

    public String getAccount() {
        return account;
    }

    public CallEvent setAccount(String account) {
        this.account = account;
        return this;
    }

    public EventKind getEventKind() {
        return eventKind;
    }

    public CallEvent setEventKind(EventKind eventKind) {
        this.eventKind = eventKind;
        return this;
    }

    public String getVendorEventType() {
        return vendorEventType;
    }

    public CallEvent setVendorEventType(String vendorEventType) {
        this.vendorEventType = vendorEventType;
        return this;
    }

    public String getVendorCallId() {
        return vendorCallId;
    }

    public CallEvent setVendorCallId(String vendorCallId) {
        this.vendorCallId = vendorCallId;
        return this;
    }

    public String getSequenceId() {
        return sequenceId;
    }

    /** What the event is about, as the sinks key their work: the vendor call id, or the sequence id for a sequence. */
    public String subject() {
        return vendorCallId != null ? vendorCallId : sequenceId;
    }

    public CallEvent setSequenceId(String sequenceId) {
        this.sequenceId = sequenceId;
        return this;
    }

    public Integer getAttempt() {
        return attempt;
    }

    public CallEvent setAttempt(Integer attempt) {
        this.attempt = attempt;
        return this;
    }

    public String getAgentId() {
        return agentId;
    }

    public CallEvent setAgentId(String agentId) {
        this.agentId = agentId;
        return this;
    }

    public String getAgentName() {
        return agentName;
    }

    public CallEvent setAgentName(String agentName) {
        this.agentName = agentName;
        return this;
    }

    public Direction getDirection() {
        return direction;
    }

    public CallEvent setDirection(Direction direction) {
        this.direction = direction;
        return this;
    }

    public String getCallType() {
        return callType;
    }

    public CallEvent setCallType(String callType) {
        this.callType = callType;
        return this;
    }

    public String getFromNumber() {
        return fromNumber;
    }

    public CallEvent setFromNumber(String fromNumber) {
        this.fromNumber = fromNumber;
        return this;
    }

    public String getToNumber() {
        return toNumber;
    }

    public CallEvent setToNumber(String toNumber) {
        this.toNumber = toNumber;
        return this;
    }

    public String getCustomerNumber() {
        return customerNumber;
    }

    public CallEvent setCustomerNumber(String customerNumber) {
        this.customerNumber = customerNumber;
        return this;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public CallEvent setStartedAt(Instant startedAt) {
        this.startedAt = startedAt;
        return this;
    }

    public Instant getEndedAt() {
        return endedAt;
    }

    public CallEvent setEndedAt(Instant endedAt) {
        this.endedAt = endedAt;
        return this;
    }

    public Instant getReceivedAt() {
        return receivedAt;
    }

    public CallEvent setReceivedAt(Instant receivedAt) {
        this.receivedAt = receivedAt;
        return this;
    }

    public Integer getDurationSeconds() {
        return durationSeconds;
    }

    public CallEvent setDurationSeconds(Integer durationSeconds) {
        this.durationSeconds = durationSeconds;
        return this;
    }

    public String getSummary() {
        return summary;
    }

    public CallEvent setSummary(String summary) {
        this.summary = summary;
        return this;
    }

    public String getTranscriptText() {
        return transcriptText;
    }

    public CallEvent setTranscriptText(String transcriptText) {
        this.transcriptText = transcriptText;
        return this;
    }

    public List<TranscriptTurn> getTranscriptTurns() {
        return transcriptTurns;
    }

    public CallEvent setTranscriptTurns(List<TranscriptTurn> transcriptTurns) {
        this.transcriptTurns = transcriptTurns;
        return this;
    }

    public String getRecordingUrl() {
        return recordingUrl;
    }

    public CallEvent setRecordingUrl(String recordingUrl) {
        this.recordingUrl = recordingUrl;
        return this;
    }

    public String getDashboardUrl() {
        return dashboardUrl;
    }

    public CallEvent setDashboardUrl(String dashboardUrl) {
        this.dashboardUrl = dashboardUrl;
        return this;
    }

    public Map<String, Object> getExtractedData() {
        return extractedData;
    }

    public CallEvent setExtractedData(Map<String, Object> extractedData) {
        this.extractedData = extractedData;
        return this;
    }

    public List<String> getTags() {
        return tags;
    }

    public CallEvent setTags(List<String> tags) {
        this.tags = tags;
        return this;
    }

    public String getCustomerExternalId() {
        return customerExternalId;
    }

    public CallEvent setCustomerExternalId(String customerExternalId) {
        this.customerExternalId = customerExternalId;
        return this;
    }

    public String getCustomerName() {
        return customerName;
    }

    public CallEvent setCustomerName(String customerName) {
        this.customerName = customerName;
        return this;
    }

    public String getRawStatus() {
        return rawStatus;
    }

    public CallEvent setRawStatus(String rawStatus) {
        this.rawStatus = rawStatus;
        return this;
    }

    public String getRawEndedReason() {
        return rawEndedReason;
    }

    public CallEvent setRawEndedReason(String rawEndedReason) {
        this.rawEndedReason = rawEndedReason;
        return this;
    }

    public String getRawOutcome() {
        return rawOutcome;
    }

    public CallEvent setRawOutcome(String rawOutcome) {
        this.rawOutcome = rawOutcome;
        return this;
    }

    public String getRawFailureReason() {
        return rawFailureReason;
    }

    public CallEvent setRawFailureReason(String rawFailureReason) {
        this.rawFailureReason = rawFailureReason;
        return this;
    }

    public String getRawDisposition() {
        return rawDisposition;
    }

    public CallEvent setRawDisposition(String rawDisposition) {
        this.rawDisposition = rawDisposition;
        return this;
    }

    public Connectivity getConnectivity() {
        return connectivity;
    }

    public CallEvent setConnectivity(Connectivity connectivity) {
        this.connectivity = connectivity;
        return this;
    }

    public BusinessOutcome getBusinessOutcome() {
        return businessOutcome;
    }

    public CallEvent setBusinessOutcome(BusinessOutcome businessOutcome) {
        this.businessOutcome = businessOutcome;
        return this;
    }

    public boolean isOptOut() {
        return optOut;
    }

    public CallEvent setOptOut(boolean optOut) {
        this.optOut = optOut;
        return this;
    }

    public boolean isTextOptOut() {
        return textOptOut;
    }

    public CallEvent setTextOptOut(boolean textOptOut) {
        this.textOptOut = textOptOut;
        return this;
    }

    public boolean isEscalation() {
        return escalation;
    }

    public CallEvent setEscalation(boolean escalation) {
        this.escalation = escalation;
        return this;
    }

    public boolean isCallbackRequested() {
        return callbackRequested;
    }

    public CallEvent setCallbackRequested(boolean callbackRequested) {
        this.callbackRequested = callbackRequested;
        return this;
    }

    public boolean isConverted() {
        return converted;
    }

    public CallEvent setConverted(boolean converted) {
        this.converted = converted;
        return this;
    }

    public boolean isTest() {
        return test;
    }

    public CallEvent setTest(boolean test) {
        this.test = test;
        return this;
    }

    public String getRawPayload() {
        return rawPayload;
    }

    public CallEvent setRawPayload(String rawPayload) {
        this.rawPayload = rawPayload;
        return this;
    }

    public List<SequenceStep> getSteps() {
        return steps;
    }

    public CallEvent setSteps(List<SequenceStep> steps) {
        this.steps = steps;
        return this;
    }
}
