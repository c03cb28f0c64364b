package io.sreagent.report;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A diagnosis at one moment, in the shape of the published contract (schema sre-agent/report/v1). */
public record Report(Instant generatedAt, Trigger trigger, Map<String, Object> jvm, Map<String, Object> agent,
                     List<Finding> findings, Map<String, Object> metrics) {
    public static final String SCHEMA = "sre-agent/report/v1";

    public Report {
        findings = findings.stream()
                .sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::id))
                .toList();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        m.put("generatedAt", Format.instant(generatedAt));
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("kind", trigger.kind().label());
        t.put("reason", trigger.reason());
        m.put("trigger", t);
        m.put("jvm", jvm);
        m.put("agent", agent);
        m.put("findings", findings.stream().map(Finding::toMap).toList());
        m.put("metrics", metrics);
        return m;
    }

    public String toJson() {
        return Json.write(toMap());
    }

    public String toText() {
        return TextRenderer.render(this);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }
}
