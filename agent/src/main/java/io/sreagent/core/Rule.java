package io.sreagent.core;

import io.sreagent.report.Finding;

import java.util.List;

/** Turns telemetry into findings of one id. Must be cheap and thread-safe: it runs on every evaluation and report. */
public interface Rule {
    void evaluate(long nowMillis, List<Finding> out);
}
