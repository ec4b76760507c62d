package org.rectrack.contract;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, so the fuzz can send what proper clients refuse to: bad percent-encoding,
 * control characters in headers, duplicate parameters in any order. One connection per request.
 */
public final class RawHttp {

    /** An answer; header names are lower-case. For an event stream only the head is read. */
    public record Reply(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** One request: the given head lines (plus Host, Connection: close and Content-Length) and body. */
    public static Reply send(int port, String method, String target, List<String[]> headers, byte[] body) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        write(head, method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n");
        for (String[] h : headers) {
            write(head, h[0] + ": " + h[1] + "\r\n");
        }
        if (body != null) {
            write(head, "Content-Length: " + body.length + "\r\n");
        }
        write(head, "\r\n");
        return exchange(port, head.toByteArray(), body, method + " " + FuzzText.shorten(target, 200));
    }

    /** A whole request as written, one byte per character (ISO-8859-1), e.g. one without a Host header. */
    public static Reply sendExactly(int port, String request) {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), null, FuzzText.shorten(request, 200));
    }

    private static Reply exchange(int port, byte[] head, byte[] body, String what) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException e) {
                    // the server may answer (413, 400) and close before reading a large body: read that answer
                }
            }
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": " + e.getMessage(), e);
        }
    }

    private static void write(ByteArrayOutputStream out, String text) {
        // ISO-8859-1 keeps every char below 256 as one byte; the fuzz pre-encodes anything above as UTF-8 bytes
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes, 0, bytes.length);
    }

    private static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headEnd = -1;
        Map<String, String> headers = new TreeMap<>();
        int status = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (n < 0) {
                break;
            }
            raw.write(buffer, 0, n);
            if (headEnd < 0) {
                headEnd = indexOf(raw.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                if (headEnd >= 0) {
                    String[] lines = new String(raw.toByteArray(), 0, headEnd, StandardCharsets.ISO_8859_1).split("\r\n");
                    status = Integer.parseInt(lines[0].split(" ")[1]);
                    for (int i = 1; i < lines.length; i++) {
                        int colon = lines[i].indexOf(':');
                        if (colon > 0) {
                            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                                    lines[i].substring(colon + 1).trim());
                        }
                    }
                    String type = headers.getOrDefault("content-type", "");
                    if (type.startsWith("text/event-stream")) {
                        // a live stream never ends: its head is the answer
                        return new Reply(status, headers, "");
                    }
                }
            }
        }
        if (headEnd < 0) {
            throw new IOException("no HTTP answer (" + raw.size() + " bytes)");
        }
        byte[] all = raw.toByteArray();
        byte[] body = java.util.Arrays.copyOfRange(all, headEnd + 4, all.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new Reply(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < data.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(data, i, data.length), new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                break;
            }
            String size = new String(data, i, lineEnd, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
            i += lineEnd + 2;
            if (length == 0) {
                break;
            }
            out.write(data, i, Math.min(length, data.length - i));
            i += length + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
