package io.sreagent.feature.jfr;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CpuLoadTest {
    private final CpuLoad cpu = new CpuLoad(Duration.ofMinutes(2));

    @Test
    void theLastMinutesLoadsWithTheApplicationsTopThreadsAndTheAgentsOwnApart() {
        cpu.jvmPercent().add(1_000, 90);
        cpu.machinePercent().add(1_000, 95);
        for (long t = 70_000; t <= 72_000; t += 1_000) {
            cpu.jvmPercent().add(t, t == 72_000 ? 42.04 : 21);
            cpu.machinePercent().add(t, 50);
        }
        cpu.addThreadLoad("http-worker-1", false, 12.347, 70_000);
        cpu.addThreadLoad("main", false, 30, 70_000);
        cpu.addThreadLoad("sre-agent-jfr", true, 0.25, 70_000);
        cpu.addThreadLoad("JFR Periodic Tasks", true, 0.125, 70_000);

        Map<String, Object> m = cpu.metrics(75_000);
        assertEquals(List.of("jvmPercentNow", "jvmPercentMeanLastMinute", "machinePercentMeanLastMinute", "topThreads",
                "agentAndJfrThreadsPercentOfMachine"), List.copyOf(m.keySet()));
        assertEquals(42.0, m.get("jvmPercentNow"));
        assertEquals(28.0, m.get("jvmPercentMeanLastMinute"), "the readings at 1 s are over a minute old");
        assertEquals(50.0, m.get("machinePercentMeanLastMinute"));
        assertEquals(List.of(Map.of("thread", "main", "cpuPercentOfMachine", 30.0),
                Map.of("thread", "http-worker-1", "cpuPercentOfMachine", 12.35)), m.get("topThreads"));
        assertEquals(0.38, m.get("agentAndJfrThreadsPercentOfMachine"));
        assertEquals(Set.of("main", "http-worker-1"), cpu.threads().current(75_000).keySet(), "high-cpu sees the application's threads only");
    }

    @Test
    void withoutAReadingInTheLastMinuteOnlyTheThreadsAreShown() {
        cpu.jvmPercent().add(1_000, 90);
        cpu.addThreadLoad("main", false, 30, 1_000);

        Map<String, Object> m = cpu.metrics(100_000);
        assertEquals(Map.of("topThreads", List.of(), "agentAndJfrThreadsPercentOfMachine", 0.0), m,
                "and threads not read for three periods are forgotten");
    }
}
