package org.rectrack.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Server time at the precision both databases keep, so a value reads back exactly as written. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
