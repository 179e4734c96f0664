package org.calloutcome.router.compliance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * An opt-out's deadline: the day it was heard plus this many business days (47 CFR 64.1200(a)(10): honoured within 10
 * business days), weekends and the given holidays skipped, counted in UTC; due by the end of that day.
 */
public record BusinessDays(int days, Set<LocalDate> holidays) {

    /** The instant the opt-out heard then must be recorded by: the end (UTC) of its last business day. */
    public Instant deadline(Instant heardAt) {
        LocalDate day = heardAt.atZone(ZoneOffset.UTC).toLocalDate();
        int left = days;
        while (left > 0) {
            day = day.plusDays(1);
            if (business(day)) {
                left--;
            }
        }
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private boolean business(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
                && !holidays.contains(day);
    }
}
