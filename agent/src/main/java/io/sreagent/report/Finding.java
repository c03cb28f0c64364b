package io.sreagent.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One diagnosis: what is wrong (id, title), how bad (severity), the numbers that prove it
 * (evidence), the code responsible (site, stack) and what to do (advice). It also says what it is about
 * (subject: a route, a host, a pool), the recent window it judged, and, once the finding log has seen
 * it, when it was first and last seen and whether it is still active.
 */
public final class Finding {
    private final String id;
    private final Severity severity;
    private final String title;
    private final Map<String, Object> evidence = new LinkedHashMap<>();
    private final List<String> stack = new ArrayList<>();
    private final List<String> advice = new ArrayList<>();
    private Site site;
    private String subject;
    private Duration window;
    private Instant firstSeen;
    private Instant lastSeen;
    private State state = State.ACTIVE;

    /** {@code active}: seen at the latest evaluation; {@code recovered}: seen before, gone since. */
    public enum State {
        ACTIVE, RECOVERED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Finding(String id, Severity severity, String title) {
        this.id = id;
        this.severity = severity;
        this.title = title;
    }

    public Finding evidence(String key, Object value) {
        evidence.put(key, value);
        return this;
    }

    public Finding site(Site site) {
        this.site = site;
        return this;
    }

    /** What the finding is about (a route, a host, a pool, a thread site): with the id, its identity. */
    public Finding subject(String subject) {
        this.subject = subject;
        return this;
    }

    /** The recent window the verdict judged; none for verdicts on the state now or on a leak's evidence. */
    public Finding window(Duration window) {
        this.window = window;
        return this;
    }

    public Finding stack(List<String> frames) {
        stack.addAll(frames);
        return this;
    }

    public Finding advice(String line) {
        advice.add(line);
        return this;
    }

    public String id() {
        return id;
    }

    public Severity severity() {
        return severity;
    }

    public String title() {
        return title;
    }

    public Site site() {
        return site;
    }

    public Map<String, Object> evidence() {
        return evidence;
    }

    public List<String> stack() {
        return stack;
    }

    public List<String> advice() {
        return advice;
    }

    public String subject() {
        return subject;
    }

    public Duration window() {
        return window;
    }

    public State state() {
        return state;
    }

    public Instant firstSeen() {
        return firstSeen;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    /** Set by the finding log: when this problem was first and last seen. */
    public Finding seen(Instant first, Instant last) {
        this.firstSeen = first;
        this.lastSeen = last;
        return this;
    }

    /**
     * The same finding once its problem has stopped: info severity, state {@code recovered}, the title
     * and numbers as last seen, and no advice (there is nothing left to do).
     */
    public Finding recovered() {
        Finding f = new Finding(id, Severity.INFO, "recovered: " + title);
        f.evidence.putAll(evidence);
        f.stack.addAll(stack);
        f.site = site;
        f.subject = subject;
        f.window = window;
        f.firstSeen = firstSeen;
        f.lastSeen = lastSeen;
        f.state = State.RECOVERED;
        return f;
    }

    /** Identity across evaluations: the same problem about the same subject (or at the same place). */
    public String key() {
        return id + "@" + (subject != null ? subject : site == null ? "" : site.toString());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("severity", severity.label());
        m.put("title", title);
        m.put("state", state.label());
        if (subject != null) {
            m.put("subject", subject);
        }
        if (firstSeen != null) {
            m.put("firstSeen", Format.instant(firstSeen));
            m.put("lastSeen", Format.instant(lastSeen));
        }
        if (window != null) {
            m.put("windowSeconds", window.toSeconds());
        }
        m.put("evidence", evidence);
        if (site != null) {
            m.put("site", site.toMap());
        }
        m.put("stack", stack);
        m.put("advice", advice);
        return m;
    }
}
