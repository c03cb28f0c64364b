package io.sreagent.core;

import io.sreagent.config.Config;
import io.sreagent.support.StackSites;

import java.lang.instrument.Instrumentation;

/** What a feature gets to start with. */
public record AgentContext(Config config, Instrumentation instrumentation, StackSites sites) {
}
