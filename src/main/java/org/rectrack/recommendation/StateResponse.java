package org.rectrack.recommendation;

/** How the addressed state answered a recommendation. */
public enum StateResponse {
    SUPPORTED, SUPPORTED_IN_PART, NOTED, REJECTED, NO_RESPONSE
}
