package io.sreagent.feature.http;

import com.example.fixture.ErrorPages;
import io.sreagent.bootstrap.HookCarriers;
import io.sreagent.bootstrap.HttpHooks;
import io.sreagent.report.Site;
import io.sreagent.support.StackSites;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpReceiverTest {
    private static final long MS = 1_000_000;
    private static final StackSites SITES = new StackSites(List.of());
    /** A stack as the receiver sees it: JDK frames first, then the application's caller. */
    private static final StackTraceElement[] CALL = {
            new StackTraceElement("jdk.internal.net.http.HttpClientImpl", "send", "HttpClientImpl.java", 900),
            new StackTraceElement("com.acme.Checkout", "pay", "Checkout.java", 42)};
    private final HttpReceiver t = new HttpReceiver(SITES, 3, 2, Long.MAX_VALUE, () -> SITES.siteOf(CALL));

    private void request(String method, String path, String template, int status, Throwable thrown) {
        t.inbound(HookCarriers.inbound("servlet", method, path, template, status, thrown, false, 10 * MS, 0, 0, 0, 0,
                null, -1, null, 0));
    }

    /** A blocking call of 1 ms, with both time-outs set or neither, as the hooks report it. */
    private static void call(HttpReceiver receiver, String client, String method, String scheme, String host, int port,
                             int status, Throwable thrown, boolean timeoutsSet) {
        receiver.outbound(HookCarriers.outbound(client, method, scheme, host, port, status, thrown, MS, timeoutsSet,
                timeoutsSet));
    }

    private EndpointStats endpoint(String method, String route) {
        return t.endpoints().stream().filter(e -> e.method().equals(method) && e.route().equals(route))
                .findFirst().orElseThrow(() -> new AssertionError("no " + method + " " + route + " in " + t.endpoints()));
    }

    private ExternalStats external(String client) {
        return t.externals().stream().filter(e -> e.client().equals(client)).findFirst().orElseThrow();
    }

    @Test
    void routesPreferTheFrameworkTemplateAndAreBounded() {
        request("GET", "/orders/1", null, 200, null);
        request("GET", "/orders/2", null, 200, null);
        request("GET", "/owners/7/pets/9", "/owners/{ownerId}/pets/{petId}", 200, null);
        request("BREW", "/coffee", null, 418, null);
        request("GET", "/fourth/route", null, 200, null);
        request("GET", "/fifth/route", null, 200, null);
        assertEquals(2, endpoint("GET", "/orders/{id}").count());
        assertEquals(1, endpoint("GET", "/owners/{ownerId}/pets/{petId}").count());
        assertEquals(1, endpoint("OTHER", "/coffee").count(), "unknown methods share one bucket");
        assertEquals(2, endpoint("GET", HttpReceiver.OTHER).count());
        assertEquals(2L, t.toMap(0, 120_000).get("requestsInOtherRoute"));
    }

    @Test
    void exceptionsAreCountedByRootCauseWithTheThrowingSite() {
        Exception cause = new IllegalStateException("boom");
        cause.setStackTrace(CALL);
        request("GET", "/pay", null, 500, new RuntimeException("wrapped", cause));
        EndpointStats e = endpoint("GET", "/pay");
        assertEquals(1, e.serverErrors());
        assertEquals(1L, e.exceptions().asMap(5).get("java.lang.IllegalStateException"));
        assertNotNull(e.exceptions().example("java.lang.IllegalStateException"));
        EndpointStats.Cause c = e.exceptions().example("java.lang.IllegalStateException");
        assertEquals("com.acme.Checkout", c.site().className());
        assertEquals(42, c.site().line());
        assertEquals(EndpointStats.ESCAPED, c.from());
    }

    private void caught(String path, int status, Throwable thrown, Throwable handled, Object statusSite) {
        t.inbound(HookCarriers.caught(HookCarriers.inbound("servlet", "GET", path, null, status, thrown, false, MS, 0, 0,
                0, 0, null, -1, null, 0), handled, statusSite));
    }

    @Test
    void aCaughtExceptionAnswered5xxIsCountedWithItsThrowSite() {
        Exception cause = new IllegalStateException("boom");
        cause.setStackTrace(CALL);
        caught("/mapped", 500, null, new RuntimeException("wrapped", cause), null);
        caught("/mapped", 404, null, new IllegalArgumentException("no such order"), null);  // mapped to 4xx: not a failure
        EndpointStats e = endpoint("GET", "/mapped");
        assertEquals(Map.of("java.lang.IllegalStateException", 1L), e.exceptions().asMap(5));
        EndpointStats.Cause c = e.exceptions().example("java.lang.IllegalStateException");
        assertEquals(EndpointStats.HANDLED, c.from());
        assertEquals(42, c.site().line());
        assertEquals(0, e.statusSetCount(), "the exception explains the status");
    }

    @Test
    void anEscapedExceptionWinsOverACaughtOneAndAStatusSite() {
        Site set = new Site("com.acme.Checkout", "fail", "Checkout.java", 7);
        IllegalStateException escaped = new IllegalStateException("escaped");
        escaped.setStackTrace(CALL);
        caught("/both", 500, escaped, new IllegalArgumentException("caught"), set);
        EndpointStats e = endpoint("GET", "/both");
        assertEquals(Map.of("java.lang.IllegalStateException", 1L), e.exceptions().asMap(5));
        assertEquals(EndpointStats.ESCAPED, e.exceptions().<EndpointStats.Cause>example("java.lang.IllegalStateException").from());
        assertTrue(e.statusSites().isEmpty());
    }

    @Test
    void aStatusSetWithNoExceptionCountsItsSiteWhenSampled() {
        Site set = new Site("com.acme.Checkout", "fail", "Checkout.java", 7);
        caught("/set", 503, null, null, set);
        caught("/set", 500, null, null, null);           // not sampled: counted, no site
        caught("/set", 200, null, null, null);
        EndpointStats e = endpoint("GET", "/set");
        assertEquals(2, e.statusSetCount());
        assertEquals(1L, e.statusSites().get(set));
        assertTrue(e.exceptions().isEmpty());
        assertEquals(2L, e.toMap(0, 120_000).get("statusSet"));
    }

    @Test
    void theStatusSiteIsTheApplicationFrameCallingTheResponseWalkedForASample() {
        HttpReceiver real = new HttpReceiver(SITES, 3, 2);
        Site site = (Site) ErrorPages.answer500(real);
        assertEquals("com.example.fixture.ErrorPages", site.className(), "not the application's own wrapper");
        assertEquals("answer500", site.method());
        int walked = 1;
        for (int i = 1; i < HttpReceiver.STATUS_SITES_FREE + 10 * HttpReceiver.STATUS_SITE_SAMPLE; i++) {
            if (ErrorPages.answer500(real) != null) {
                walked++;
            }
        }
        assertEquals(HttpReceiver.STATUS_SITES_FREE + 10, walked, "all of the first, then one in " + HttpReceiver.STATUS_SITE_SAMPLE);
    }

    @Test
    void breakdownSplitsDatabaseExternalAndOwnTime() {
        t.inbound(HookCarriers.inbound("servlet", "GET", "/mix", null, 200, null, false, 100 * MS, 50 * MS, 2,
                30 * MS, 1, "api.example", 443, null, 0));
        t.inbound(HookCarriers.inbound("servlet", "GET", "/mix", null, 200, null, false, 100 * MS, 30 * MS, 2,
                10 * MS, 1, "api.example", 443, null, 0));
        EndpointStats.Breakdown b = endpoint("GET", "/mix").breakdown();
        assertEquals(40.0, b.dbPercent());
        assertEquals(20.0, b.externalPercent());
        assertEquals(40.0, b.ownPercent());
        assertEquals("api.example:443", endpoint("GET", "/mix").dominantHost().getKey());
    }

    @Test
    void outboundClassifiesStatusesTimeoutsAndMissingTimeouts() {
        call(t, "java.net.http", "GET", "http", "up", 8080, 200, null, true);
        call(t, "java.net.http", "GET", "http", "up", 8080, 429, null, true);
        call(t, "java.net.http", "GET", "http", "up", 8080, 503, null, true);
        call(t, "java.net.http", "GET", "http", "up", 8080, -1, new SocketTimeoutException("Read timed out"), true);
        call(t, "java.net.http", "GET", "http", "up", 8080, -1, new IOException("reset"), true);
        call(t, "HttpURLConnection", "GET", "http", "up", 8080, 200, null, false);
        ExternalStats e = external("java.net.http");
        assertEquals("up:8080", e.host());
        assertEquals(5, e.count());
        assertEquals(1, e.tooManyRequests());
        assertEquals(1, e.serverErrors());
        assertEquals(1, e.timeouts());
        assertEquals(1, e.ioErrors());
        assertEquals(0, e.withoutConnectTimeout());
        ExternalStats huc = external("HttpURLConnection");
        assertEquals(1, huc.count(), "each client library is its own entry");
        assertEquals(1, huc.withoutConnectTimeout());
        assertEquals("com.acme.Checkout", huc.topSiteWithoutTimeout().className());
    }

    @Test
    void hostsAreBoundedAndDefaultPortsFollowTheScheme() {
        call(t, "c", "GET", "https", "a", -1, 200, null, true);
        call(t, "c", "GET", "http", "b", -1, 200, null, true);
        call(t, "c", "GET", "http", "c", -1, 200, null, true);
        assertTrue(t.externals().stream().anyMatch(e -> e.host().equals("a:443")));
        assertTrue(t.externals().stream().anyMatch(e -> e.host().equals("b:80")));
        assertTrue(t.externals().stream().anyMatch(e -> e.host().equals(HttpReceiver.OTHER)));
    }

    @Test
    void oneHostIsSeparatedByClientMethodAndPortAcrossRepeatedCalls() {
        HttpReceiver wide = new HttpReceiver(SITES, 3, 10, Long.MAX_VALUE, () -> SITES.siteOf(CALL));
        for (int i = 0; i < 3; i++) {
            call(wide, "okhttp", "GET", "https", "api", 443, 200, null, true);
            call(wide, "okhttp", "GET", "https", "api", -1, 200, null, true);
            call(wide, "okhttp", "POST", "https", "api", 443, 200, null, true);
            call(wide, "okhttp", "GET", "http", "api", 8080, 200, null, true);
            call(wide, "apache-httpclient5", "GET", "https", "api", 443, 200, null, true);
        }
        Map<String, Long> calls = new java.util.TreeMap<>();
        wide.externals().forEach(e -> calls.put(e.client() + " " + e.method() + " " + e.host(), e.count()));
        assertEquals(Map.of("okhttp GET api:443", 6L, "okhttp POST api:443", 3L, "okhttp GET api:8080", 3L,
                "apache-httpclient5 GET api:443", 3L), calls);
    }

    @Test
    void callStacksAreSampledABoundedNumberOfTimesPerHostAndKindOfCall() {
        int granted = 0;
        for (int i = 0; i < 100; i++) {
            if (t.wantsCallSite("h", true, 200, false, false)) {
                granted++;
            }
        }
        assertEquals(HttpReceiver.STACKS_PER_HOST, granted);
        assertTrue(t.wantsCallSite("h", false, 200, false, false), "calls without time-outs have their own budget");
        assertTrue(t.wantsCallSite("h", true, 429, false, false), "so do rate-limited ones");
        assertTrue(t.wantsCallSite("h", true, -1, true, false), "and failed ones");
        assertTrue(t.wantsCallSite("h", true, 200, false, true), "and slow ones");
        assertTrue(t.wantsCallSite("h", true, 0, false, false), "and asynchronous ones, whose outcome is not known yet");
        assertFalse(t.wantsCallSite(null, true, 200, false, false));
    }

    @Test
    void anAsynchronousCallIsBlamedOnTheCallerThatStartedItNotOnTheThreadThatCompletedIt() {
        Thread caller = Thread.currentThread();
        HttpReceiver receiver = new HttpReceiver(SITES, 3, 2, Long.MAX_VALUE,
                () -> Thread.currentThread() == caller ? SITES.siteOf(CALL) : null);
        receiver.install();
        try {
            CompletableFuture<Object> response = new CompletableFuture<>();
            long start = HttpHooks.outboundEnter();
            HttpHooks.outboundNestedExit();
            HttpHooks.outboundAsyncStarted(start, "java.net.http", "GET", "https", "api", -1, response, true, false);
            CompletableFuture.runAsync(() -> response.completeExceptionally(new IOException("reset"))).join();
        } finally {
            receiver.uninstall();
        }
        ExternalStats api = receiver.externals().get(0);
        assertEquals(1, api.ioErrors());
        assertEquals(1, api.withoutReadTimeout());
        assertEquals("com.acme.Checkout", api.topSiteWithoutTimeout().className());
    }

    @Test
    void timeoutsAreRecognisedByTypeNameThroughCauses() {
        assertTrue(HttpReceiver.isTimeout(new SocketTimeoutException("connect timed out")));
        assertTrue(HttpReceiver.isTimeout(new IOException(new java.net.http.HttpConnectTimeoutException("x"))));
        assertTrue(HttpReceiver.isTimeout(new java.net.http.HttpTimeoutException("request timed out")));
        assertFalse(HttpReceiver.isTimeout(new java.net.ConnectException("refused")));
    }
}
