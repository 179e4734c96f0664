package org.calloutcome.router.event;

import java.time.Instant;

/** One turn of a conversation: who spoke ({@code assistant} or {@code user}), what was said, and when if known. */
public record TranscriptTurn(String role, String text, Instant at) {
}
