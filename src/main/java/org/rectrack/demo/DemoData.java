package org.rectrack.demo;

import java.io.IOException;
import java.io.InputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.rectrack.recommendation.AssessmentInput;
import org.rectrack.recommendation.AssessmentService;
import org.rectrack.common.JsonItems;
import org.rectrack.institution.Institution;
import org.rectrack.institution.InstitutionInput;
import org.rectrack.institution.InstitutionService;
import org.rectrack.recommendation.ProgressService;
import org.rectrack.recommendation.ProgressUpdateInput;
import org.rectrack.recommendation.RecommendationInput;
import org.rectrack.recommendation.RecommendationService;
import org.rectrack.report.Report;
import org.rectrack.report.ReportInput;
import org.rectrack.report.ReportService;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Fills an empty database with an example to explore: the 2021 and 2023 observation reports on
 * Kazakhstan's Majilis elections, their addressees, assessments and progress. Runs only when
 * {@code rectrack.demo-data.enabled} is true (dev mode), through the same services as the API.
 */
@ApplicationScoped
public class DemoData {

    static final String RESOURCE = "/demo/demo-data.json";

    private final boolean enabled;
    private final ObjectMapper mapper;
    private final JsonItems items;
    private final InstitutionService institutions;
    private final ReportService reports;
    private final RecommendationService recommendations;
    private final AssessmentService assessments;
    private final ProgressService progress;

    DemoData(@ConfigProperty(name = "rectrack.demo-data.enabled") boolean enabled, ObjectMapper mapper,
             JsonItems items, InstitutionService institutions, ReportService reports,
             RecommendationService recommendations, AssessmentService assessments, ProgressService progress) {
        this.enabled = enabled;
        this.mapper = mapper;
        this.items = items;
        this.institutions = institutions;
        this.reports = reports;
        this.recommendations = recommendations;
        this.assessments = assessments;
        this.progress = progress;
    }

    void onStart(@Observes StartupEvent event) throws IOException {
        if (enabled) {
            loadIntoEmptyDatabase();
        }
    }

    /** Loads everything in one transaction, so a failure leaves the database empty. */
    @Transactional
    public boolean loadIntoEmptyDatabase() throws IOException {
        if (Report.count() > 0 || Institution.count() > 0) {
            return false;
        }
        JsonNode data;
        try (InputStream in = DemoData.class.getResourceAsStream(RESOURCE)) {
            data = mapper.readTree(in);
        }
        for (JsonNode item : data.get("institutions")) {
            institutions.create(items.read(item, InstitutionInput.class));
        }
        for (JsonNode item : data.get("reports")) {
            reports.create(items.read(item, ReportInput.class));
        }
        for (JsonNode item : data.get("recommendations")) {
            recommendations.create(items.read(item, RecommendationInput.class));
        }
        for (JsonNode item : data.get("assessments")) {
            assessments.add(item.get("recommendation").asText(), items.read(item, AssessmentInput.class, "recommendation"));
        }
        for (JsonNode item : data.get("progressUpdates")) {
            progress.add(item.get("recommendation").asText(), items.read(item, ProgressUpdateInput.class, "recommendation"));
        }
        Log.infof("Demo data loaded: %d reports, %d recommendations", data.get("reports").size(),
                data.get("recommendations").size());
        return true;
    }

}
