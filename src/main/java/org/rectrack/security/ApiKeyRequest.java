package org.rectrack.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A key presented by a request. It never prints its key: not in logs, not in errors. */
final class ApiKeyRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    @Override
    public String toString() {
        return "ApiKeyRequest[key hidden]";
    }
}
