package org.rectrack.institution;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.rectrack.common.TrackedEntity;

import io.quarkus.panache.common.Parameters;

/** A body that recommendations are addressed to, such as a Central Election Commission. */
@Entity
@Table(name = "institution")
public class Institution extends TrackedEntity {

    @Column(nullable = false, unique = true, length = 64)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 2)
    public String country;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 32)
    public InstitutionKind kind;

    public static Optional<Institution> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    public static List<Institution> findByCodes(List<String> codes) {
        return codes.isEmpty() ? List.of() : list("code in ?1", codes);
    }

    /** Up to {@code limit} institutions after the given code, in code order, optionally of one country or kind. */
    public static List<Institution> pageAfter(String afterCode, String country, InstitutionKind kind, int limit) {
        return find("code > :after and (:country is null or country = :country) and (:kind is null or kind = :kind) order by code",
                Parameters.with("after", afterCode == null ? "" : afterCode).and("country", country).and("kind", kind))
                .range(0, limit - 1).list();
    }
}
