package io.sreagent.feature.jfr;

import io.sreagent.core.AgentThreads;
import io.sreagent.support.NamePattern;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

import java.util.ArrayList;
import java.util.List;

/**
 * What every event handler reads the same way: whose thread an event is on (the agent's threads and
 * JFR's own are left out of every figure) and its stack as Java frames.
 */
final class RecordedEvents {
    private RecordedEvents() {
    }

    /** The agent's threads and JFR's own are not the application's. */
    static boolean ignored(RecordedThread t) {
        return t != null && ignored(t.getJavaName());
    }

    static boolean ignored(String threadName) {
        return threadName != null && (threadName.startsWith(AgentThreads.PREFIX) || threadName.startsWith("JFR "));
    }

    static String name(RecordedThread t) {
        if (t == null) {
            return "?";
        }
        String n = t.getJavaName();
        return n != null ? n : t.getOSName();
    }

    /** The Java frames of a recorded stack, innermost first; JFR frames have no file name. */
    static List<StackTraceElement> frames(RecordedStackTrace trace) {
        if (trace == null) {
            return List.of();
        }
        List<RecordedFrame> frames = trace.getFrames();
        List<StackTraceElement> out = new ArrayList<>(frames.size());
        for (RecordedFrame f : frames) {
            if (f.isJavaFrame() && f.getMethod() != null) {
                out.add(new StackTraceElement(NamePattern.className(f.getMethod().getType().getName()), f.getMethod().getName(), null,
                        f.getLineNumber()));
            }
        }
        return out;
    }
}
