package org.calloutcome.router.platforms.clarion;

import java.util.List;

import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.TranscriptTurn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Clarion's transcript text ("AI: ...", "User: ...", and lines that continue a turn) as turns. */
class ClarionTranscriptTest {

    @Test
    void linesThatContinueATurnJoinIt() {
        CallEvent event = new CallEvent();
        ClarionWebhook.transcript("""
                AI: Hello, this is the clinic.
                User: Hi. I would like
                to move my appointment
                  to Friday.

                AI: Of course.""", event);
        assertEquals(List.of(new TranscriptTurn("assistant", "Hello, this is the clinic.", null),
                new TranscriptTurn("user", "Hi. I would like\nto move my appointment\nto Friday.", null),
                new TranscriptTurn("assistant", "Of course.", null)), event.getTranscriptTurns());
    }

    /**
     * One turn continued over two million short lines (8 MB): work that grows with the square of the turn's length
     * (copying the turn again for every line: some 10^13 characters) cannot finish within the bound, linear work
     * takes a fraction of a second.
     */
    @Test
    @Timeout(120)
    void aTurnOfTwoMillionLinesCostsItsLengthNotItsSquare() {
        int lines = 2_000_000;
        StringBuilder text = new StringBuilder("User: ok");
        for (int i = 1; i < lines; i++) {
            text.append("\nok.");
        }
        CallEvent event = new CallEvent();
        ClarionWebhook.transcript(text.toString(), event);
        assertEquals(1, event.getTranscriptTurns().size());
        assertEquals(2 + 4L * (lines - 1), event.getTranscriptTurns().get(0).text().length());
    }
}
