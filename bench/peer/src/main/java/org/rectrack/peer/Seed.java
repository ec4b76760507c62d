package org.rectrack.peer;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Fills the freshly created table at start, so every run reads the same rows. */
public class Seed {

    @ConfigProperty(name = "peer.fruits", defaultValue = "1000")
    int fruits;

    @Transactional
    void onStart(@Observes StartupEvent event) {
        for (int i = 1; i <= fruits; i++) {
            Fruit fruit = new Fruit();
            fruit.name = "fruit-" + i;
            fruit.persist();
        }
    }
}
