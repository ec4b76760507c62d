package org.rectrack.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The receiver's side of the Standard Webhooks signature, written from the specification and
 * independent of the service's signer: HMAC-SHA256 keyed with the base64-decoded part of the
 * {@code whsec_} secret, over {@code id + "." + timestamp + "." + body}; the header lists
 * space-separated {@code v1,<base64>} signatures, any of which may match.
 */
final class StandardWebhooks {

    private StandardWebhooks() {
    }

    /** True when one of the header's v1 signatures was made with this secret. */
    static boolean verifies(String secret, String id, String timestamp, String body, String signatureHeader) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = hmac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
        for (String candidate : signatureHeader.split(" ")) {
            int comma = candidate.indexOf(',');
            if (comma < 0 || !candidate.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given = Base64.getDecoder().decode(candidate.substring(comma + 1));
            if (MessageDigest.isEqual(expected, given)) {
                return true;
            }
        }
        return false;
    }

    /** How many signatures the header carries. */
    static int signatures(String signatureHeader) {
        return signatureHeader.trim().split(" +").length;
    }
}
