package org.rectrack.theme;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.rectrack.common.TrackedEntity;

/** A subject area of recommendations, such as a chapter of an election observation report. */
@Entity
@Table(name = "theme")
public class Theme extends TrackedEntity {

    @Column(nullable = false, unique = true, length = 64)
    public String code;

    @Column(nullable = false, length = 200)
    public String label;

    @Column(length = 2000)
    public String description;

    public static Optional<Theme> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }

    public static List<Theme> findByCodes(List<String> codes) {
        return codes.isEmpty() ? List.of() : list("code in ?1", codes);
    }

    /** Up to {@code limit} themes after the given code, in code order. */
    public static List<Theme> pageAfter(String afterCode, int limit) {
        return find("code > ?1 order by code", afterCode == null ? "" : afterCode).range(0, limit - 1).list();
    }
}
