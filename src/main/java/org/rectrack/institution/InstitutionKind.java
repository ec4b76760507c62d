package org.rectrack.institution;

public enum InstitutionKind {
    LEGISLATURE, ELECTION_ADMINISTRATION, EXECUTIVE, JUDICIARY, OMBUDSPERSON, OTHER
}
