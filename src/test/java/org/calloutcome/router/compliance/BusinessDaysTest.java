package org.calloutcome.router.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An opt-out's deadline counts business days: weekends and the configured holidays do not count. */
class BusinessDaysTest {
    private static final BusinessDays TEN = new BusinessDays(10, Set.of());

    @Test
    void tenBusinessDaysSkipWeekends() {
        // heard on Monday 7 December 2026: due by the end of Monday the 21st
        assertEquals(Instant.parse("2026-12-22T00:00:00Z"), TEN.deadline(Instant.parse("2026-12-07T09:00:00Z")));
        // heard on a Saturday: Monday is its first business day, Friday the 18th its tenth
        assertEquals(Instant.parse("2026-12-19T00:00:00Z"), TEN.deadline(Instant.parse("2026-12-05T23:59:00Z")));
    }

    @Test
    void aHolidayDoesNotCount() {
        BusinessDays withChristmas = new BusinessDays(10, Set.of(LocalDate.parse("2026-12-25")));
        // heard on Thursday 17 December: the tenth business day is the 31st, or 1 January with Christmas off
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), TEN.deadline(Instant.parse("2026-12-17T12:00:00Z")));
        assertEquals(Instant.parse("2027-01-02T00:00:00Z"),
                withChristmas.deadline(Instant.parse("2026-12-17T12:00:00Z")));
    }

    @Test
    void aCsvCellKeepsItsCommasAndQuotesAndRunsNoFormula() {
        String row = OptOutExport.row(Map.of("vendor", "retell", "why", "REFUSED: \"locked\", by rule",
                "alertedTo", "=HYPERLINK(\"x\")", "number", "+31 ••• ••• 0001"));
        assertEquals(",retell,,,+31 ••• ••• 0001,,,,,,,,,\"REFUSED: \"\"locked\"\", by rule\",,"
                + "\"'=HYPERLINK(\"\"x\"\")\",\r\n", row);
    }
}
