package org.rectrack.recommendation;

/** Who made an assessment; only the issuer's ratings set a recommendation's status. */
public enum AssessorType {
    ISSUER, GOVERNMENT, CIVIL_SOCIETY, OTHER
}
