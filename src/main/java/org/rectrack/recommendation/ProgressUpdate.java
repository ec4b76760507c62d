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
import org.rectrack.institution.Institution;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** What an implementing institution says it did about a recommendation. Immutable once recorded. */
@Entity
@Table(name = "progress_update")
public class ProgressUpdate extends PanacheEntity {

    public static final Comparator<ProgressUpdate> CHRONOLOGICAL = Comparator
            .comparing((ProgressUpdate p) -> p.reportedOn).thenComparing(p -> p.recordedAt).thenComparing(p -> p.id);

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "recommendation_id", nullable = false, updatable = false)
    public Recommendation recommendation;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "institution_id", nullable = false, updatable = false)
    public Institution institution;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 32, updatable = false)
    public Stage stage;

    @Column(updatable = false)
    public Integer percentComplete;

    @Column(nullable = false, length = 4000, updatable = false)
    public String summary;

    @Column(nullable = false, updatable = false)
    public LocalDate reportedOn;

    @Convert(converter = UrlListConverter.class)
    @Column(length = 12000, updatable = false)
    public List<String> evidence = List.of();

    @Column(nullable = false, updatable = false)
    public Instant recordedAt;

    @Column(nullable = false, length = 200, updatable = false)
    public String recordedBy;

    /** A new progress update of the institution, recorded at {@code now}; call it with the recommendation locked. */
    public static ProgressUpdate record(Recommendation recommendation, Institution institution, ProgressUpdateInput input,
                                        Instant now, String recordedBy) {
        ProgressUpdate p = new ProgressUpdate();
        p.recommendation = recommendation;
        p.institution = institution;
        p.stage = input.stage();
        p.percentComplete = input.percentComplete();
        p.summary = input.summary();
        p.reportedOn = input.reportedOn();
        p.evidence = input.evidence() == null ? List.of() : List.copyOf(input.evidence());
        p.recordedAt = now;
        p.recordedBy = recordedBy;
        p.persist();
        recommendation.accept(p, now);
        return p;
    }

    /** One page of a recommendation's progress history, oldest first, after the given position. */
    public static List<ProgressUpdate> history(Recommendation recommendation, LocalDate afterDate,
                                               Instant afterRecorded, long afterId, int limit) {
        return find("recommendation = ?1 and (reportedOn > ?2 or (reportedOn = ?2 and recordedAt > ?3)"
                        + " or (reportedOn = ?2 and recordedAt = ?3 and id > ?4)) order by reportedOn, recordedAt, id",
                recommendation, afterDate, afterRecorded, afterId).range(0, limit - 1).list();
    }
}
