package io.sreagent.feature.jfr;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.support.SampleWindow;
import io.sreagent.support.Tally;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code high-cpu}: the JVM's own CPU use stayed above the threshold share of the machine for the
 * whole window (nine readings in ten at least, so one quiet second does not hide it), with the
 * threads that burn it and the methods those threads were caught running.
 */
public final class HighCpuRule implements Rule {
    static final double CRITICAL_PERCENT = 95;
    static final double SUSTAINED_SHARE = 0.9;

    private final SampleWindow jvmCpuPercent;
    private final SampleWindow machineCpuPercent;
    private final ThreadCpuLoads threads;
    private final ExecutionProfile profile;
    private final double thresholdPercent;
    private final Duration window;

    public HighCpuRule(SampleWindow jvmCpuPercent, SampleWindow machineCpuPercent, ThreadCpuLoads threads,
                       ExecutionProfile profile, double thresholdPercent, Duration window) {
        this.jvmCpuPercent = jvmCpuPercent;
        this.machineCpuPercent = machineCpuPercent;
        this.threads = threads;
        this.profile = profile;
        this.thresholdPercent = thresholdPercent;
        this.window = window;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        long from = nowMillis - window.toMillis();
        SampleWindow.Samples s = jvmCpuPercent.coveringLast(nowMillis, window.toMillis());
        if (s == null || s.count() < 3) {
            return;
        }
        int above = 0;
        double sum = 0;
        for (double v : s.values()) {
            sum += v;
            if (v >= thresholdPercent) {
                above++;
            }
        }
        if (above < SUSTAINED_SHARE * s.count()) {
            return;
        }
        double mean = sum / s.count();
        Severity severity = mean >= Math.max(CRITICAL_PERCENT, thresholdPercent) ? Severity.CRITICAL : Severity.WARNING;
        ExecutionProfile.Tick samples = profile.since(from);
        List<Map<String, Object>> top = new ArrayList<>();
        for (Map.Entry<String, Long> t : hundredths(threads.current(nowMillis)).top(5)) {
            double percent = t.getValue() / 100.0;
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("thread", t.getKey());
            one.put("cpuPercentOfMachine", percent);
            one.put("shareOfJvmCpuPercent", mean <= 0 ? 0.0 : Format.oneDecimal(Math.min(100, 100 * percent / mean)));
            List<String> methods = new ArrayList<>();
            samples.threadMethods(t.getKey()).top(3).forEach(m -> methods.add(m.getKey() + " (" + m.getValue() + " samples)"));
            one.put("topFrames", methods);
            top.add(one);
        }
        SampleWindow.Samples machine = machineCpuPercent.since(from);
        Finding f = new Finding("high-cpu", severity, String.format(Locale.ROOT,
                "the JVM used %.0f%% of the machine's CPU on average over %s (threshold %.0f%%)",
                mean, Format.duration(window), thresholdPercent))
                .subject("jvm")
                .window(window)
                .evidence("jvmCpuPercentMean", Format.oneDecimal(mean))
                .evidence("jvmCpuPercentNow", Format.oneDecimal(s.last()))
                .evidence("machineCpuPercentMean", machine.count() == 0 ? null : Format.oneDecimal(machine.mean()))
                .evidence("readingsAboveThreshold", above)
                .evidence("readings", s.count())
                .evidence("thresholdPercent", thresholdPercent)
                .evidence("windowSeconds", window.toSeconds())
                .evidence("availableProcessors", Runtime.getRuntime().availableProcessors())
                .evidence("topThreads", top);
        String hottest = samples.methods().topKey();
        if (hottest != null) {
            f.evidence("hottestMethod", hottest);
        }
        out.add(f.advice("See the hot-method finding and the top threads above for where the time goes; open the JFR recording written next to a threshold report in JDK Mission Control for the full picture.")
                .advice("If the work is legitimate, add capacity (instances or cores) or cache results; if one request type causes it, rate-limit it.")
                .advice("If GC threads are among the top, see gc-pressure: the heap is too small or allocation too high."));
    }

    /** Loads as hundredths of a percent, so a tally can rank them. */
    static Tally<String> hundredths(Map<String, Double> loads) {
        Tally<String> t = Tally.unbounded();
        loads.forEach((k, v) -> t.add(k, Math.round(v * 100)));
        return t;
    }

}
