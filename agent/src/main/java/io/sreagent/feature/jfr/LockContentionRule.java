package io.sreagent.feature.jfr;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code lock-contention}: threads waited to enter one lock, at one site, for at least the threshold
 * share of the window's wall time in total (summed over the waiting threads), by at least two threads.
 * Reports the lock most waited for, where threads wait, who held it and where.
 */
public final class LockContentionRule implements Rule {
    static final int MIN_WAITERS = 2;
    static final double CRITICAL_PERCENT = 100;

    private final LockWaits waits;
    private final Duration window;
    private final double thresholdPercent;
    private final Function<String, LockHolders.Holder> holders;

    public LockContentionRule(LockWaits waits, Duration window, double thresholdPercent,
                              Function<String, LockHolders.Holder> holders) {
        this.waits = waits;
        this.window = window;
        this.thresholdPercent = thresholdPercent;
        this.holders = holders;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        List<LockWaits.Lock> locks = waits.since(nowMillis - window.toMillis());
        if (locks.isEmpty()) {
            return;
        }
        LockWaits.Lock top = locks.get(0);
        double percent = 100.0 * top.waitedMillis() / window.toMillis();
        if (percent < thresholdPercent || top.waiters().size() < MIN_WAITERS) {
            return;
        }
        // Over 100 %: on average more than one thread stood waiting for this lock at every moment.
        Severity severity = percent >= CRITICAL_PERCENT ? Severity.CRITICAL : Severity.WARNING;
        String what = top.kind().equals("monitor") ? "the monitor of " + top.lockClass() : "a " + top.lockClass();
        Finding f = new Finding("lock-contention", severity, String.format(Locale.ROOT,
                "threads waited %.1f s in total for %s at %s over the last %s (%d waits, longest %d ms)",
                top.waitedMillis() / 1000.0, what, top.site(), Format.duration(window), top.waits(), top.maxWaitMillis()))
                .evidence("lockKind", top.kind())
                .subject(top.lockClass() + " @ " + top.site())
                .evidence("lockClass", top.lockClass())
                .evidence("waitedMs", top.waitedMillis())
                .evidence("waitedPercentOfWindow", Format.oneDecimal(percent))
                .evidence("waits", top.waits())
                .evidence("longestWaitMs", top.maxWaitMillis())
                .evidence("waiters", new ArrayList<>(top.waiters()))
                .evidence("previousOwners", new ArrayList<>(top.previousOwners()))
                .evidence("thresholdPercent", thresholdPercent)
                .evidence("windowSeconds", window.toSeconds())
                .stack(top.stack());
        if (top.site() != null) {
            f.site(top.site());
        }
        LockHolders.Holder holder = holders.apply(top.lockClass());
        if (holder != null) {
            f.evidence("holderThread", holder.thread());
            if (holder.site() != null) {
                f.evidence("holderSite", holder.site().toString());
            }
            f.evidence("holderStack", holder.stack());
            f.evidence("waitingNow", holder.waitingNow());
        }
        if (locks.size() > 1) {
            List<String> others = new ArrayList<>();
            locks.stream().skip(1).limit(4).forEach(l -> others.add(l.lockClass() + " @ " + l.site() + ": " + l.waitedMillis() + " ms"));
            f.evidence("otherContendedLocks", others);
        }
        out.add(f.advice("Hold the lock for less time: do slow work (I/O, remote calls, big computations) outside the synchronized block, under the holder site above.")
                .advice("Split one global lock into finer ones, or use concurrent structures (ConcurrentHashMap, LongAdder, atomics) instead of a shared monitor.")
                .advice("If readers dominate, a ReadWriteLock or copy-on-write data lets them proceed in parallel."));
    }
}
