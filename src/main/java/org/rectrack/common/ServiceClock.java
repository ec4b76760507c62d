package org.rectrack.common;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's time, in UTC: the day that decides what is overdue, and timestamps at the
 * precision both databases keep, so a value reads back exactly as written. A bean, so that a
 * test can move it.
 */
@ApplicationScoped
public class ServiceClock {

    private final Clock clock;

    ServiceClock() {
        this(Clock.systemUTC());
    }

    protected ServiceClock(Clock clock) {
        this.clock = clock;
    }

    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    }
}
