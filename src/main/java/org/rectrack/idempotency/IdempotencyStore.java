package org.rectrack.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;


import io.agroal.api.AgroalDataSource;

/**
 * The {@code idempotency_record} table, in plain SQL. Every method is one statement in a short
 * transaction of its own (autocommit), apart from any transaction of the request: a claim must be
 * visible to other instances at once, and must survive the rollback of the work it guards. Plain
 * JDBC rather than Hibernate because a lost race is an expected outcome here, not an error to log.
 */
@ApplicationScoped
class IdempotencyStore {

    /** SQLSTATE of a unique or primary key violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String DONE = "DONE";

    private final AgroalDataSource dataSource;

    IdempotencyStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims the key for this request. Of any number of requests racing on one key, on any number of
     * instances, the database lets exactly one insert succeed; the others get {@code false}.
     */
    boolean claim(Claim claim, String fingerprint, Instant now) {
        String sql = "insert into idempotency_record (caller, idempotency_key, fingerprint, state, claim_token,"
                + " created_at, claimed_at) values (?, ?, ?, '" + IN_PROGRESS + "', ?, ?, ?)";
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, claim.caller());
            insert.setString(2, claim.key());
            insert.setString(3, fingerprint);
            insert.setString(4, claim.token());
            insert.setObject(5, utc(now));
            insert.setObject(6, utc(now));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw failure(e);
        }
    }

    Optional<IdempotencyRecord> find(String caller, String key) {
        String sql = "select fingerprint, state, claim_token, claimed_at, status, headers, body"
                + " from idempotency_record where caller = ? and idempotency_key = ?";
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, caller);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                byte[] body = row.getBytes("body");
                StoredResponse answer = DONE.equals(row.getString("state"))
                        ? new StoredResponse(row.getInt("status"), StoredResponse.parseHeaderLines(row.getString("headers")),
                                body == null ? new byte[0] : body)
                        : null;
                return Optional.of(new IdempotencyRecord(row.getString("fingerprint"), row.getString("claim_token"),
                        row.getObject("claimed_at", OffsetDateTime.class).toInstant(), answer));
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Moves an abandoned claim to this request. Only one of several requests that found the same
     * abandoned claim wins: the update names the token they all saw.
     */
    boolean takeOver(String abandonedToken, Claim claim, Instant now) {
        String sql = "update idempotency_record set claim_token = ?, claimed_at = ?"
                + " where caller = ? and idempotency_key = ? and claim_token = ? and state = '" + IN_PROGRESS + "'";
        return update(sql, claim.token(), utc(now), claim.caller(), claim.key(), abandonedToken) == 1;
    }

    /** Stores the answer; false if the claim was lost (taken over) meanwhile. */
    boolean complete(Claim claim, StoredResponse answer, Instant now) {
        String sql = "update idempotency_record set state = '" + DONE + "', status = ?, headers = ?, body = ?, completed_at = ?"
                + " where caller = ? and idempotency_key = ? and claim_token = ? and state = '" + IN_PROGRESS + "'";
        return update(sql, answer.status(), answer.headerLines(), answer.body(), utc(now),
                claim.caller(), claim.key(), claim.token()) == 1;
    }

    /** Lets the key go without an answer, so that a retry does the work. */
    void release(Claim claim) {
        update("delete from idempotency_record where caller = ? and idempotency_key = ? and claim_token = ? and state = '"
                + IN_PROGRESS + "'", claim.caller(), claim.key(), claim.token());
    }

    /** Deletes every record created before the cutoff, answered or not; returns how many. */
    int deleteCreatedBefore(Instant cutoff) {
        return update("delete from idempotency_record where created_at < ?", utc(cutoff));
    }

    private int update(String sql, Object... parameters) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    /** The cause stays attached: the problem mapper finds an unreachable database in it (a 503). */
    private static RuntimeException failure(SQLException e) {
        return new IllegalStateException("Idempotency store failed", e);
    }
}
