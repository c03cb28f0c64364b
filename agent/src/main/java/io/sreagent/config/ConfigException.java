package io.sreagent.config;

/** A bad option: the message is the single line the user sees, naming the key and what it accepts. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
