package org.rectrack.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.rectrack.common.HttpUrl;

/**
 * Where a webhook may send: http(s) URLs whose host resolves only to public addresses, unless
 * {@code rectrack.webhooks.allow-private-targets} is on. The check resolves the host and returns the
 * address it checked; the sender connects to exactly that address (keeping the name for the Host
 * header and TLS), so a DNS answer that changes between check and connect cannot lead it inside.
 */
@ApplicationScoped
public class TargetGuard {

    /** A target that may be sent to: the URL's parts and the one address checked for this attempt. */
    public record Target(boolean https, String host, int port, String pathAndQuery, InetAddress address) {
    }

    /** Why a URL may not be a target; the message is for the client and names no secret. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final boolean allowPrivate;

    @Inject
    TargetGuard(WebhooksConfig config) {
        this(config.allowPrivateTargets());
    }

    /** A guard of its own, for tests of the address rules. */
    public TargetGuard(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Checks a URL now: its form, then every address its host resolves to. */
    public Target check(String url) throws Refused {
        URI uri = parse(url);
        String host = uri.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new Refused("the host " + shorten(bare) + " does not resolve");
        }
        if (!allowPrivate) {
            for (InetAddress address : addresses) {
                String why = internal(address);
                if (why != null) {
                    throw new Refused("the host " + shorten(bare) + " resolves to " + address.getHostAddress() + ", " + why
                            + "; webhooks are sent to public addresses only");
                }
            }
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() == -1 ? (https ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new Target(https, bare, port, path + query, addresses[0]);
    }

    private static URI parse(String url) throws Refused {
        if (url == null || url.length() > HttpUrl.MAX_LENGTH) {
            throw new Refused("must be an absolute http or https URL of at most " + HttpUrl.MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            // credentials in a URL end up in logs and in every GET of the webhook; the signature authenticates us
            throw new Refused("must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not have a fragment");
        }
        return uri;
    }

    /** Why an address is not a public one, or null when it is. */
    static String internal(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "the unspecified address";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address (cloud metadata services live there)";
        }
        if (address.isSiteLocalAddress()) {
            return "a private address";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return internalV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return "a unique-local address";
            }
            if ((first == 0xfe) && ((b[1] & 0xc0) == 0xc0)) {
                return "a site-local address";
            }
            if (allZero(b, 0, 10) && ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff || allZero(b, 10, 12))) {
                // IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d): judge the IPv4 address inside
                String inner = internalV4(new byte[] {b[12], b[13], b[14], b[15]});
                return inner != null ? inner + " inside an IPv6 address" : null;
            }
            if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last four bytes
                String inner = internalV4(new byte[] {b[12], b[13], b[14], b[15]});
                return inner != null ? inner + " behind NAT64" : null;
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                // 6to4 (2002::/16) carries an IPv4 address in bytes 2 to 5
                String inner = internalV4(new byte[] {b[2], b[3], b[4], b[5]});
                return inner != null ? inner + " inside a 6to4 address" : null;
            }
            if ((b[0] & 0xff) == 0x01 && allZero(b, 1, 8)) {
                return "a discard-only address";
            }
        }
        return null;
    }

    private static String internalV4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        if (a == 0) {
            return "an address of \"this network\" (0.0.0.0/8)";
        }
        if (a == 127) {
            return "a loopback address";
        }
        if (a == 10 || a == 172 && c >= 16 && c <= 31 || a == 192 && c == 168) {
            return "a private address";
        }
        if (a == 169 && c == 254) {
            return "a link-local address (cloud metadata services live there)";
        }
        if (a == 100 && c >= 64 && c <= 127) {
            return "a shared (carrier-grade NAT) address";
        }
        if (a == 192 && c == 0 && (b[2] & 0xff) == 0) {
            return "an IETF protocol address (192.0.0.0/24)";
        }
        if (a == 198 && (c == 18 || c == 19)) {
            return "a benchmarking address (198.18.0.0/15)";
        }
        if (a >= 224) {
            return a < 240 ? "a multicast address" : "a reserved or broadcast address";
        }
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String shorten(String host) {
        return host.length() > 80 ? host.substring(0, 80) + "…" : host;
    }
}
