package org.rectrack.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rectrack.TestData;
import org.rectrack.TestKeys;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * JSON answers from a size on are gzipped for clients that ask for it, freshly rendered or kept, and
 * read the same once decompressed; small answers and clients that do not ask get them as they are.
 * A plain JDK client, which sends no Accept-Encoding of its own and decompresses nothing.
 */
@QuarkusTest
class CompressionTest {

    @TestHTTPResource("/")
    URI base;

    private HttpClient client = HttpClient.newHttpClient();

    @ParameterizedTest
    @EnumSource(HttpClient.Version.class)
    void shouldGzipALargeAnswerForAClientThatAsks(HttpClient.Version version) throws Exception {
        client = HttpClient.newBuilder().version(version).build();
        String report = TestData.report();
        for (int i = 0; i < 5; i++) {
            TestData.recommendation(report);
        }
        String list = "api/v1/recommendations?report=" + report;
        HttpResponse<byte[]> plain = get(list, null);
        assertEquals(Optional.empty(), plain.headers().firstValue("Content-Encoding"));
        assertTrue(plain.body().length >= 1024, "large enough: " + plain.body().length);

        for (int round = 0; round < 2; round++) { // rendered, then kept
            HttpResponse<byte[]> zipped = get(list, "gzip, deflate;q=0.5");
            assertEquals(200, zipped.statusCode());
            assertEquals(Optional.of("gzip"), zipped.headers().firstValue("Content-Encoding"), "round " + round);
            assertTrue(zipped.headers().allValues("Vary").stream().anyMatch(v -> v.contains("Accept-Encoding")),
                    "Vary: " + zipped.headers().allValues("Vary"));
            assertEquals(plain.headers().firstValue("ETag"), zipped.headers().firstValue("ETag"));
            assertArrayEquals(plain.body(), gunzip(zipped.body()));
            assertTrue(zipped.body().length < plain.body().length / 2, zipped.body().length + " bytes");
        }
    }

    @Test
    void shouldLeaveSmallAnswersAndRefusedCodingsAlone() throws Exception {
        String reference = TestData.recommendation(TestData.report());
        HttpResponse<byte[]> problem = get("api/v1/recommendations/" + reference + "-missing", "gzip");
        assertEquals(404, problem.statusCode());
        assertUncoded(problem);
        assertTrue(new String(problem.body()).contains("\"status\":404"));

        String report = TestData.report();
        for (int i = 0; i < 5; i++) {
            TestData.recommendation(report);
        }
        HttpResponse<byte[]> refused = get("api/v1/recommendations?report=" + report, "gzip;q=0, identity");
        assertUncoded(refused);
        assertTrue(new String(refused.body()).startsWith("{\"items\":"));
    }

    /** Sent as it is: over HTTP/2 the HTTP layer leaves the marker {@code identity} in place of no header. */
    private static void assertUncoded(HttpResponse<byte[]> answer) {
        String coding = answer.headers().firstValue("Content-Encoding").orElse("identity");
        assertEquals("identity", coding, answer.headers().map().toString());
    }

    private HttpResponse<byte[]> get(String path, String acceptEncoding) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .header("Authorization", TestKeys.ADMIN_BEARER).header("Accept", "application/json");
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }
}
