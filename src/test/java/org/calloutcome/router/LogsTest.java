package org.calloutcome.router;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A payload's value as a log line shows it: no forged lines, no disguised text, no screenful. */
class LogsTest {

    @Test
    void controlAndFormatCharactersAreReplaced() {
        assertEquals("call-1?12:00 INFO forged line", Logs.safe("call-1\n12:00 INFO forged line"));
        assertEquals("abc?gpj.exe", Logs.safe("abc\u202Egpj.exe"), "a right-to-left override");
        assertEquals("a?b?c", Logs.safe("a\u0000b\u200Bc"));
        assertEquals("Zoë 🙂", Logs.safe("Zoë 🙂"), "letters and emoji stay");
        assertNull(Logs.safe(null));
    }

    @Test
    void aLongValueIsCut() {
        assertEquals("x".repeat(120) + "…", Logs.safe("x".repeat(5000)));
        assertEquals("x".repeat(120), Logs.safe("x".repeat(120)));
    }
}
