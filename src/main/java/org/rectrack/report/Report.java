package org.rectrack.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.rectrack.common.TrackedEntity;

import io.quarkus.panache.common.Parameters;

/** The source document of recommendations, such as an election observation final report. */
@Entity
@Table(name = "report")
public class Report extends TrackedEntity {

    @Column(nullable = false, unique = true, length = 64)
    public String reference;

    @Column(nullable = false, length = 300)
    public String title;

    @Column(nullable = false, length = 200)
    public String issuer;

    @Column(nullable = false, length = 2)
    public String country;

    @Column(length = 100)
    public String kind;

    public LocalDate electionDate;

    public LocalDate publishedOn;

    @Column(length = 2048)
    public String url;

    @Column(nullable = false)
    public boolean archived;

    public static Optional<Report> findByReference(String reference) {
        return find("reference", reference).firstResultOptional();
    }

    /** Up to {@code limit} reports after the given reference, in reference order. */
    public static List<Report> pageAfter(String afterReference, String country, Boolean archived, int limit) {
        return find("reference > :after and (:country is null or country = :country)"
                        + " and (:archived is null or archived = :archived) order by reference",
                Parameters.with("after", afterReference == null ? "" : afterReference).and("country", country)
                        .and("archived", archived))
                .range(0, limit - 1).list();
    }
}
