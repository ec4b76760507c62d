package org.rectrack.common;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a key may do (DESIGN.md "Security"); each role includes the ones before it. Resources name the
 * least role an operation needs in {@code @RolesAllowed}, and an identity carries its role and every
 * role below, so one name per operation is enough.
 */
public enum Role {
    /** Every GET. Anonymous callers hold it too, unless {@code rectrack.anonymous-read=false}. */
    @JsonProperty("reader") READER,
    /** Progress updates and GOVERNMENT assessments, for recommendations addressed to the key's institutions. */
    @JsonProperty("reporter") REPORTER,
    /** Reports, recommendations, any assessment, imports, archiving. */
    @JsonProperty("editor") EDITOR,
    /** Keys, webhooks, institutions, themes. */
    @JsonProperty("admin") ADMIN;

    /** The role names for {@code @RolesAllowed}: constants, as annotations need. */
    public static final String READ = "reader";
    public static final String REPORT = "reporter";
    public static final String EDIT = "editor";
    public static final String ADMINISTER = "admin";

    /** The name on the wire and in {@code @RolesAllowed}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** This role's name and those of every role it includes, as a security identity holds them. */
    public Set<String> grantedNames() {
        return Arrays.stream(values()).filter(this::includes).map(Role::wireName).collect(Collectors.toUnmodifiableSet());
    }
}
