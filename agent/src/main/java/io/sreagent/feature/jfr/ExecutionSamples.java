package io.sreagent.feature.jfr;

import io.sreagent.report.Format;
import io.sreagent.support.StackSites;
import io.sreagent.support.Tally;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.sreagent.feature.jfr.RecordedEvents.frames;
import static io.sreagent.feature.jfr.RecordedEvents.ignored;
import static io.sreagent.feature.jfr.RecordedEvents.name;

/**
 * Execution samples ({@code jdk.ExecutionSample}, every {@code jfr.sample.period}) of the
 * application's threads into the {@link ExecutionProfile} that hot-method and high-cpu read, each with
 * its application site; the profile keeps its own state safe between the stream's thread and the
 * evaluation thread.
 */
final class ExecutionSamples {
    private final ExecutionProfile profile;
    private final StackSites sites;

    ExecutionSamples(int ticksKept, StackSites sites) {
        this.profile = new ExecutionProfile(ticksKept);
        this.sites = sites;
    }

    ExecutionProfile profile() {
        return profile;
    }

    void onExecutionSample(RecordedEvent e) {
        RecordedThread t = e.getThread("sampledThread");
        if (ignored(t)) {
            return;
        }
        List<StackTraceElement> stack = frames(e.getStackTrace());
        profile.add(name(t), stack, sites.siteOf(stack.toArray(new StackTraceElement[0])));
    }

    void tick(long nowMillis) {
        profile.closeTick(nowMillis);
    }

    /** The last minute's profile: the top methods, culprits and collapsed stacks. */
    Map<String, Object> metrics(long nowMillis) {
        ExecutionProfile.Tick w = profile.since(LastMinute.start(nowMillis));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("windowSeconds", w.spanMillis() / 1000);
        p.put("samples", w.samples());
        p.put("dropped", w.dropped());
        p.put("topMethods", shares(w.methods(), w.samples(), 10));
        p.put("culprits", shares(w.culprits(), w.samples(), 4));
        p.put("topStacks", w.stacks().top(10).stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        return p;
    }

    private static List<String> shares(Tally<String> counts, long total, int n) {
        return counts.top(n).stream()
                .map(e -> e.getKey() + " " + Format.oneDecimal(100.0 * e.getValue() / Math.max(1, total)) + "%").toList();
    }
}
