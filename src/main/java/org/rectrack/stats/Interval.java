package org.rectrack.stats;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** Timeline periods; each point describes the state at the end of a period's last day. */
enum Interval {
    MONTH, QUARTER, YEAR;

    /** At most this many points per timeline. */
    static final int MAX_POINTS = 400;

    LocalDate endOf(LocalDate day) {
        return switch (this) {
            case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
            case QUARTER -> day.with(IsoFields.DAY_OF_QUARTER, 1).plusMonths(2).with(TemporalAdjusters.lastDayOfMonth());
            case YEAR -> day.with(TemporalAdjusters.lastDayOfYear());
        };
    }

    /** The ends of the periods from the one holding {@code from} to the one holding {@code to}. */
    List<LocalDate> periodEnds(LocalDate from, LocalDate to) {
        List<LocalDate> ends = new ArrayList<>();
        for (LocalDate end = endOf(from); !end.isAfter(endOf(to)); end = endOf(end.plusDays(1))) {
            ends.add(end);
        }
        return ends;
    }
}
