package org.rectrack.common;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem details body: the one shape of every 4xx and 5xx answer. */
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(examples = "urn:rectrack:problem:validation") String type,
        @Schema(examples = "Invalid input") String title,
        @Schema(examples = "400") int status,
        @Schema(examples = "2 fields are invalid") String detail,
        @Schema(examples = "/api/v1/recommendations") String instance,
        @Schema(description = "Every invalid field or row; empty unless the input was invalid") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: a JSON property path (`themes[2]`), a query parameter or a CSV cell. */
    @Schema(name = "FieldError")
    public record FieldError(@Schema(examples = "country") String field,
                             @Schema(examples = "must be an ISO 3166-1 alpha-2 country code") String message) {
    }
}
