package io.sreagent.feature.logs;

import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.Feature;
import io.sreagent.core.Rule;
import io.sreagent.feature.logs.weaving.JulLoggerWeaving;
import io.sreagent.feature.logs.weaving.Log4j2Weaving;
import io.sreagent.feature.logs.weaving.LogbackWeaving;
import io.sreagent.weave.Weaving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Errors logged with an exception through Logback, Log4j 2 or java.util.logging, for the log-errors rule. */
public final class LogsFeature implements Feature {
    static final int METRICS_LISTED = 20;

    private LoggedErrors errors;
    private LogReceiver receiver;
    private Duration window;
    private List<Rule> rules = List.of();

    @Override
    public String name() {
        return "logs";
    }

    @Override
    public List<Option<?>> options() {
        return LogsOptions.ALL;
    }

    @Override
    public List<Weaving> weavings() {
        return List.of(new LogbackWeaving(), new Log4j2Weaving(), new JulLoggerWeaving());
    }

    @Override
    public void start(AgentContext context) {
        window = context.config().get(CoreOptions.WINDOW);
        errors = new LoggedErrors(context.sites());
        long newAfter = System.currentTimeMillis() + context.config().get(LogsOptions.WARMUP).toMillis();
        rules = List.of(new LogErrorsRule(errors::entries, context.config().get(LogsOptions.ERRORS), window, newAfter));
        receiver = new LogReceiver(errors);
        receiver.install();
    }

    @Override
    public void sample(long nowMillis) {
        if (errors != null) {
            errors.sample(nowMillis, window.toMillis());
        }
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        if (errors == null) {
            return;
        }
        List<LoggedErrors.Entry> entries = new ArrayList<>(errors.entries());
        entries.sort(Comparator.comparingLong(LoggedErrors.Entry::total).reversed());
        List<Map<String, Object>> listed = new ArrayList<>();
        long events = 0;
        for (LoggedErrors.Entry e : entries) {
            events += e.total();
            if (listed.size() < METRICS_LISTED) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("logger", e.subject().logger());
                m.put("exceptionType", e.subject().exceptionType());
                m.put("framework", e.framework());
                m.put("count", e.total());
                listed.add(m);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("errorEvents", events + errors.droppedEvents());
        m.put("byFramework", errors.byFramework().asMap(8));
        m.put("subjects", entries.size());
        m.put("largest", listed);
        m.put("subjectsNotListed", entries.size() - listed.size());
        m.put("dropped", errors.droppedEvents());
        m.put("internalErrors", receiver.internalErrors());
        metrics.put("logs", m);
    }

    @Override
    public void stop() {
        LogReceiver.uninstall();
    }
}
