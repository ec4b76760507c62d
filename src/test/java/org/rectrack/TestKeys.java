package org.rectrack;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.builder.RequestSpecBuilder;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * API keys in tests. Every REST Assured request of a @QuarkusTest carries the bootstrap admin key
 * ({@code %test.rectrack.admin-key}) unless it sets an Authorization header of its own or asks to be
 * {@link #anonymous()}; raw clients send {@link #ADMIN_BEARER} themselves. Keys of other roles are
 * created through the API, as a partner's would be.
 */
public final class TestKeys {

    /** The bootstrap admin key of the test profile (application.properties). */
    public static final String ADMIN = "test-admin-key-0123456789abcdefghijklmnopqrstuvwxyz";
    public static final String ADMIN_BEARER = "Bearer " + ADMIN;

    /** A request header only the test client knows: {@link #DEFAULT_KEY} drops it and adds no key. */
    private static final String ANONYMOUS_MARKER = "X-Rectrack-Test-Anonymous";


    /** Adds the admin key to every request that names no key and is not {@link #anonymous()}. */
    public static final Filter DEFAULT_KEY = (request, response, context) -> {
        if (request.getHeaders().hasHeaderWithName(ANONYMOUS_MARKER)) {
            request.removeHeader(ANONYMOUS_MARKER);
        } else if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", ADMIN_BEARER);
        }
        return context.next(request, response);
    };

    private TestKeys() {
    }

    /**
     * {@code given().spec(TestKeys.anonymous())}: a request without any key. (A spec is built per
     * request: a builder copies the port of the moment, and the test port is set late.)
     */
    public static RequestSpecification anonymous() {
        return new RequestSpecBuilder().addHeader(ANONYMOUS_MARKER, "1").build();
    }

    /** {@code given().spec(TestKeys.as(key))}: a request with this key. */
    public static RequestSpecification as(String key) {
        return new RequestSpecBuilder().addHeader("Authorization", "Bearer " + key).build();
    }

    /** Creates a key with the admin key and returns its secret. */
    public static String create(String role, String... institutions) {
        return create(role, Map.of(), institutions);
    }

    /** Creates a key with extra fields ({@code expiresAt}, {@code rateLimitPerMinute}) and returns its secret. */
    public static String create(String role, Map<String, Object> fields, String... institutions) {
        Map<String, Object> body = new HashMap<>(Map.of("name", TestData.unique(role), "role", role));
        if (institutions.length > 0) {
            body.put("institutions", List.of(institutions));
        }
        body.putAll(fields);
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("key");
    }
}
