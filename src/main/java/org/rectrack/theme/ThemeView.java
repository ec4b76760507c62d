package org.rectrack.theme;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.rectrack.common.Versioned;

@Schema(name = "Theme")
public record ThemeView(String code, String label, @Schema(nullable = true) String description, long version, Instant createdAt,
                        Instant updatedAt) implements Versioned {

    public static ThemeView of(Theme t) {
        return new ThemeView(t.code, t.label, t.description, t.version, t.createdAt, t.updatedAt);
    }
}
