package io.sreagent.feature.memory;

import io.sreagent.report.Site;
import io.sreagent.support.StackSites;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the objects that survive were allocated: JFR's old-object sampler ({@code jdk.OldObjectSample})
 * keeps a few hundred sampled allocations that are still alive, each with its allocation stack, and
 * drops a sample when its object dies, so after a while of growth most of what it holds is what keeps
 * growing. Without paths to GC roots (cutoff 0) it costs a stack walk per sampled allocation; the
 * recording runs only while the heap is seen growing, and its samples, which JFR writes only when a
 * recording is dumped, are read from a short dump when a finding needs a site.
 */
final class SurvivorSites {
    static final String EVENT = "jdk.OldObjectSample";
    static final int STACK_FRAMES = 12;

    /** The most common application allocation site among the surviving samples, or why there is none. */
    record Found(Site site, String className, List<String> stack, int atSite, int samples, String note) {
        static Found none(String note) {
            return new Found(null, null, List.of(), 0, 0, note);
        }
    }

    private final StackSites sites;
    private Recording recording;
    private long startedAtMillis;

    SurvivorSites(StackSites sites) {
        this.sites = sites;
    }

    boolean running() {
        return recording != null;
    }

    long startedAtMillis() {
        return startedAtMillis;
    }

    /** Starts sampling surviving objects; false (and a reason from {@link #unavailable()}) where JFR is missing. */
    boolean start(long nowMillis) {
        if (recording != null) {
            return true;
        }
        if (!FlightRecorder.isAvailable()) {
            return false;
        }
        Recording r = new Recording();
        r.setName("sre-agent surviving objects");
        r.enable(EVENT).with("cutoff", "0 ns").withStackTrace();
        r.start();
        recording = r;
        startedAtMillis = nowMillis;
        return true;
    }

    static String unavailable() {
        return "not available: JDK Flight Recorder is missing in this JVM";
    }

    /** Dumps the recording and names the site that allocated most surviving samples, preferring the grown classes. */
    Found find(Set<String> grownClasses) throws Exception {
        if (recording == null) {
            return Found.none("not sampled yet");
        }
        Path dir = Files.createTempDirectory("sre-agent-survivors",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path file = dir.resolve("survivors.jfr");
        try {
            recording.dump(file);
            return pick(read(file), grownClasses);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** One surviving sample: its class and allocation stack (innermost first, file names guessed). */
    record Sample(String className, StackTraceElement[] stack) {
    }

    private static List<Sample> read(Path file) throws Exception {
        List<Sample> out = new ArrayList<>();
        try (RecordingFile f = new RecordingFile(file)) {
            while (f.hasMoreEvents()) {
                RecordedEvent e = f.readEvent();
                if (!EVENT.equals(e.getEventType().getName())) {
                    continue;
                }
                RecordedClass type = e.getValue("object.type");
                out.add(new Sample(type == null ? "?" : type.getName(), frames(e.getStackTrace())));
            }
        }
        return out;
    }

    Found pick(List<Sample> samples, Set<String> grownClasses) {
        if (samples.isEmpty()) {
            return Found.none("no surviving object sampled yet");
        }
        boolean anyGrown = samples.stream().anyMatch(s -> grownClasses.contains(s.className()));
        Map<Site, Integer> counts = new HashMap<>();
        Map<Site, Sample> example = new HashMap<>();
        for (Sample s : samples) {
            if (anyGrown && !grownClasses.contains(s.className())) {
                continue;
            }
            Site site = sites.siteOf(s.stack());
            if (site != null) {
                counts.merge(site, 1, Integer::sum);
                example.putIfAbsent(site, s);
            }
        }
        if (counts.isEmpty()) {
            return new Found(null, null, List.of(), 0, samples.size(), "the surviving samples hold no application frame");
        }
        Map.Entry<Site, Integer> top = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
        Sample s = example.get(top.getKey());
        return new Found(top.getKey(), s.className(), StackSites.frames(s.stack(), STACK_FRAMES), top.getValue(), samples.size(), null);
    }

    /** JFR frames carry no file name: the top-level class's simple name plus .java, as javac names it. */
    static StackTraceElement[] frames(RecordedStackTrace trace) {
        if (trace == null) {
            return new StackTraceElement[0];
        }
        List<StackTraceElement> out = new ArrayList<>();
        for (RecordedFrame f : trace.getFrames()) {
            if (f.isJavaFrame() && f.getMethod() != null) {
                String type = f.getMethod().getType().getName();
                out.add(new StackTraceElement(type, f.getMethod().getName(), sourceFile(type), f.getLineNumber()));
            }
        }
        return out.toArray(new StackTraceElement[0]);
    }

    static String sourceFile(String className) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        int nested = simple.indexOf('$');
        return (nested > 0 ? simple.substring(0, nested) : simple) + ".java";
    }

    void stop() {
        if (recording != null) {
            recording.close();
            recording = null;
        }
    }
}
