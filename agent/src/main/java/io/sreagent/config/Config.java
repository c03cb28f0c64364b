package io.sreagent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Typed, validated options. Built only by {@link ConfigLoader}; every key has a value. */
public final class Config {
    private final Map<String, Object> values;
    private final Map<String, String> sources;

    Config(Map<String, Object> values, Map<String, String> sources) {
        this.values = Map.copyOf(values);
        this.sources = Collections.unmodifiableMap(sources);
    }

    public Duration duration(String key) {
        return (Duration) get(key);
    }

    /** A duration option that may be "off": null then. */
    public Duration durationOrNull(String key) {
        Duration d = duration(key);
        return d.isZero() ? null : d;
    }

    public boolean flag(String key) {
        return (Boolean) get(key);
    }

    public int integer(String key) {
        return (Integer) get(key);
    }

    public double decimal(String key) {
        return (Double) get(key);
    }

    public String text(String key) {
        return (String) get(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String key) {
        return (List<String>) get(key);
    }

    public boolean featureEnabled(String feature) {
        Object on = values.get(Options.INSTRUMENT_PREFIX + feature);
        return on == null || (Boolean) on;
    }

    public Path reportDir() {
        String dir = text(Options.REPORT_DIR);
        return dir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "sre-agent") : Path.of(dir);
    }

    /** Keys set by the user, as "value (source)": shown in reports so a reader knows the settings. */
    public Map<String, String> explicitSources() {
        return sources;
    }

    private Object get(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no option " + key);
        }
        return value;
    }
}
