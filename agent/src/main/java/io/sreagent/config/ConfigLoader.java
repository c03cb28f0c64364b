package io.sreagent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Reads options from four sources. Precedence, highest first: agent arguments, {@code -Dsre.<key>}
 * system properties, {@code SRE_<KEY>} environment variables, the properties file named by
 * {@code config}; then the defaults. An unknown key or a bad value is a {@link ConfigException}
 * (unknown {@code SRE_*} variables are only warned about: the environment is shared with other tools).
 */
public final class ConfigLoader {
    private static final String PROPERTY_PREFIX = "sre.";
    private static final String ENV_PREFIX = "SRE_";

    private final Map<String, Option<?>> options = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /** {@code options}: every key there is, the core's, each feature's and the feature switches. */
    public ConfigLoader(Collection<Option<?>> options) {
        for (Option<?> o : options) {
            if (this.options.put(o.key(), o) != null) {
                throw new IllegalArgumentException("option " + o.key() + " is declared twice");
            }
        }
    }

    /** Warnings about ignored input, to be logged once the logger is set up. */
    public List<String> warnings() {
        return warnings;
    }

    public Config load(String agentArgs, Map<String, String> systemProperties, Map<String, String> env)
            throws ConfigException {
        Map<String, String> fromArgs = parseAgentArgs(agentArgs);
        Map<String, String> fromProps = new TreeMap<>();
        systemProperties.forEach((k, v) -> {
            if (k.startsWith(PROPERTY_PREFIX)) {
                fromProps.put(k.substring(PROPERTY_PREFIX.length()), v);
            }
        });
        Map<String, String> fromEnv = new TreeMap<>();
        env.forEach((k, v) -> {
            if (k.startsWith(ENV_PREFIX)) {
                fromEnv.put(k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        for (String key : List.copyOf(fromEnv.keySet())) {
            if (!options.containsKey(key)) {
                warnings.add("ignoring environment variable " + ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_')
                        + ": not an sre-agent option");
                fromEnv.remove(key);
            }
        }
        checkKnown(fromArgs, "agent argument ");
        checkKnown(fromProps, "system property -D" + PROPERTY_PREFIX);

        Map<String, String> raw = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        String file = firstOf(CoreOptions.CONFIG_FILE.key(), fromArgs, fromProps, fromEnv);
        if (file != null && !file.isBlank()) {
            Map<String, String> fromFile = readFile(Path.of(file));
            checkKnown(fromFile, "key in " + file + ": ");
            merge(fromFile, "file " + file, raw, sources);
        }
        merge(fromEnv, "environment", raw, sources);
        merge(fromProps, "system property", raw, sources);
        merge(fromArgs, "agent argument", raw, sources);

        Map<String, Object> values = new LinkedHashMap<>();
        for (Option<?> option : options.values()) {
            String value = raw.getOrDefault(option.key(), option.defaultValue());
            values.put(option.key(), option.parse(value));
        }
        return new Config(values, sources);
    }

    /**
     * "a=1,b=2". A comma-separated list value may be written plainly: in "report.formats=json,text,report.keep=5"
     * the part without '=' belongs to the value before it.
     */
    static Map<String, String> parseAgentArgs(String args) throws ConfigException {
        Map<String, String> out = new LinkedHashMap<>();
        if (args == null || args.isBlank()) {
            return out;
        }
        String lastKey = null;
        for (String part : args.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                if (lastKey == null) {
                    throw new ConfigException("agent argument '" + part + "' is not key=value: expected key=value[,key=value...]");
                }
                out.put(lastKey, out.get(lastKey) + "," + part);
            } else {
                lastKey = part.substring(0, eq).trim();
                out.put(lastKey, part.substring(eq + 1));
            }
        }
        return out;
    }

    private void checkKnown(Map<String, String> given, String where) throws ConfigException {
        for (String key : given.keySet()) {
            if (!options.containsKey(key)) {
                throw new ConfigException("unknown option '" + key + "' (" + where.trim() + "): known options are "
                        + String.join(", ", options.keySet()));
            }
        }
    }

    private static Map<String, String> readFile(Path path) throws ConfigException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path)) {
            p.load(r);
        } catch (IOException e) {
            throw new ConfigException("option 'config' names '" + path + "', which cannot be read ("
                    + e.getClass().getSimpleName() + "): expected the path of a readable properties file");
        }
        Map<String, String> out = new TreeMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k.startsWith(PROPERTY_PREFIX) ? k.substring(PROPERTY_PREFIX.length()) : k,
                p.getProperty(k)));
        out.remove(CoreOptions.CONFIG_FILE.key());
        return out;
    }

    @SafeVarargs
    private static String firstOf(String key, Map<String, String>... sources) {
        for (Map<String, String> s : sources) {
            if (s.containsKey(key)) {
                return s.get(key);
            }
        }
        return null;
    }

    private static void merge(Map<String, String> from, String source, Map<String, String> raw, Map<String, String> sources) {
        from.forEach((k, v) -> {
            raw.put(k, v);
            sources.put(k, v + " (" + source + ")");
        });
    }
}
