package org.rectrack.webhook;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.rectrack.common.TrackedEntity;

/**
 * A receiver of signed events: where to send, which events, and the secret that signs them. The
 * secret is kept as it is (it must sign) and never leaves the server after the answer that made it.
 */
@Entity
@Table(name = "webhook")
public class Webhook extends TrackedEntity {

    /** The value of {@link #events} that subscribes to every type. */
    static final String ALL = "*";

    @Column(nullable = false, length = 2048)
    public String url;

    @Column(length = 500)
    public String description;

    /** Feed types (wire names), or {@link #ALL}. */
    @Convert(converter = CodeList.class)
    @Column(nullable = false, length = 200)
    public List<String> events;

    @Convert(converter = CodeList.class)
    @Column(name = "filter_reports", length = 4000)
    public List<String> filterReports;

    @Convert(converter = CodeList.class)
    @Column(name = "filter_countries", length = 400)
    public List<String> filterCountries;

    @Convert(converter = CodeList.class)
    @Column(name = "filter_themes", length = 4000)
    public List<String> filterThemes;

    @Convert(converter = CodeList.class)
    @Column(name = "filter_addressees", length = 4000)
    public List<String> filterAddressees;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "disabled_reason", length = 500)
    public String disabledReason;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(nullable = false, length = 100)
    public String secret;

    @Column(name = "previous_secret", length = 100)
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Column(name = "created_by", nullable = false, length = 100)
    public String createdBy;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    WebhookFilter filter() {
        return new WebhookFilter(filterReports, filterCountries, filterThemes, filterAddressees);
    }

    void filter(WebhookFilter filter) {
        WebhookFilter f = filter == null ? WebhookFilter.NONE : filter.normalised();
        filterReports = f.report();
        filterCountries = f.country();
        filterThemes = f.theme();
        filterAddressees = f.addressee();
    }

    /** The previous secret while its grace period lasts. */
    Optional<String> previousSecret(Instant now) {
        return previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)
                ? Optional.of(previousSecret) : Optional.empty();
    }

    /** Marks the webhook as disabled, saying why; the worker sends it nothing until it is enabled again. */
    void disable(String reason, Instant now) {
        active = false;
        disabledReason = reason.length() > 500 ? reason.substring(0, 499) + "…" : reason;
        disabledAt = now;
    }

    static Optional<Webhook> live(long id) {
        return find("id = ?1 and deletedAt is null", id).firstResultOptional();
    }

    static Optional<Webhook> liveForUpdate(long id) {
        return find("id = ?1 and deletedAt is null", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** The webhooks the outbox writes for: active and not deleted. */
    static List<Webhook> allActive() {
        return list("active = true and deletedAt is null order by id");
    }

    /** Up to {@code limit} webhooks after the given id, in id order. */
    static List<Webhook> pageAfter(long afterId, int limit) {
        return find("id > ?1 and deletedAt is null order by id", afterId).range(0, limit - 1).list();
    }

    /**
     * A short list of codes in one column, comma-separated. Every code it holds is validated against a
     * pattern without commas (references, slugs, country codes, feed types); an empty list is null.
     */
    @Converter
    public static class CodeList implements AttributeConverter<List<String>, String> {

        @Override
        public String convertToDatabaseColumn(List<String> codes) {
            return codes == null || codes.isEmpty() ? null : String.join(",", codes);
        }

        @Override
        public List<String> convertToEntityAttribute(String column) {
            return column == null || column.isEmpty() ? List.of() : List.copyOf(Arrays.asList(column.split(",")));
        }
    }
}
