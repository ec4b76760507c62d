package org.rectrack.recommendation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.rectrack.common.ProblemException;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** One rating of a recommendation's implementation. Immutable once recorded. */
@Entity
@Table(name = "assessment")
public class Assessment extends PanacheEntity {

    /** History order: by the date of the assessment, then by when it was recorded. */
    public static final Comparator<Assessment> CHRONOLOGICAL = Comparator
            .comparing((Assessment a) -> a.assessedOn).thenComparing(a -> a.recordedAt).thenComparing(a -> a.id);

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "recommendation_id", nullable = false, updatable = false)
    public Recommendation recommendation;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 32, updatable = false)
    public ImplementationStatus status;

    @Column(length = 100, updatable = false)
    public String rawStatus;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 32, updatable = false)
    public AssessorType assessorType;

    @Column(length = 200, updatable = false)
    public String assessorName;

    @Column(nullable = false, updatable = false)
    public LocalDate assessedOn;

    @Column(length = 500, updatable = false)
    public String source;

    @Column(length = 4000, updatable = false)
    public String rationale;

    @Convert(converter = UrlListConverter.class)
    @Column(length = 12000, updatable = false)
    public List<String> evidence = List.of();

    @Column(nullable = false, updatable = false)
    public Instant recordedAt;

    @Column(nullable = false, length = 200, updatable = false)
    public String recordedBy;

    /**
     * A new assessment of the recommendation, recorded at {@code now} by {@code recordedBy}. The
     * recommendation's derived fields follow: call this with the recommendation locked.
     */
    public static Assessment record(Recommendation recommendation, AssessmentInput input, Instant now,
                                    String recordedBy) {
        if (input.status() == ImplementationStatus.NOT_ASSESSED) {
            throw ProblemException.invalid("status", "must be a rating; NOT_ASSESSED is only the absence of one");
        }
        Assessment a = new Assessment();
        a.recommendation = recommendation;
        a.status = input.status();
        a.rawStatus = input.rawStatus();
        a.assessorType = input.assessorType();
        a.assessorName = input.assessorName();
        a.assessedOn = input.assessedOn();
        a.source = input.source();
        a.rationale = input.rationale();
        a.evidence = input.evidence() == null ? List.of() : List.copyOf(input.evidence());
        a.recordedAt = now;
        a.recordedBy = recordedBy;
        a.persist();
        recommendation.accept(a, now);
        return a;
    }

    /** One page of a recommendation's history, oldest first, after the given position. */
    public static List<Assessment> history(Recommendation recommendation, LocalDate afterDate, Instant afterRecorded,
                                           long afterId, int limit) {
        return find("recommendation = ?1 and (assessedOn > ?2 or (assessedOn = ?2 and recordedAt > ?3)"
                        + " or (assessedOn = ?2 and recordedAt = ?3 and id > ?4)) order by assessedOn, recordedAt, id",
                recommendation, afterDate, afterRecorded, afterId).range(0, limit - 1).list();
    }
}
