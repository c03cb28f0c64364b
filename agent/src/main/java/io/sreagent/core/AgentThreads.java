package io.sreagent.core;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The agent's own threads: daemons, named {@code sre-agent-*} so features can leave them out. */
public final class AgentThreads {
    public static final String PREFIX = "sre-agent-";

    private AgentThreads() {
    }

    public static ThreadFactory factory(String role) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, PREFIX + role + (n.getAndIncrement() == 0 ? "" : "-" + n.get()));
            t.setDaemon(true);
            return t;
        };
    }
}
