package io.sreagent.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One diagnosis: what is wrong (id, title), how bad (severity), the numbers that prove it
 * (evidence), the code responsible (site, stack) and what to do (advice).
 */
public final class Finding {
    private final String id;
    private final Severity severity;
    private final String title;
    private final Map<String, Object> evidence = new LinkedHashMap<>();
    private final List<String> stack = new ArrayList<>();
    private final List<String> advice = new ArrayList<>();
    private Site site;

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

    /** Identity across evaluations: the same problem at the same place is the same finding. */
    public String key() {
        return id + "@" + (site == null ? "" : site.toString());
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("severity", severity.label());
        m.put("title", title);
        m.put("evidence", evidence);
        if (site != null) {
            m.put("site", site.toMap());
        }
        m.put("stack", stack);
        m.put("advice", advice);
        return m;
    }
}
