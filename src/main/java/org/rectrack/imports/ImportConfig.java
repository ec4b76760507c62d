package org.rectrack.imports;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits of one import; beyond either the answer is 413 and nothing is read further. */
@ConfigMapping(prefix = "rectrack.import")
public interface ImportConfig {

    /** Rows (CSV records after the header, or JSON array items) in one import. */
    @WithDefault("20000")
    int maxRows();

    /**
     * Bytes in one import body, larger than the general {@code rectrack.max-body-size}; enforced
     * with every other body limit in {@code common.BodyLimit}, which reads the same key.
     */
    @WithDefault("20M")
    MemorySize maxBodySize();
}
