package io.sreagent.feature.http;

import io.sreagent.core.Rule;
import io.sreagent.bootstrap.HookCarriers;
import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;
import io.sreagent.support.StackSites;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpRulesTest {
    private static final long MS = 1_000_000;
    private static final StackTraceElement[] CALL = {
            new StackTraceElement("java.net.HttpURLConnection", "getResponseCode", "HttpURLConnection.java", 500),
            new StackTraceElement("com.acme.Rates", "fetch", "Rates.java", 17)};
    private final StackSites sites = new StackSites(List.of());
    /** The stack the receiver sees when it samples where a call was made. */
    private StackTraceElement[] callStack = CALL;
    private final HttpReceiver t = new HttpReceiver(sites, 100, 100, SLOW_CALL_NANOS, () -> sites.siteOf(callStack));

    private static final long WINDOW = 120_000;
    private static final long SLOW_CALL_NANOS = 500 * MS;
    /** The evaluation clock: each run is one evaluation interval later. */
    private long now = System.currentTimeMillis();
    private long warmUp = 0;

    /** One evaluation: the receiver ticks, then the rule runs. */
    private List<Finding> run(Rule rule) {
        now += 10_000;
        t.tick(now, WINDOW, warmUp);
        List<Finding> out = new ArrayList<>();
        rule.evaluate(now, out);
        return out;
    }

    private void requests(String path, int n, long millis, long dbMillis, long httpMillis, int status) {
        for (int i = 0; i < n; i++) {
            t.inbound(HookCarriers.inbound("servlet", "GET", path, null, status, null, false, millis * MS,
                    dbMillis * MS, 1, httpMillis * MS, httpMillis > 0 ? 1 : 0, httpMillis > 0 ? "api" : null, 443,
                    dbMillis > 0 ? "SELECT * FROM orders WHERE id = ?" : null, dbMillis * MS));
        }
    }

    private SlowEndpointRule slowEndpoint() {
        return new SlowEndpointRule(t, 500_000, 1_000_000, 20, WINDOW);
    }

    @Test
    void slowEndpointNeedsEnoughRequestsOverTheTargetAndNamesTheDominantPart() {
        requests("/fast", 100, 20, 10, 0, 200);
        requests("/few", 19, 900, 0, 0, 200);     // too few for a tail, median under the p99 target
        requests("/db", 40, 800, 700, 0, 200);
        List<Finding> f = run(slowEndpoint());
        assertEquals(1, f.size(), f.toString());
        Finding slow = f.get(0);
        assertEquals("slow-endpoint", slow.id());
        assertEquals(Severity.WARNING, slow.severity());
        assertEquals("/db", slow.evidence().get("route"));
        assertEquals(87.5, slow.evidence().get("dbPercent"));
        assertTrue(slow.title().contains("in the database"), slow.title());
        assertTrue(slow.advice().get(0).contains("database"), slow.advice().toString());
        assertEquals("SELECT * FROM orders WHERE id = ?", slow.evidence().get("dominantStatement"));
        assertTrue(slow.advice().get(0).contains("most of it in SELECT * FROM orders WHERE id = ?"), slow.advice().toString());
    }

    @Test
    void slowEndpointByTheTailAloneAndCriticalWhenFarOver() {
        requests("/tail", 97, 50, 0, 0, 200);
        requests("/tail", 3, 1500, 0, 1400, 200);
        Finding f = run(slowEndpoint()).get(0);
        assertTrue((Double) f.evidence().get("p99Ms") > 1000);
        assertEquals("api:443", f.evidence().get("dominantHost"));
        requests("/hang", 30, 6000, 0, 0, 200);
        assertEquals(Severity.CRITICAL, run(slowEndpoint()).stream()
                .filter(x -> x.evidence().get("route").equals("/hang")).findFirst().orElseThrow().severity());
    }

    @Test
    void verdictsReadTheWindowNotTheTotals() {
        requests("/was-slow", 30, 1500, 0, 0, 200);
        requests("/turns-slow", 2000, 20, 0, 0, 200);
        assertEquals(List.of("/was-slow"), routes(run(slowEndpoint())));
        for (int i = 0; i < 12; i++) {                      // two minutes of fast traffic: the slow past leaves the window
            requests("/was-slow", 30, 20, 0, 0, 200);
            run(slowEndpoint());
        }
        requests("/was-slow", 30, 20, 0, 0, 200);
        requests("/turns-slow", 30, 1500, 0, 0, 200);       // 30 slow after 2000 fast: 1.5 % of the total, all of the window
        List<Finding> f = run(slowEndpoint());
        assertEquals(List.of("/turns-slow"), routes(f), f.toString());
        assertEquals(30L, f.get(0).evidence().get("requests"));
        assertEquals(120L, f.get(0).evidence().get("windowSeconds"));
        assertEquals(java.time.Duration.ofMinutes(2), f.get(0).window());
        assertEquals("GET /turns-slow", f.get(0).subject());
        assertTrue((Double) f.get(0).evidence().get("p50Ms") >= 1490, f.toString());
    }

    @Test
    void warmUpHidesAColdTailButNotASlowMedian() {
        warmUp = 30_000;
        requests("/cold", 3, 1500, 0, 0, 200);              // lazy initialisation and cold JIT
        requests("/cold", 40, 20, 0, 0, 200);
        requests("/always-slow", 6, 2000, 0, 0, 200);       // a handful, every one slow
        List<Finding> f = run(slowEndpoint());
        assertEquals(List.of("/always-slow"), routes(f), f.toString());
        assertEquals("median", f.get(0).evidence().get("judged"));
        assertEquals(6L, f.get(0).evidence().get("requests"));
        for (int i = 0; i < 5; i++) {                       // past the warm-up, the cold requests stay left out
            requests("/cold", 20, 20, 0, 0, 200);
            assertEquals(List.of("/always-slow"), routes(run(slowEndpoint())));
        }
        requests("/cold", 5, 1500, 0, 0, 200);              // a slow tail after the warm-up is judged
        Finding cold = run(slowEndpoint()).stream().filter(x -> x.evidence().get("route").equals("/cold")).findFirst()
                .orElseThrow();
        assertEquals("tail", cold.evidence().get("judged"));
        assertTrue((Long) cold.evidence().get("warmUpRequestsLeftOut") >= 43, cold.toString());
    }

    @Test
    void aQuietRouteIsFlaggedByItsMedianOnlyOverTheP99Target() {
        requests("/quiet-slow", 5, 2000, 0, 0, 200);
        requests("/quiet-ok", 12, 900, 0, 0, 200);          // over the p95 target, under p99, too few for the tail
        requests("/four", 4, 3000, 0, 0, 200);
        assertEquals(List.of("/quiet-slow"), routes(run(slowEndpoint())));
    }

    private static List<Object> routes(List<Finding> findings) {
        return findings.stream().map(x -> x.evidence().get("route")).toList();
    }

    @Test
    void endpointErrorsAboveTheBudgetOnly() {
        requests("/ok", 2000, 5, 0, 0, 200);
        requests("/ok", 1, 5, 0, 0, 500);          // 0.05 %: within a 0.1 % budget
        requests("/bad", 99, 5, 0, 0, 200);
        IllegalStateException boom = new IllegalStateException();
        boom.setStackTrace(new StackTraceElement[] {new StackTraceElement("com.acme.Pay", "charge", "Pay.java", 9)});
        t.inbound(HookCarriers.inbound("servlet", "GET", "/bad", null, 500, boom, false, MS, 0, 0, 0, 0, null, -1,
                null, 0));
        List<Finding> f = run(new EndpointErrorsRule(t, 0.1, 20, WINDOW));
        assertEquals(1, f.size(), f.toString());
        assertEquals("/bad", f.get(0).evidence().get("route"));
        assertEquals(Severity.WARNING, f.get(0).severity());
        assertEquals("com.acme.Pay", f.get(0).site().className());
        requests("/bad", 10, 5, 0, 0, 503);
        assertEquals(Severity.CRITICAL, run(new EndpointErrorsRule(t, 0.1, 20, WINDOW)).get(0).severity());
    }

    @Test
    void endpointErrorsNamesACaughtExceptionsThrowSiteElseTheLineSettingTheStatus() {
        IllegalStateException caught = new IllegalStateException("card 4111 declined");
        caught.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.eclipse.jetty.Util", "run", "Util.java", 1),
                new StackTraceElement("com.acme.Pay", "charge", "Pay.java", 9)});
        Site setter = new Site("com.acme.Pages", "fail", "Pages.java", 30);
        requests("/mapped", 30, 5, 0, 0, 200);
        requests("/set", 30, 5, 0, 0, 200);
        for (int i = 0; i < 10; i++) {
            t.inbound(HookCarriers.caught(HookCarriers.inbound("servlet", "GET", "/mapped", null, 500, null, false, MS,
                    0, 0, 0, 0, null, -1, null, 0), caught, setter));
            t.inbound(HookCarriers.caught(HookCarriers.inbound("servlet", "GET", "/set", null, 503, null, false, MS,
                    0, 0, 0, 0, null, -1, null, 0), null, i % 2 == 0 ? setter : null));
        }
        List<Finding> f = run(new EndpointErrorsRule(t, 0.1, 20, WINDOW));
        assertEquals(2, f.size(), f.toString());
        Finding mapped = f.stream().filter(x -> x.evidence().get("route").equals("/mapped")).findFirst().orElseThrow();
        assertEquals(10L, mapped.evidence().get("serverErrors"));
        assertEquals(25.0, mapped.evidence().get("errorRatePercent"));
        assertEquals("handled", mapped.evidence().get("siteFrom"));
        assertEquals(Map.of("java.lang.IllegalStateException", 10L), mapped.evidence().get("exceptionsSinceStart"));
        assertEquals("com.acme.Pay", mapped.site().className());
        assertEquals(9, mapped.site().line());
        assertFalse((mapped.evidence().toString() + mapped.advice()).contains("4111"), "exception messages stay out of reports");
        Finding set = f.stream().filter(x -> x.evidence().get("route").equals("/set")).findFirst().orElseThrow();
        assertEquals("status-set", set.evidence().get("siteFrom"));
        assertEquals(10L, set.evidence().get("statusSetSinceStart"));
        assertEquals(setter, set.site());
        assertTrue(set.advice().get(0).contains("Pages.java"), set.advice().toString());
    }

    private void calls(String host, int n, long millis, int status, Throwable thrown, boolean timeouts) {
        for (int i = 0; i < n; i++) {
            t.outbound(HookCarriers.outbound("java.net.http", "GET", "https", host, -1, status, thrown, millis * MS,
                    timeouts, timeouts));
        }
    }

    @Test
    void externalRules() {
        calls("healthy", 50, 20, 200, null, true);
        calls("slow", 10, 800, 200, null, true);
        calls("limited", 10, 10, 200, null, true);
        calls("limited", 3, 10, 429, null, true);
        calls("failing", 40, 10, 200, null, true);
        calls("failing", 2, 10, 503, null, true);
        calls("failing", 1, 1000, -1, new SocketTimeoutException("Read timed out"), true);
        calls("failing", 1, 10, -1, new IOException("Connection reset"), true);
        calls("naked", 6, 10, 200, null, false);

        List<Finding> slow = run(new SlowExternalCallRule(t, 500_000, 5, WINDOW));
        assertEquals(List.of("slow:443"), slow.stream().map(x -> x.evidence().get("host")).toList());
        assertEquals("com.acme.Rates", slow.get(0).site().className());

        List<Finding> limited = run(new ExternalRateLimitedRule(t, 5, WINDOW));
        assertEquals(List.of("limited:443"), limited.stream().map(x -> x.evidence().get("host")).toList());
        assertEquals(3L, limited.get(0).evidence().get("status429"));

        List<Finding> errors = run(new ExternalErrorsRule(t, 1, 5, WINDOW));
        assertEquals(List.of("failing:443"), errors.stream().map(x -> x.evidence().get("host")).toList());
        assertEquals(4L, errors.get(0).evidence().get("failed"));
        assertEquals(1L, errors.get(0).evidence().get("timeouts"));
        assertEquals(1L, errors.get(0).evidence().get("ioErrors"));

        List<Finding> naked = run(new MissingTimeoutRule(t));
        assertEquals(List.of("naked:443"), naked.stream().map(x -> x.evidence().get("host")).toList());
        assertEquals(Severity.WARNING, naked.get(0).severity());
        assertEquals(17, naked.get(0).site().line());
        assertTrue(naked.get(0).advice().get(0).contains("timeout(Duration"), naked.get(0).advice().toString());
    }

    @Test
    void aHostWithAFastAndASlowCallerIsBlamedOnTheSlowOne() {
        StackTraceElement[] fastCaller = {CALL[0], new StackTraceElement("com.acme.Prices", "quote", "Prices.java", 30)};
        StackTraceElement[] slowCaller = {CALL[0], new StackTraceElement("com.acme.Reports", "export", "Reports.java", 88)};
        callStack = fastCaller;
        calls("shared", 200, 5, 200, null, true);
        callStack = slowCaller;
        calls("shared", 30, 900, 200, null, true);

        Finding slow = run(new SlowExternalCallRule(t, 500_000, 5, WINDOW)).get(0);
        assertEquals("com.acme.Reports", slow.site().className(), "the commonest caller overall is the fast one");
        assertEquals(88, slow.site().line());
        assertEquals(Map.of("com.acme.Reports.export(Reports.java:88)", 16L), slow.evidence().get("slowCallSites"),
                "the slow calls' own budget of sampled stacks");
    }

    @Test
    void missingTimeoutOfAnOkHttpCallFromTheDispatcherSaysWhyNoSiteIsNamed() {
        StackTraceElement[] dispatcher = {
                new StackTraceElement("okhttp3.internal.connection.RealCall", "getResponseWithInterceptorChain$okhttp",
                        "RealCall.kt", 109),
                new StackTraceElement("okhttp3.internal.connection.RealCall$AsyncCall", "run", "RealCall.kt", 517),
                new StackTraceElement("java.lang.Thread", "run", "Thread.java", 833)};
        callStack = dispatcher;
        for (int i = 0; i < 3; i++) {
            t.outbound(HookCarriers.outbound("okhttp", "GET", "https", "api", -1, 200, null, 10 * MS, true, false));
        }
        List<Finding> naked = run(new MissingTimeoutRule(t));
        assertEquals(1, naked.size());
        assertEquals(null, naked.get(0).site());
        assertEquals(3L, naked.get(0).evidence().get("withoutReadTimeout"));
        assertTrue(naked.get(0).advice().toString().contains("dispatcher thread"), naked.get(0).advice().toString());
    }
}
