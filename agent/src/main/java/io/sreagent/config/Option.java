package io.sreagent.config;

import java.util.function.Function;

/**
 * One configuration key: its default, what it accepts (said to the user when a value is wrong),
 * and how a text value becomes a typed one.
 */
public record Option(String key, String defaultValue, String accepted, String description,
                     Function<String, Object> parser) {

    Object parse(String value) throws ConfigException {
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("option '" + key + "' has a bad value '" + value + "': expected " + accepted);
        }
    }
}
