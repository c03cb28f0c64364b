package io.sreagent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

/** Typed, validated options. Built only by {@link ConfigLoader}; every declared option has a value. */
public final class Config {
    private final Map<String, Object> values;
    private final Map<String, String> sources;

    Config(Map<String, Object> values, Map<String, String> sources) {
        this.values = Map.copyOf(values);
        this.sources = Collections.unmodifiableMap(sources);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        Object value = values.get(option.key());
        if (value == null) {
            throw new IllegalArgumentException("option " + option.key() + " was not declared to the loader");
        }
        return (T) value;
    }

    /** A duration option that may be "off": null then. */
    public Duration durationOrNull(Option<Duration> option) {
        Duration d = get(option);
        return d.isZero() ? null : d;
    }

    /** Whether {@code instrument.<feature>} leaves the feature on (the default). */
    public boolean featureEnabled(String feature) {
        Object on = values.get(CoreOptions.INSTRUMENT_PREFIX + feature);
        return on == null || (Boolean) on;
    }

    public Path reportDir() {
        String dir = get(CoreOptions.REPORT_DIR);
        return dir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir"), "sre-agent") : Path.of(dir);
    }

    /** Keys set by the user, as "value (source)": shown in reports so a reader knows the settings. */
    public Map<String, String> explicitSources() {
        return sources;
    }
}
