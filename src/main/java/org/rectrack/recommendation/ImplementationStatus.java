package org.rectrack.recommendation;

/** The canonical scale every assessor's own label is mapped to. */
public enum ImplementationStatus {
    NOT_ASSESSED, NOT_IMPLEMENTED, PARTIALLY_IMPLEMENTED, MOSTLY_IMPLEMENTED, FULLY_IMPLEMENTED, NO_LONGER_APPLICABLE;

    /** A recommendation in a closed status can no longer be overdue. */
    public boolean isClosed() {
        return this == FULLY_IMPLEMENTED || this == NO_LONGER_APPLICABLE;
    }
}
