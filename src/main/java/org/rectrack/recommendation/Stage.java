package org.rectrack.recommendation;

/** Where an implementing institution says its work stands. */
public enum Stage {
    PLANNED, IN_PROGRESS, COMPLETED, STALLED
}
