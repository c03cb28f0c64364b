package io.sreagent.feature.http;

import com.example.fixture.AppCode;
import io.sreagent.bootstrap.HttpHooks;
import io.sreagent.report.Site;
import io.sreagent.support.StackSites;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sampler against real request threads, through the hooks the woven servlet code calls. */
class SlowRequestSamplerTest {
    private final StackSites sites = new StackSites(List.of());
    private final HttpReceiver receiver = new HttpReceiver(sites, 10, 10);

    @AfterEach
    void uninstall() {
        HttpHooks.uninstall();
    }

    @Test
    void aRequestPastTheThresholdIsSampledWhereItWaitsAndItsRouteCountsTheSite() throws Exception {
        receiver.install();
        SlowRequestSampler sampler = new SlowRequestSampler(sites, 50_000_000L);
        CountDownLatch inRequest = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread handler = new Thread(() -> {
            long start = HttpHooks.inboundEnter();
            inRequest.countDown();
            try {
                AppCode.awaitSlowWork(release);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            HttpHooks.inboundRecord(HttpHooks.inboundLeave(start), "servlet", "GET", "/report", null, 200, null, false, true);
        }, "http-worker-1");
        handler.start();
        inRequest.await();

        sampler.run(); // younger than 50 ms (on any sane machine): not slow yet
        Thread.sleep(80);
        sampler.run();
        sampler.run();
        release.countDown();
        handler.join();

        EndpointStats route = receiver.endpoints().get(0);
        Map<Site, Long> bySite = route.slowSites().since(0);
        Site site = bySite.keySet().iterator().next();
        assertEquals("com.example.fixture.AppCode", site.className());
        assertEquals("awaitSlowWork", site.method());
        assertEquals(Map.of(site, 2L), bySite, "two looks past the threshold, each one sample");
        assertTrue(route.slowSites().stackOf(site).stream().anyMatch(frame -> frame.contains("CountDownLatch.await")),
                route.slowSites().stackOf(site).toString());
        assertEquals(2L, sampler.metrics().get("stacksTaken"));
    }

    @Test
    void aFinishedRequestKeepsNoSampleForTheNextOne() throws Exception {
        receiver.install();
        SlowRequestSampler sampler = new SlowRequestSampler(sites, 0);
        CountDownLatch inRequest = new CountDownLatch(1);
        CountDownLatch sampled = new CountDownLatch(1);
        Thread handler = new Thread(() -> {
            try {
                long first = HttpHooks.inboundEnter();
                inRequest.countDown();
                AppCode.awaitSlowWork(sampled);
                HttpHooks.inboundRecord(HttpHooks.inboundLeave(first), "servlet", "GET", "/slow", null, 200, null, false, true);
                long second = HttpHooks.inboundEnter(); // quick: never sampled
                HttpHooks.inboundRecord(HttpHooks.inboundLeave(second), "servlet", "GET", "/quick", null, 200, null, false, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "http-worker-2");
        handler.start();
        inRequest.await();
        Thread.sleep(20);
        sampler.run();
        sampled.countDown();
        handler.join();
        for (EndpointStats route : receiver.endpoints()) {
            assertEquals(route.route().equals("/slow") ? 1 : 0, route.slowSites().since(0).size(), route.route());
        }
    }
}
