package org.calloutcome.router.platforms.altur;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.event.Direction;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.mapping.InboxEntry;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.normalize.OutcomeVocabulary;
import org.calloutcome.router.normalize.Outcomes;
import org.calloutcome.router.normalize.Phones;
import org.calloutcome.router.normalize.Timestamps;
import org.calloutcome.router.normalize.Transcripts;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.mapping.VendorWebhook;

/**
 * Altur {@code on_call_end}. The person called is {@code campaign_user}, or the deprecated {@code end_user} when
 * that is all there is. Their {@code status} and {@code tags} are the tenant's own words, mapped through
 * {@code router.mapping.altur.status.*} and {@code router.mapping.altur.tag.*}.
 */
public record AlturWebhook(OutcomeVocabulary vocabulary) implements VendorWebhook {
    public static final String VENDOR = "altur";

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public Optional<EventKey> identify(JsonNode payload) {
        String type = Json.text(payload, "event_type");
        if (type != null && !type.equals("on_call_end")) {
            return Optional.empty();
        }
        String id = Json.text(payload, "id");
        if (id == null) {
            throw new WebhookRejection(422, "missing_field", "an Altur on_call_end payload needs the call's 'id'");
        }
        return Optional.of(new EventKey(EventKind.CALL_ENDED, id, "on_call_end"));
    }

    @Override
    public List<CallEvent> toCallEvents(JsonNode call, InboxEntry entry) {
        JsonNode campaignUser = Json.at(call, "campaign_user");
        JsonNode endUser = Json.at(call, "end_user");
        CallEvent event = new CallEvent()
                .setEventKind(EventKind.CALL_ENDED)
                .setVendorCallId(Json.text(call, "id"))
                .setDirection(direction(Json.text(call, "type")))
                .setCallType(Json.text(call, "type"))
                .setFromNumber(Phones.toE164(Json.text(call, "phone_number_from")))
                .setToNumber(Phones.toE164(Json.text(call, "phone_number_to")))
                .setStartedAt(Timestamps.parse(Json.text(call, "started_at"), ZoneOffset.UTC))
                .setEndedAt(Timestamps.parse(Json.text(call, "ended_at"), ZoneOffset.UTC))
                .setDurationSeconds(Json.integer(call, "duration"))
                .setRecordingUrl(Json.text(call, "recording_url"))
                .setAgentId(Json.text(call, "assistant", "id"))
                .setAgentName(Json.first(Json.text(call, "assistant", "name"), Json.text(call, "assistant", "nickname")))
                .setCustomerExternalId(Json.first(Json.text(campaignUser, "f_id"), Json.text(endUser, "id")))
                .setCustomerName(Json.first(Json.text(campaignUser, "name"), Json.text(endUser, "display_name")))
                .setRawStatus(Json.text(call, "status"))
                .setRawOutcome(Json.first(Json.text(campaignUser, "status"), Json.text(endUser, "status")))
                .setConnectivity(connectivity(Json.text(call, "answered_by"), Json.text(call, "status")));
        event.setCustomerNumber(Phones.toE164(Json.first(Json.text(campaignUser, "contact"),
                Json.text(endUser, "phone_number"),
                event.getDirection() == Direction.INBOUND ? Json.text(call, "phone_number_from")
                        : Json.text(call, "phone_number_to"))));
        event.setExtractedData(Json.object(
                campaignUser.has("extracted_data") ? campaignUser.get("extracted_data") : endUser.get("extracted_data")));
        LinkedHashSet<String> tags = new LinkedHashSet<>(Json.strings(campaignUser.get("tags")));
        tags.addAll(Json.strings(endUser.get("tags")));
        event.setTags(new ArrayList<>(tags));
        Transcripts.read(call.get("transcript"), "sent_by", "content", "sent_at", event);

        Outcomes outcomes = new Outcomes(vocabulary, VENDOR).map("status", event.getRawOutcome());
        tags.forEach(tag -> outcomes.mapIfKnown("tag", tag));
        outcomes.applyTo(event);
        return List.of(event);
    }

    private static Direction direction(String type) {
        if (type == null) {
            return Direction.UNKNOWN;
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "inbound" -> Direction.INBOUND;
            case "outbound" -> Direction.OUTBOUND;
            default -> Direction.UNKNOWN;
        };
    }

    private static Connectivity connectivity(String answeredBy, String status) {
        String answered = answeredBy == null ? "" : answeredBy.toLowerCase(Locale.ROOT);
        if (answered.equals("human")) {
            return Connectivity.CONNECTED;
        }
        if (answered.equals("machine")) {
            return Connectivity.VOICEMAIL;
        }
        String state = status == null ? "" : status.toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (state) {
            case "no-answer", "not-answered" -> Connectivity.NO_ANSWER;
            case "busy" -> Connectivity.BUSY;
            case "failed", "error" -> Connectivity.FAILED;
            case "rejected", "declined" -> Connectivity.REJECTED;
            default -> Connectivity.UNKNOWN;
        };
    }
}
