package io.sreagent.bootstrap;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Every thread's request record, registered once, at the thread's first request (not per request), so
 * that the slow-request sampler can look at the requests in flight from its own thread. Held weakly: a
 * record dies with its thread. At most {@link #MAX} records; threads past that are counted, not sampled.
 */
public final class InFlightRequests {
    static final int MAX = 4096;
    private static final ConcurrentLinkedQueue<WeakReference<InboundRequest>> RECORDS = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger SIZE = new AtomicInteger();
    private static final AtomicLong DROPPED = new AtomicLong();

    private InFlightRequests() {
    }

    static void register(InboundRequest request) {
        if (SIZE.incrementAndGet() > MAX) {
            SIZE.decrementAndGet();
            DROPPED.incrementAndGet();
            return;
        }
        RECORDS.add(new WeakReference<>(request));
    }

    /** Visits every live record (busy or not) and forgets those whose thread is gone. */
    public static void forEach(Consumer<InboundRequest> visitor) {
        for (Iterator<WeakReference<InboundRequest>> it = RECORDS.iterator(); it.hasNext(); ) {
            InboundRequest r = it.next().get();
            if (r == null) {
                it.remove();
                SIZE.decrementAndGet();
            } else {
                visitor.accept(r);
            }
        }
    }

    public static int size() {
        return SIZE.get();
    }

    /** Threads that served requests while the registry was full: their slow requests are not sampled. */
    public static long dropped() {
        return DROPPED.get();
    }
}
