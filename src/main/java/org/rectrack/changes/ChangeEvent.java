package org.rectrack.changes;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One committed change: which item, what happened, when. The item itself is read when served. */
@Entity
@Table(name = "change_event")
public class ChangeEvent extends PanacheEntityBase {

    @Id
    public long seq;

    @Convert(converter = TypeColumn.class)
    @Column(nullable = false, length = 32)
    public ChangeType type;

    @Column(nullable = false, length = 16)
    public String action;

    @Column(name = "item_key", nullable = false, length = 130)
    public String key;

    @Column(nullable = false)
    public Instant at;

    /** Up to {@code limit} events after {@code after}, in order, optionally of some types only. */
    public static List<ChangeEvent> after(long after, List<ChangeType> types, int limit) {
        return types.isEmpty()
                ? find("seq > ?1 order by seq", after).range(0, limit - 1).list()
                : find("seq > ?1 and type in ?2 order by seq", after, types).range(0, limit - 1).list();
    }

    /** Stores the wire name, so the table reads the same as the feed. */
    @Converter
    public static class TypeColumn implements AttributeConverter<ChangeType, String> {
        @Override
        public String convertToDatabaseColumn(ChangeType type) {
            return type.wire;
        }

        @Override
        public ChangeType convertToEntityAttribute(String wire) {
            return ChangeType.ofWire(wire);
        }
    }
}
