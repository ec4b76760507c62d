package org.rectrack.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.rectrack.common.Problem;
import org.rectrack.common.ProblemType;
import org.rectrack.common.QueryValues;
import org.rectrack.recommendation.RecommendationCsv;
import org.rectrack.recommendation.RecommendationInput;
import org.rectrack.common.Role;

import com.fasterxml.jackson.databind.ObjectMapper;

@Path("/api/v1/imports")
@Tag(name = "Imports", description = "Bulk upsert of recommendations from CSV or JSON, all or nothing")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.EDIT)
public class ImportResource {

    private static final MediaType CSV = MediaType.valueOf(RecommendationCsv.MEDIA_TYPE);

    private final ImportService imports;
    private final ImportConfig config;
    private final ObjectMapper mapper;

    ImportResource(ImportService imports, ImportConfig config, ObjectMapper mapper) {
        this.imports = imports;
        this.config = config;
        this.mapper = mapper;
    }

    @POST
    @Consumes({RecommendationCsv.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Operation(operationId = "importRecommendations", summary = "Create or update many recommendations at once, by reference",
            description = "Every row is checked by the rules of createRecommendation before anything is written. "
                    + "If any row is invalid the answer is 422 naming every bad row and nothing is written; otherwise "
                    + "all rows are written in one transaction and the answer lists each row's outcome in order. "
                    + "A row equal to the stored recommendation is unchanged: it keeps its version and updatedAt. "
                    + "A row is the whole recommendation: an empty cell or missing column means null or the default, "
                    + "not 'keep the stored value'. `repeats` may name a recommendation created by the same import. "
                    + "At most 20,000 rows and 20 MB (rectrack.import.max-rows, rectrack.import.max-body-size); more is 413.")
    @RequestBody(required = true, content = {
            @Content(mediaType = RecommendationCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING,
                    description = "RFC 4180 CSV in UTF-8 (a byte-order mark is allowed) with a header row naming the "
                            + "columns in any order: reference, report, number and text are required; priority, themes, "
                            + "addressees, targetDate, response, repeats and archived are optional. themes and "
                            + "addressees hold codes separated by ';'. The read-only columns an export adds (status, "
                            + "statusAssessedOn, overdue, version, updatedAt) are ignored; any other column is a 422."),
                    example = "reference,report,number,text,priority,themes,addressees,targetDate,response,repeats,archived\r\n"
                            + "KZ-2021-PARL-R07,KZ-2021-PARL,7,\"Review the law, in consultation with civil society\","
                            + "true,legal-framework;media,kz-cec,2023-12-31,SUPPORTED,,false\r\n"),
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = RecommendationInput.class))})
    @APIResponse(responseCode = "200", description = "Every row was valid; with dryRun nothing was written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportResult.class)))
    @APIResponse(responseCode = "422", description = "Some rows are invalid and nothing was written. The errors list "
            + "names every bad row: for CSV `line 7, column themes` (the line the row starts on; the header is line 1), "
            + "for JSON `[3].number` (the array index, from 0). Or: the Idempotency-Key was already used for a "
            + "different request",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = "Problem")))
    public ImportResult importRecommendations(
            @QueryParam("dryRun") @Parameter(description = "true: check every row and report the outcomes without writing",
                    schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) String dryRun,
            @Context HttpHeaders headers, InputStream body) throws IOException {
        QueryValues values = new QueryValues();
        Boolean dry = values.bool("dryRun", dryRun);
        values.check();
        MediaType type = headers.getMediaType();
        List<ImportRow> rows;
        if (type.isCompatible(CSV)) {
            requireUtf8(type);
            rows = CsvImport.read(body, config.maxRows());
        } else {
            rows = JsonImport.read(body, mapper, config.maxRows());
        }
        return imports.run(rows, Boolean.TRUE.equals(dry));
    }

    /** CSV must be UTF-8; a body that says otherwise is refused rather than misread. */
    private static void requireUtf8(MediaType type) {
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        try {
            if (charset == null || Charset.forName(charset).equals(StandardCharsets.UTF_8)) {
                return;
            }
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            // answered below
        }
        throw ProblemType.UNSUPPORTED_MEDIA_TYPE.problem("A CSV import must be UTF-8 (text/csv; charset=UTF-8), not " + charset);
    }
}
