package io.sreagent.report;

import java.util.Locale;

public enum Severity {
    CRITICAL, WARNING, INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
