package org.rectrack.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The address rules of the SSRF guard, on literal addresses (no DNS needed): what is refused, what is
 * allowed, and what the sender is told to connect to. The same check runs at registration and before
 * every attempt.
 */
class TargetGuardTest {

    private final TargetGuard guard = new TargetGuard(false);

    @Test
    void shouldRefuseEveryInternalAddress() throws Exception {
        List<String> internal = List.of("127.0.0.1", "127.5.6.7", "::1", "0.0.0.0", "::", "0.1.2.3",
                "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "169.254.0.1", "fe80::1", "fd00:ec2::254", "fc00::1", "fec0::1",
                "224.0.0.1", "239.255.255.250", "ff02::1", "255.255.255.255", "240.0.0.1",
                "100.64.0.1", "100.100.100.200", "192.0.0.170", "198.18.0.1",
                "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1",
                "64:ff9b::a00:1", "2002:c0a8:0101::1", "100::1");
        for (String address : internal) {
            assertNotNull(TargetGuard.internal(InetAddress.getByName(address)), address + " is internal");
        }
    }

    @Test
    void shouldAllowPublicAddresses() throws Exception {
        for (String address : List.of("8.8.8.8", "93.184.215.14", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888",
                "2606:4700:4700::1111", "64:ff9b::808:808", "2002:0808:0808::1")) {
            assertNull(TargetGuard.internal(InetAddress.getByName(address)), address + " is public");
        }
    }

    @Test
    void shouldRefuseUrlsThatAreNotHttpOrNameInternalHosts() {
        for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "https://[::1]/hook",
                "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/", "http://0.0.0.0:9000/",
                "http://[::ffff:127.0.0.1]/", "http://10.1.2.3/", "http://2130706433/", "http://0x7f000001/",
                "ftp://8.8.8.8/hook", "file:///etc/passwd", "gopher://8.8.8.8/", "https://user:pass@8.8.8.8/hook",
                "https:///nohost", "https://8.8.8.8/hook#fragment", "not a url", "http://x".repeat(1) + "/" + "a".repeat(2100))) {
            assertThrows(TargetGuard.Refused.class, () -> guard.check(url), url);
        }
    }

    @Test
    void shouldConnectToTheAddressItChecked() throws Exception {
        TargetGuard.Target target = guard.check("https://8.8.8.8/hooks/in?x=1");
        assertEquals(InetAddress.getByName("8.8.8.8"), target.address());
        assertEquals(443, target.port());
        assertTrue(target.https());
        assertEquals("/hooks/in?x=1", target.pathAndQuery());
        assertEquals("8.8.8.8", target.host());

        TargetGuard.Target v6 = guard.check("http://[2001:4860:4860::8888]:8443");
        assertEquals(8443, v6.port());
        assertEquals("/", v6.pathAndQuery());
        assertEquals(InetAddress.getByName("2001:4860:4860::8888"), v6.address());
    }

    @Test
    void shouldAllowLoopbackOnlyWhenPrivateTargetsAreOn() throws Exception {
        TargetGuard open = new TargetGuard(true);
        assertEquals(InetAddress.getByName("127.0.0.1"), open.check("http://127.0.0.1:9/hook").address());
        assertThrows(TargetGuard.Refused.class, () -> guard.check("http://127.0.0.1:9/hook"));
        assertThrows(TargetGuard.Refused.class, () -> open.check("ftp://127.0.0.1/"), "the scheme is checked either way");
    }
}
