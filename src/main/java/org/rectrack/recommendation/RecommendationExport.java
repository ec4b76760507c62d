package org.rectrack.recommendation;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.StreamingOutput;

import org.apache.commons.csv.CSVPrinter;
import org.hibernate.Session;
import org.rectrack.common.Cursor;
import org.rectrack.recommendation.RecommendationFilter.Criteria;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Streams every recommendation a list filter selects, unpaged, as CSV or NDJSON. Rows are read in
 * keyset chunks, each in a short read-only transaction of its own, so neither memory nor a database
 * connection is held for the whole export, however large it is and however slowly the client reads.
 */
@ApplicationScoped
public class RecommendationExport {

    public static final String NDJSON = "application/x-ndjson";

    static final int CHUNK = 500;

    private final EntityManager entityManager;
    private final ObjectMapper mapper;

    RecommendationExport(EntityManager entityManager, ObjectMapper mapper) {
        this.entityManager = entityManager;
        this.mapper = mapper;
    }

    /** The export in the columns an import reads, then the derived ones. The first chunk is read now. */
    public StreamingOutput csv(Criteria criteria) {
        Chunks<List<Object>> chunks = new Chunks<>(criteria, r -> RecommendationCsv.cells(r, criteria.today()));
        List<List<Object>> first = chunks.next();
        return out -> {
            var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            var printer = new CSVPrinter(writer, RecommendationCsv.FORMAT);
            printer.printRecord(RecommendationCsv.exportColumns());
            for (List<List<Object>> rows = first; !rows.isEmpty(); rows = chunks.next()) {
                for (List<Object> row : rows) {
                    printer.printRecord(row);
                }
                printer.flush();
            }
            printer.flush();
        };
    }

    /** The export as one JSON object per line, each the same as an item of the JSON list. */
    public StreamingOutput ndjson(Criteria criteria) {
        Chunks<RecommendationView> chunks = new Chunks<>(criteria, r -> RecommendationView.of(r, criteria.today()));
        List<RecommendationView> first = chunks.next();
        return out -> {
            OutputStream buffered = new BufferedOutputStream(out);
            for (List<RecommendationView> rows = first; !rows.isEmpty(); rows = chunks.next()) {
                for (RecommendationView row : rows) {
                    buffered.write(mapper.writeValueAsBytes(row));
                    buffered.write('\n');
                }
                buffered.flush();
            }
            buffered.flush();
        };
    }

    /** Reads the selection a chunk at a time, each chunk strictly after the last row of the one before. */
    private final class Chunks<T> {

        private final Criteria criteria;
        private final Function<Recommendation, T> convert;
        private Cursor after;
        private boolean done;

        Chunks(Criteria criteria, Function<Recommendation, T> convert) {
            this.criteria = criteria;
            this.convert = convert;
        }

        List<T> next() {
            if (done) {
                return List.of();
            }
            // A new transaction starts with an empty persistence context: the previous chunk is gone.
            return QuarkusTransaction.requiringNew().call(() -> {
                entityManager.unwrap(Session.class).setDefaultReadOnly(true);
                RecommendationQuery query = new RecommendationQuery(criteria, after);
                List<Recommendation> rows = Recommendation.<Recommendation>find(query.hql(), query.parameters())
                        .range(0, CHUNK - 1).list();
                done = rows.size() < CHUNK;
                if (!rows.isEmpty()) {
                    Recommendation last = rows.get(rows.size() - 1);
                    after = new Cursor(criteria.sortKey(), criteria.sort().valueOf(last), last.id);
                }
                return rows.stream().map(convert).toList();
            });
        }
    }
}
