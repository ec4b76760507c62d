package org.rectrack.peer;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;

/** The one table of the peer, shaped like the Panache quickstart's. */
@Entity
public class Fruit extends PanacheEntity {

    @Column(length = 40, unique = true)
    public String name;
}
