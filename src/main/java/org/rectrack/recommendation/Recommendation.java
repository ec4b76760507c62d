package org.rectrack.recommendation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.LockModeType;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.rectrack.common.TrackedEntity;
import org.rectrack.institution.Institution;
import org.rectrack.report.Report;
import org.rectrack.theme.Theme;

/**
 * A recommendation of a report. Its status and latest entries are derived from the append-only
 * histories and kept on the row, in the writing transaction, so lists can filter and sort by them.
 */
@Entity
@Table(name = "recommendation")
public class Recommendation extends TrackedEntity {

    @Column(nullable = false, unique = true, length = 64)
    public String reference;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "report_id", nullable = false)
    public Report report;

    /** The report's country, copied for the country filter's index and kept equal to it (ReportCountry). */
    @Column(nullable = false, length = 2)
    public String country;

    @Column(nullable = false)
    public int number;

    @Column(nullable = false, length = 4000)
    public String text;

    @Column(nullable = false)
    public boolean priority;

    @ManyToMany
    @JoinTable(name = "recommendation_theme", joinColumns = @JoinColumn(name = "recommendation_id"),
            inverseJoinColumns = @JoinColumn(name = "theme_id"))
    public Set<Theme> themes = new LinkedHashSet<>();

    @ManyToMany
    @JoinTable(name = "recommendation_addressee", joinColumns = @JoinColumn(name = "recommendation_id"),
            inverseJoinColumns = @JoinColumn(name = "institution_id"))
    public Set<Institution> addressees = new LinkedHashSet<>();

    public LocalDate targetDate;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 32)
    public StateResponse response = StateResponse.NO_RESPONSE;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "repeats_id")
    public Recommendation repeats;

    @Column(nullable = false)
    public boolean archived;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 32)
    public ImplementationStatus status = ImplementationStatus.NOT_ASSESSED;

    public LocalDate statusAssessedOn;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "latest_issuer_id")
    public Assessment latestIssuer;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "latest_government_id")
    public Assessment latestGovernment;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "latest_civil_society_id")
    public Assessment latestCivilSociety;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "latest_other_id")
    public Assessment latestOther;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "latest_progress_id")
    public ProgressUpdate latestProgress;

    public static Optional<Recommendation> findByReference(String reference) {
        return find("reference", reference).firstResultOptional();
    }

    /** The recommendation locked for writing: appends and patches to one recommendation take turns. */
    public static Optional<Recommendation> lockByReference(String reference) {
        return find("reference", reference).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /**
     * The named recommendations, locked for writing in id order (so two bulk requests cannot
     * deadlock), keyed by reference; unknown references are simply absent.
     */
    public static Map<String, Recommendation> lockByReferences(Collection<String> references) {
        return References.inChunks(references, chunk -> Recommendation.<Recommendation>find(
                        "reference in ?1 order by id", chunk).withLock(LockModeType.PESSIMISTIC_WRITE).list())
                .stream().collect(Collectors.toMap(r -> r.reference, Function.identity()));
    }

    /** What a client would have to send to describe this recommendation as it is; lists sorted. */
    public RecommendationInput toInput() {
        return new RecommendationInput(reference, report.reference, number, text, priority,
                themes.stream().map(t -> t.code).sorted().toList(),
                addressees.stream().map(i -> i.code).sorted().toList(), targetDate, response,
                repeats == null ? null : repeats.reference, archived);
    }

    /**
     * Sets the writable fields from an input whose references are already resolved; a missing
     * priority, response or archived flag takes its default.
     */
    public void assign(RecommendationInput input, Report report, Set<Theme> themes, Set<Institution> addressees,
                       Recommendation repeats) {
        this.report = report;
        country = report.country;
        number = input.number();
        text = input.text();
        priority = Boolean.TRUE.equals(input.priority());
        this.themes.clear();
        this.themes.addAll(themes);
        this.addressees.clear();
        this.addressees.addAll(addressees);
        targetDate = input.targetDate();
        response = input.response() == null ? StateResponse.NO_RESPONSE : input.response();
        this.repeats = repeats;
        archived = Boolean.TRUE.equals(input.archived());
    }

    /** The codes of the institutions it is addressed to: what a reporter's key is checked against. */
    public List<String> addresseeCodes() {
        return addressees.stream().map(i -> i.code).toList();
    }

    public boolean isOverdue(LocalDate today) {
        return targetDate != null && targetDate.isBefore(today) && !status.isClosed();
    }

    public Assessment latest(AssessorType type) {
        return switch (type) {
            case ISSUER -> latestIssuer;
            case GOVERNMENT -> latestGovernment;
            case CIVIL_SOCIETY -> latestCivilSociety;
            case OTHER -> latestOther;
        };
    }

    /**
     * Takes a newly recorded assessment into the derived fields: it becomes the latest of its
     * assessor type unless that one is dated later, and the issuer's latest sets the status. The
     * history changed either way, so the recommendation gets a new version.
     */
    public void accept(Assessment assessment, Instant now) {
        Assessment current = latest(assessment.assessorType);
        if (current == null || Assessment.CHRONOLOGICAL.compare(assessment, current) > 0) {
            switch (assessment.assessorType) {
                case ISSUER -> {
                    latestIssuer = assessment;
                    status = assessment.status;
                    statusAssessedOn = assessment.assessedOn;
                }
                case GOVERNMENT -> latestGovernment = assessment;
                case CIVIL_SOCIETY -> latestCivilSociety = assessment;
                case OTHER -> latestOther = assessment;
            }
        }
        changed(now);
    }

    /** Takes a newly recorded progress update into the derived fields, like {@link #accept(Assessment, Instant)}. */
    public void accept(ProgressUpdate update, Instant now) {
        if (latestProgress == null || ProgressUpdate.CHRONOLOGICAL.compare(update, latestProgress) > 0) {
            latestProgress = update;
        }
        changed(now);
    }
}
