package org.rectrack.common;

/** A representation of one item that carries its own strong ETag. */
public interface Versioned {

    long version();

    default String etag() {
        return ETags.ofVersion(version());
    }
}
