package io.sreagent.it.bench;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU ms per thread name (digits folded, as {@link ProcCpu#byThread}) that one process used between
 * its first and last {@link #read}, following each thread by its id: a thread that ends between
 * readings keeps what it used up to the reading before, and one born between them counts from zero.
 * Read often (every turn) so that pool threads retired under load are not lost, as they are from a
 * before-and-after look at the live threads.
 */
final class ThreadCpuTally {
    private final long pid;
    private final Map<String, Long> usedByName = new HashMap<>();
    private Map<Long, ProcCpu.ThreadCpu> last;

    ThreadCpuTally(long pid) {
        this.pid = pid;
    }

    void read() throws IOException {
        Map<Long, ProcCpu.ThreadCpu> now = ProcCpu.byThread(pid);
        if (last != null) {
            now.forEach((tid, t) -> {
                ProcCpu.ThreadCpu before = last.get(tid);
                long since = before != null && before.name().equals(t.name()) ? before.millis() : 0;
                usedByName.merge(t.name(), t.millis() - since, Long::sum);
            });
        }
        last = now;
    }

    Map<String, Long> usedByName() {
        return usedByName;
    }
}
