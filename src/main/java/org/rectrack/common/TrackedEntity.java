package org.rectrack.common;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntity;

/**
 * An editable item: versioned for conditional writes, with creation and change times that the
 * writing service sets from its clock.
 */
@MappedSuperclass
public abstract class TrackedEntity extends PanacheEntity {

    @Version
    @Column(nullable = false)
    public long version;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Marks a new item as created now; call it before it is persisted. */
    public void created(Instant now) {
        createdAt = now;
        updatedAt = now;
    }

    /** Marks the item as changed now. */
    public void changed(Instant now) {
        updatedAt = now;
    }

    public String etag() {
        return ETags.ofVersion(version);
    }
}
