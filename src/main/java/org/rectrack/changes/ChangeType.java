package org.rectrack.changes;

/** The kinds of item whose changes the feed carries; the wire names are lower-case with dashes. */
public enum ChangeType {
    REPORT("report"), RECOMMENDATION("recommendation"), ASSESSMENT("assessment"), PROGRESS_UPDATE("progress-update"),
    INSTITUTION("institution"), THEME("theme");

    public final String wire;

    ChangeType(String wire) {
        this.wire = wire;
    }

    public static ChangeType ofWire(String wire) {
        for (ChangeType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw new IllegalArgumentException(wire);
    }
}
