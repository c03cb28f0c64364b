package io.sreagent.feature.jfr;

import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.support.SampleWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rule on recorded readings: on a shared 2-core test machine a real JVM cannot be kept above 80 % reliably. */
class HighCpuRuleTest {

    static List<Finding> evaluate(double... jvmPercentPerSecond) {
        SampleWindow jvm = new SampleWindow(200);
        SampleWindow machine = new SampleWindow(200);
        for (int i = 0; i < jvmPercentPerSecond.length; i++) {
            jvm.add(i * 1000L, jvmPercentPerSecond[i]);
            machine.add(i * 1000L, 99);
        }
        ThreadCpuLoads threads = new ThreadCpuLoads(60_000);
        long now = (jvmPercentPerSecond.length - 1) * 1000L;
        threads.add("pricing-1", 60, now);
        threads.add("pricing-2", 30, now);
        ExecutionProfile profile = new ExecutionProfile(10);
        for (int i = 0; i < 10; i++) {
            profile.add("pricing-1", List.of(new StackTraceElement("com.acme.Prices", "recompute", null, 9)), null);
        }
        profile.closeTick(now);
        List<Finding> out = new ArrayList<>();
        new HighCpuRule(jvm, machine, threads, profile, 80, Duration.ofSeconds(20)).evaluate(now, out);
        return out;
    }

    static double[] readings(int n, double value) {
        double[] r = new double[n];
        java.util.Arrays.fill(r, value);
        return r;
    }

    @Test
    void sustainedHighCpuNamesTheTopThreadsAndTheirFrames() {
        List<Finding> out = evaluate(readings(30, 90));
        assertEquals(1, out.size());
        Finding f = out.get(0);
        assertEquals("high-cpu", f.id());
        assertEquals(Severity.WARNING, f.severity());
        assertEquals(90.0, f.evidence().get("jvmCpuPercentMean"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> top = (List<Map<String, Object>>) f.evidence().get("topThreads");
        assertEquals("pricing-1", top.get(0).get("thread"));
        assertEquals(60.0, top.get(0).get("cpuPercentOfMachine"));
        assertEquals(66.7, top.get(0).get("shareOfJvmCpuPercent"));
        assertEquals(List.of("com.acme.Prices.recompute (10 samples)"), top.get(0).get("topFrames"));
        assertEquals("com.acme.Prices.recompute", f.evidence().get("hottestMethod"));
    }

    @Test
    void oneQuietSecondDoesNotHideItButABurstIsNotSustained() {
        double[] withDip = readings(30, 99);
        withDip[20] = 60;
        assertEquals(Severity.CRITICAL, evaluate(withDip).get(0).severity());
        double[] burst = readings(30, 20);
        for (int i = 20; i < 30; i++) {
            burst[i] = 99;
        }
        assertEquals(List.of(), evaluate(burst));
    }

    @Test
    void nothingBeforeAWholeWindowWasWatchedOrBelowTheThreshold() {
        assertEquals(List.of(), evaluate(readings(10, 99)));
        assertEquals(List.of(), evaluate(readings(30, 79)));
        assertTrue(evaluate(readings(30, 80)).size() == 1);
    }
}
