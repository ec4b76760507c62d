package org.rectrack.webhook;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The one profile of every test that delivers to a receiver on loopback (one profile, so one restart):
 * private targets allowed, and retries a second apart, so that a schedule runs out within a test.
 */
public class DeliveryProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("rectrack.webhooks.allow-private-targets", "true",
                "rectrack.webhooks.retry-delays", "1s,1s,1s",
                "rectrack.webhooks.rotation-grace", "1h");
    }
}
