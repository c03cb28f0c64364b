package io.sreagent.feature.redis;

import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisRulesTest {
    private static final long MS = 1_000_000L;
    private static final long WINDOW = 120_000;
    private static final Site SITE = Site.of(new StackTraceElement("com.example.Cache", "load", "Cache.java", 42));

    private final RedisReceiver receiver = new RedisReceiver(200, 50 * MS, () -> SITE);
    private final SlowRedisCommandRule slow = new SlowRedisCommandRule(receiver, 50_000, 20, WINDOW);
    private final RedisErrorsRule errors = new RedisErrorsRule(receiver, 1, 20, WINDOW);

    private List<Finding> evaluate(long now) {
        receiver.tick(now, WINDOW);
        List<Finding> out = new ArrayList<>();
        slow.evaluate(now, out);
        errors.evaluate(now, out);
        return out;
    }

    @Test
    void slowCommandIsFoundWithItsNumbersSubjectWindowAndSite() {
        for (int i = 0; i < 30; i++) {
            receiver.ended("jedis", "EVAL", null, 100 * MS);
            receiver.ended("jedis", "GET", null, MS / 2);
        }
        List<Finding> found = evaluate(10_000);
        assertEquals(1, found.size(), found.toString());
        Finding f = found.get(0);
        assertEquals("slow-redis-command", f.id());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("jedis EVAL", f.subject());
        assertEquals(WINDOW, f.window().toMillis());
        assertEquals(30L, f.evidence().get("calls"));
        assertTrue((double) f.evidence().get("p95Ms") >= 99, f.evidence().toString());
        assertEquals(SITE, f.site());
    }

    @Test
    void tooFewCallsOrAFastP95IsNoFinding() {
        for (int i = 0; i < 19; i++) {
            receiver.ended("lettuce", "EVAL", null, 100 * MS);
        }
        for (int i = 0; i < 100; i++) {
            receiver.ended("lettuce", "GET", null, i == 0 ? 900 * MS : MS); // one slow call is not the p95
        }
        assertEquals(List.of(), evaluate(10_000));
    }

    @Test
    void keysIsReportedHoweverFast() {
        receiver.ended("jedis", "KEYS", null, MS / 10);
        List<Finding> found = evaluate(10_000);
        assertEquals(1, found.size());
        assertEquals("jedis KEYS", found.get(0).subject());
        assertEquals(true, found.get(0).evidence().get("linear"));
    }

    @Test
    void commandsOutsideTheWindowAreNotJudged() {
        for (int i = 0; i < 30; i++) {
            receiver.ended("jedis", "EVAL", null, 100 * MS);
        }
        evaluate(10_000);
        assertEquals(1, evaluate(20_000).size());
        assertEquals(List.of(), evaluate(10_000 + WINDOW + 1));
    }

    @Test
    void failuresAboveTheRateAreAWarningAndCriticalFromHalf() {
        for (int i = 0; i < 100; i++) {
            receiver.ended("jedis", "INCR", i < 5 ? new IllegalStateException("WRONGTYPE Operation against a key holding x") : null, MS);
            receiver.completed(receiver.started("lettuce", "INCR"), i < 60 ? new SocketTimeoutException("Read timed out") : null, MS);
        }
        List<Finding> found = evaluate(10_000);
        assertEquals(2, found.size(), found.toString());
        Finding jedis = found.stream().filter(f -> f.subject().equals("jedis INCR")).findFirst().orElseThrow();
        assertEquals(Severity.WARNING, jedis.severity());
        assertEquals(5L, jedis.evidence().get("failed"));
        assertEquals(java.util.Map.of("java.lang.IllegalStateException WRONGTYPE", 5L), jedis.evidence().get("errorTypes"));
        assertEquals(SITE, jedis.site());
        Finding lettuce = found.stream().filter(f -> f.subject().equals("lettuce INCR")).findFirst().orElseThrow();
        assertEquals(Severity.CRITICAL, lettuce.severity());
        assertEquals(60L, lettuce.evidence().get("timeouts"));
    }

    @Test
    void errorTypesKeepTheRedisCodeOnlyAndTimeoutsAreRecognised() {
        assertEquals("java.lang.RuntimeException WRONGTYPE",
                RedisReceiver.errorType(new RuntimeException("WRONGTYPE Operation against a key")));
        assertEquals("java.lang.RuntimeException", RedisReceiver.errorType(new RuntimeException("secret value here")));
        assertEquals("java.lang.RuntimeException", RedisReceiver.errorType(new RuntimeException("ERRx")));
        assertTrue(RedisReceiver.isTimeout(new RuntimeException(new SocketTimeoutException())));
        assertTrue(RedisReceiver.isTimeout(new CancellationException()));
        assertFalse(RedisReceiver.isTimeout(new RuntimeException("WRONGTYPE")));
    }

    @Test
    void commandsBeyondTheLimitShareOneEntry() {
        RedisReceiver small = new RedisReceiver(10, 50 * MS, () -> null);
        for (int i = 0; i < 15; i++) {
            small.ended("jedis", "CMD" + i, null, MS);
        }
        assertEquals(11, small.commands().size());
        assertEquals(5, small.foldedIntoOther());
        assertNull(small.commands().stream().filter(c -> c.command().equals("CMD14")).findFirst().orElse(null));
    }
}
