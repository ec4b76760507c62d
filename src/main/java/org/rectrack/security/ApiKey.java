package org.rectrack.security;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.rectrack.common.Role;
import org.rectrack.institution.Institution;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/** A partner's key: who it is, what it may do, and the hash of its secret (never the secret). */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntity {

    @Column(nullable = false, length = 100)
    public String name;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(nullable = false, length = 16)
    public Role role;

    @Column(name = "secret_hash", nullable = false, unique = true, length = 64)
    public String secretHash;

    /** The key's own limit; null takes {@code rectrack.rate-limit.key-per-minute}. */
    @Column(name = "rate_limit_per_minute")
    public Integer rateLimitPerMinute;

    @ManyToMany
    @JoinTable(name = "api_key_institution", joinColumns = @JoinColumn(name = "api_key_id"),
            inverseJoinColumns = @JoinColumn(name = "institution_id"))
    public Set<Institution> institutions = new LinkedHashSet<>();

    @Column(name = "created_by", nullable = false, length = 100)
    public String createdBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** Up to {@code limit} keys after the given id, in id order. */
    static List<ApiKey> pageAfter(long afterId, int limit) {
        return find("id > ?1 order by id", afterId).range(0, limit - 1).list();
    }
}
