package org.rectrack.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.rectrack.common.Problem.FieldError;
import org.rectrack.common.ProblemException;
import org.rectrack.common.ProblemMapper;
import org.rectrack.common.ProblemType;
import org.rectrack.imports.ImportResult.RowOutcome;
import org.rectrack.recommendation.Draft;
import org.rectrack.recommendation.RecommendationCsv;
import org.rectrack.recommendation.RecommendationInput;
import org.rectrack.recommendation.RecommendationService;
import org.rectrack.recommendation.Saved;

import io.quarkus.logging.Log;

/**
 * Imports rows read from CSV or JSON: each row is validated as a create would be and handed, with
 * what could not be read, to {@link RecommendationService#upsert}, which applies the rules of every
 * recommendation write. This class only names what went wrong the way the client wrote it (CSV
 * line and column, or JSON index and path).
 */
@ApplicationScoped
public class ImportService {

    private final Validator validator;
    private final RecommendationService recommendations;

    ImportService(Validator validator, RecommendationService recommendations) {
        this.validator = validator;
        this.recommendations = recommendations;
    }

    /** A 422 naming every bad row; nothing was written. */
    static ProblemException invalid(List<FieldError> errors) {
        long rows = errors.stream().map(e -> e.field().split(", ")[0].split("\\.")[0]).distinct().count();
        String detail = (errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " problems in " + rows + (rows == 1 ? " row" : " rows")) + "; nothing was imported";
        return new ProblemException(ProblemType.INVALID_IMPORT, detail, errors, Map.of());
    }

    /** One transaction around the check and the 422, so that a refused import cannot commit anything. */
    @Transactional
    public ImportResult run(List<ImportRow> rows, boolean dryRun) {
        List<Draft> drafts = rows.stream().map(this::draft).toList();
        List<Saved> saved = recommendations.upsert(drafts, dryRun);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            errors.addAll(named(rows.get(i), saved.get(i).problems()));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        List<RowOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            ImportRow row = rows.get(i);
            outcomes.add(new RowOutcome(row.line(), row.index(), row.input().reference(), saved.get(i).outcome()));
        }
        ImportResult result = ImportResult.of(dryRun, outcomes);
        Log.infof("Import%s of %d rows: %d created, %d updated, %d unchanged", dryRun ? " (dry run)" : "", rows.size(),
                result.summary().created(), result.summary().updated(), result.summary().unchanged());
        return result;
    }

    /** The row as a draft: what could not be read, then what is invalid (a cell that could not be read is named once). */
    private Draft draft(ImportRow row) {
        List<FieldError> problems = new ArrayList<>(row.unreadable());
        RecommendationInput input = row.input();
        if (input != null) {
            Set<String> unreadable = Set.copyOf(problems.stream().map(p -> Draft.field(p.field())).toList());
            for (ConstraintViolation<RecommendationInput> v : validator.validate(input)) {
                String path = ProblemMapper.field(v.getPropertyPath());
                if (!unreadable.contains(Draft.field(path))) {
                    problems.add(new FieldError(path, row.message(path, v.getInvalidValue(), v.getMessage())));
                }
            }
        }
        return new Draft(input, problems, row.isCsv() ? "on line " + row.line() : "at [" + row.index() + "]");
    }

    /** A row's problems named for the client and ordered by column, as an export writes them. */
    private static List<FieldError> named(ImportRow row, List<FieldError> problems) {
        return problems.stream()
                .sorted(Comparator.comparingInt((FieldError p) -> RecommendationCsv.COLUMNS.indexOf(Draft.field(p.field())))
                        .thenComparing(FieldError::field).thenComparing(FieldError::message))
                .map(p -> new FieldError(row.field(p.field()), p.message()))
                .toList();
    }
}
