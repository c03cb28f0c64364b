package io.sreagent.feature.threads;

import io.sreagent.support.ApplicationCode;
import io.sreagent.support.NamePattern;
import io.sreagent.support.SampleWindow;
import io.sreagent.support.StackSites;
import com.example.fixture.AppCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Timer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadTrackersTest {
    /** This test class stands for the application (the agent's own package is never one). */
    private final StackSites sites = new StackSites(List.of(ThreadTrackersTest.class.getName()), List.of(), ApplicationCode.none());

    @Test
    void namePatternsCollapseNumbers() {
        assertEquals("pool-#-thread-#", NamePattern.of("pool-12-thread-3"));
        assertEquals("worker#", NamePattern.of("worker2025"));
        assertEquals("main", NamePattern.of("main"));
        assertEquals("(unnamed)", NamePattern.of(""));
        Runnable lambda = () -> { };
        assertEquals(ThreadTrackersTest.class.getName() + "$$Lambda", NamePattern.className(lambda.getClass()));
    }

    @Test
    void threadsAreGroupedBySiteAndNameAndCountedWhileAlive() throws Exception {
        ThreadStarts starts = new ThreadStarts(sites, 16);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            threads.add(AppCode.startWorker(starts, "fetcher-" + i, release));
        }
        AppCode.startWorker(starts, "sre-agent-own", release);
        starts.sample(1);
        assertEquals(1, starts.groups().size(), "the agent's own thread is left out");
        ThreadStarts.Group g = starts.groups().iterator().next();
        assertEquals("fetcher-#", g.key().namePattern());
        assertEquals("com.example.fixture.AppCode", g.key().site().className());
        assertEquals("startWorker", g.key().site().method());
        assertFalse(g.key().viaPool());
        assertFalse(g.key().virtual());
        assertEquals(3, g.started());
        assertEquals(3, g.alive());

        release.countDown();
        for (Thread t : threads) {
            t.join();
        }
        starts.sample(2);
        assertEquals(0, g.alive());
        assertEquals(3, g.peak());
        assertEquals(3, g.started());
        assertEquals(List.of(3.0, 0.0), values(g.window()));
        assertEquals(List.of(3.0, 3.0), values(g.startedWindow()), "starts are sampled with the live count");
    }

    @Test
    void aSiteThatAlwaysStartsTheSameThreadsIsLearnedNotWalkedEveryTime() throws Exception {
        ThreadStarts starts = new ThreadStarts(sites, 16);
        CountDownLatch released = new CountDownLatch(0);
        for (int i = 0; i < 100; i++) {
            AppCode.startWorker(starts, "fetcher-" + i, released).join();
        }
        ThreadStarts.Group g = starts.groups().iterator().next();
        assertEquals(1, starts.groups().size());
        assertEquals("startWorker", g.key().site().method());
        assertEquals(100, g.started());
        // Walked: the first LEARN starts, then one in VERIFY.
        long walked = StartSites.LEARN + (100 - StartSites.LEARN) / StartSites.VERIFY;
        assertEquals(100 - walked, g.siteInferred());
    }

    @Test
    void twoSitesStartingThreadsOfOneShapeInTurnAreEachCountedExactly() throws Exception {
        ThreadStarts starts = new ThreadStarts(sites, 16);
        CountDownLatch released = new CountDownLatch(0);
        for (int i = 0; i < 50; i++) {
            AppCode.startWorker(starts, "fetcher-" + i, released).join();
            AppCode.startWorkerElsewhere(starts, "fetcher-" + i, released).join();
        }
        assertEquals(2, starts.groups().size());
        for (ThreadStarts.Group g : starts.groups()) {
            assertEquals(50, g.started(), g.key().site().toString());
            assertEquals(0, g.siteInferred());
        }
    }

    @Test
    void whenAnotherSiteTakesOverAShapeFewerThanVerifyStartsGoToTheOldOne() throws Exception {
        ThreadStarts starts = new ThreadStarts(sites, 16);
        CountDownLatch released = new CountDownLatch(0);
        for (int i = 0; i < 100; i++) {
            AppCode.startWorker(starts, "fetcher-" + i, released).join();
        }
        for (int i = 0; i < 100; i++) {
            AppCode.startWorkerElsewhere(starts, "fetcher-" + i, released).join();
        }
        long first = 0;
        long second = 0;
        for (ThreadStarts.Group g : starts.groups()) {
            if (g.key().site().method().equals("startWorker")) {
                first = g.started();
            } else {
                second = g.started();
            }
        }
        assertEquals(200, first + second);
        assertTrue(second > 100 - StartSites.VERIFY, "second site got " + second);
    }

    @Test
    void poolsAreCountedOnceUntilShutDownWithTheThreadsTheyHold() throws Exception {
        ExecutorRegistry registry = new ExecutorRegistry(sites, 16);
        ExecutorService pool = AppCode.newPool(registry, 2);
        registry.created(pool); // a delegating constructor reports the same object again
        CountDownLatch running = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            pool.submit(() -> {
                running.countDown();
                release.await();
                return null;
            });
        }
        running.await();
        registry.sample(1);
        ExecutorRegistry.SitePools s = registry.sites().iterator().next();
        assertEquals("java.util.concurrent.ThreadPoolExecutor", s.key().poolClass());
        assertEquals("newPool", s.key().site().method());
        assertEquals(1, s.created());
        assertEquals(1, s.open());
        assertEquals(2, s.threads());

        release.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(5, TimeUnit.SECONDS));
        registry.sample(2);
        assertEquals(0, s.open());
        assertEquals(1, s.closed());
        assertEquals(List.of(2.0, 0.0), values(s.window()));
        assertEquals(List.of(1.0, 0.0), values(s.openWindow()));
        assertEquals(List.of(1.0, 1.0), values(s.createdWindow()));
    }

    @Test
    void aTimerHoldsOneThreadUntilCancelled() {
        ExecutorRegistry registry = new ExecutorRegistry(sites, 16);
        Timer timer = new Timer(true);
        registry.created(timer);
        registry.sample(1);
        ExecutorRegistry.SitePools s = registry.sites().iterator().next();
        assertEquals("java.util.Timer", s.key().poolClass());
        assertEquals(1, s.threads());
        timer.cancel();
        registry.cancelled(timer);
        registry.sample(2);
        assertEquals(0, s.open());
        assertEquals(1, s.closed());
    }

    @Test
    void poolsCreatedOutsideTheApplicationAreNotTracked() {
        ExecutorRegistry registry = new ExecutorRegistry(new StackSites(List.of("com.example.fixture.", "org.junit.", "org.apache.maven.")), 16);
        ExecutorService pool = AppCode.newPool(registry, 1);
        pool.shutdown();
        assertTrue(registry.sites().isEmpty());
    }

    static List<Double> values(SampleWindow w) {
        List<Double> out = new ArrayList<>();
        for (double v : w.since(0).values()) {
            out.add(v);
        }
        return out;
    }
}
