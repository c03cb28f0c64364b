package io.sreagent.it.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU ms per thread name (digits folded, as {@link ProcCpu#byThread}) that one process used between
 * readings, following each thread by its id: a thread that ends between readings keeps what it used
 * up to the reading before, and one born between them counts from zero. Read after every turn, so
 * pool threads retired under load are not lost, and so that what the process used during its own
 * turns (under load) is kept apart from what it used while the other JVMs had theirs.
 */
final class ThreadCpuTally {
    private final long pid;
    private final Map<String, Long> duringOwnTurns = new HashMap<>();
    private final Map<String, Long> betweenOwnTurns = new HashMap<>();
    private Map<Long, ProcCpu.ThreadCpu> last;

    ThreadCpuTally(long pid) {
        this.pid = pid;
    }

    /**
     * @param ownTurn whether the time since the last reading was this process's turn under load
     * @return what each thread name used since the last reading
     */
    Map<String, Long> read(boolean ownTurn) throws IOException {
        Map<Long, ProcCpu.ThreadCpu> now = ProcCpu.byThread(pid);
        Map<String, Long> used = new HashMap<>();
        if (last != null) {
            now.forEach((tid, t) -> {
                ProcCpu.ThreadCpu before = last.get(tid);
                long since = before != null && before.name().equals(t.name()) ? before.millis() : 0;
                used.merge(t.name(), t.millis() - since, Long::sum);
            });
            used.forEach((name, ms) -> (ownTurn ? duringOwnTurns : betweenOwnTurns).merge(name, ms, Long::sum));
        }
        last = now;
        return used;
    }

    Map<String, Long> duringOwnTurns() {
        return duringOwnTurns;
    }

    Map<String, Long> betweenOwnTurns() {
        return betweenOwnTurns;
    }
}
