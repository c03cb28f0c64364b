package io.sreagent.runtime;

import io.sreagent.config.Config;
import io.sreagent.telemetry.Sites;

import java.lang.instrument.Instrumentation;

/** What a feature gets to start with. */
public record AgentContext(Config config, Instrumentation instrumentation, Sites sites) {
}
