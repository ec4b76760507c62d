package org.rectrack.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Refuses a body over {@code rectrack.max-body-size} with a 413 problem: a declared length before
 * anything reads it, an undeclared (chunked) one as soon as it is read past the limit. Imports
 * take whole files and have a larger limit of their own, {@code rectrack.import.max-body-size}.
 * The HTTP layer's own cap ({@code quarkus.http.limits.max-body-size}) only bounds what may be buffered.
 */
public class BodyLimit {

    private static final String IMPORTS = "/api/v1/imports";
    /** The limit of the current request, from the filter to the interceptor. */
    private static final String LIMIT = BodyLimit.class.getName() + ".maxBytes";

    private final long maxBytes;
    private final long importMaxBytes;

    BodyLimit(@ConfigProperty(name = "rectrack.max-body-size") MemorySize maxBodySize,
              @ConfigProperty(name = "rectrack.import.max-body-size") MemorySize importMaxBodySize) {
        this.maxBytes = maxBodySize.asLongValue();
        this.importMaxBytes = importMaxBodySize.asLongValue();
    }

    @ServerRequestFilter(preMatching = true)
    public void check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        long maxBytes = path.equals(IMPORTS) || path.equals(IMPORTS + "/") ? importMaxBytes : this.maxBytes;
        request.setProperty(LIMIT, maxBytes);
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null && length.length() < 19 && length.chars().allMatch(Character::isDigit)
                && Long.parseLong(length) > maxBytes) {
            throw tooLarge("The body has " + length + " bytes; at most " + maxBytes + " are accepted");
        }
    }

    /** The body limit of this request as {@link #check} chose it before matching (imports have their own). */
    public static long maxBytes(ContainerRequestContext request) {
        return (Long) request.getProperty(LIMIT);
    }

    /** The 413 for a body that went past {@code maxBytes} while it was read. */
    public static ProblemException tooLarge(long maxBytes) {
        return tooLarge("The body has more than " + maxBytes + " bytes; at most " + maxBytes + " are accepted");
    }

    private static ProblemException tooLarge(String detail) {
        return ProblemType.TOO_LARGE.problem(detail);
    }

    /** Counts the bytes of every body as it is read, so a body without Content-Length meets the same limit. */
    @Provider
    public static class Streamed implements ReaderInterceptor {

        private final long maxBytes;

        Streamed(@ConfigProperty(name = "rectrack.max-body-size") MemorySize maxBodySize) {
            this.maxBytes = maxBodySize.asLongValue();
        }

        @Override
        public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
            // not closed here: a resource that takes the InputStream itself reads it after this returns
            long limit = context.getProperty(LIMIT) instanceof Long set ? set : maxBytes;
            context.setInputStream(new Limited(context.getInputStream(), limit));
            return context.proceed();
        }
    }

    private static final class Limited extends FilterInputStream {

        private final long maxBytes;
        private long read;
        private boolean closed;

        Limited(InputStream in, long maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false; // a reset would let a reader see more bytes than were counted
        }

        /** Reads what is left before closing (Jackson closes what it parsed), so bytes after the value count too. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            byte[] buffer = new byte[8192];
            try {
                while (read(buffer, 0, buffer.length) >= 0) {
                    // counting is the point
                }
            } finally {
                super.close();
            }
        }

        private void count(long n) {
            read += n;
            if (read > maxBytes) {
                throw tooLarge(maxBytes);
            }
        }
    }
}
