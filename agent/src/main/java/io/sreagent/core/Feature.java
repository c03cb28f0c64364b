package io.sreagent.core;

import io.sreagent.config.Option;
import io.sreagent.weave.Weaving;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One diagnosable area (deadlocks, heap, JDBC, HTTP...) that can be switched off by name with
 * {@code instrument.<name>=off}. A feature declares its options, gathers telemetry (woven advice or
 * polled MXBeans), contributes raw figures to the report's metrics, and owns the rules that turn them
 * into findings. Its constructor does nothing: features are made before the options are read and
 * before the bootstrap hooks exist, so that their options can be checked first. So a feature class
 * never names a bootstrap hook type (loading it would then fail): its receiver, loaded only once the
 * feature starts, does.
 */
public interface Feature {

    /** The name used in {@code instrument.<name>}: lower-case, no dots. */
    String name();

    /** The keys this feature reads, with their defaults; they are validated before any feature starts. */
    default List<Option<?>> options() {
        return List.of();
    }

    /** Advice to weave while this feature is on; installed once, after every feature has started. */
    default List<Weaving> weavings() {
        return List.of();
    }

    /** Starts listeners or sets up telemetry. Runs once, on an agent thread; a failure disables only this feature. */
    default void start(AgentContext context) throws Exception {
    }

    /** Called every {@code evaluate.interval}, before the rules run. */
    default void sample(long nowMillis) {
    }

    default List<Rule> rules() {
        return List.of();
    }

    /** Adds this feature's raw figures under its own key(s) of the report's {@code metrics}. */
    default void addMetrics(Map<String, Object> metrics) {
    }

    /**
     * Writes this feature's own files (a recording, say) next to a threshold report: {@code companion}
     * turns an extension into the path beside the report, which report pruning deletes with it.
     */
    default void writeBesideThresholdReport(Function<String, Path> companion) throws Exception {
    }

    /** Undoes {@link #start}: called when the agent shuts down. */
    default void stop() {
    }
}
