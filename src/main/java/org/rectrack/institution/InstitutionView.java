package org.rectrack.institution;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.Versioned;

@Schema(name = "Institution")
public record InstitutionView(String code, String name, String country, InstitutionKind kind, long version,
                              Instant createdAt, Instant updatedAt) implements Versioned {

    public static InstitutionView of(Institution i) {
        return new InstitutionView(i.code, i.name, i.country, i.kind, i.version, i.createdAt, i.updatedAt);
    }
}
