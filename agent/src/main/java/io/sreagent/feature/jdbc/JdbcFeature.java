package io.sreagent.feature.jdbc;

import io.sreagent.config.Config;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.AgentLog;
import io.sreagent.core.Feature;
import io.sreagent.core.Rule;
import io.sreagent.feature.jdbc.weaving.AcquireWeaving;
import io.sreagent.feature.jdbc.weaving.CloseWeaving;
import io.sreagent.feature.jdbc.weaving.ExecuteWeaving;
import io.sreagent.feature.jdbc.weaving.PoolInternalsWeaving;
import io.sreagent.feature.jdbc.weaving.PrepareWeaving;
import io.sreagent.weave.Weaving;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JDBC: connection leaks, pool exhaustion and slow statements, from advice on the JDBC interfaces'
 * implementations (drivers, pools, the application's own data sources).
 */
public final class JdbcFeature implements Feature {
    private static final int STATEMENTS_IN_METRICS = 20;

    private ConnectionTracker tracker;
    private Pools pools;
    private StatementStats statements;
    private StackCapture capture;
    private JdbcReceiver recorder;
    private boolean events;
    private long leakThresholdMillis;
    private List<Rule> rules = List.of();

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public List<Option<?>> options() {
        return JdbcOptions.ALL;
    }

    @Override
    public List<Weaving> weavings() {
        return List.of(new PoolInternalsWeaving(), new AcquireWeaving(), new CloseWeaving(), new PrepareWeaving(),
                new ExecuteWeaving());
    }

    @Override
    public void start(AgentContext context) {
        Config config = context.config();
        leakThresholdMillis = config.get(JdbcOptions.LEAK_THRESHOLD).toMillis();
        long slowMillis = config.get(JdbcOptions.SLOW).toMillis();
        tracker = new ConnectionTracker(config.get(JdbcOptions.TRACK_MAX));
        pools = new Pools(config.get(JdbcOptions.POOL_WAIT).toNanos());
        statements = new StatementStats(config.get(JdbcOptions.STATEMENTS_MAX));
        capture = new StackCapture(context.sites(), StackCapture.Mode.parse(config.get(JdbcOptions.STACK)),
                config.get(JdbcOptions.STACK_SAMPLE));
        events = JdbcEvents.available();
        recorder = new JdbcReceiver(tracker, pools, statements, capture, slowMillis * 1_000_000L,
                config.get(JdbcOptions.REDACT), events);
        rules = List.of(
                new ConnectionLeakRule(tracker, leakThresholdMillis, config.get(JdbcOptions.LEAK_ALLOW), this::escalate),
                new PoolExhaustionRule(pools, tracker, statements, config.get(JdbcOptions.POOL_WINDOW).toMillis(),
                        config.get(JdbcOptions.POOL_BUSY).toMillis(), config.get(JdbcOptions.POOL_WAIT).toMillis(),
                        leakThresholdMillis, this::escalate),
                new SlowQueryRule(statements, slowMillis));
        recorder.install();
    }

    private void escalate() {
        if (capture.escalate()) {
            AgentLog.get().info("a JDBC leak or exhausted pool was seen without its site: capturing the stack of every acquisition from now on");
        }
    }

    @Override
    public void sample(long nowMillis) {
        tracker.pruneSlots();
        for (ConnectionTracker.Held leaked : tracker.pollCollected(nowMillis)) {
            if (events) {
                JdbcEvents.leak("collected-without-close", leaked.pool(), leaked.heldMillis(nowMillis), leaked.site());
            }
        }
        for (ConnectionTracker.Held held : tracker.newlyHeldTooLong(nowMillis, leakThresholdMillis)) {
            if (events) {
                JdbcEvents.leak("held-too-long", held.pool(), held.heldMillis(nowMillis), held.site());
            }
        }
        Map<String, Integer> held = tracker.liveByPool();
        for (PoolStats p : pools.all()) {
            p.sample(nowMillis, held.getOrDefault(p.name(), 0));
        }
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        if (recorder == null) {
            return;
        }
        Map<String, Object> jdbc = new LinkedHashMap<>();
        Map<String, Object> byPool = new LinkedHashMap<>();
        for (PoolStats p : pools.all()) {
            byPool.put(p.name(), p.metrics());
        }
        jdbc.put("pools", byPool);
        Map<String, Object> connections = new LinkedHashMap<>();
        connections.put("acquired", pools.all().stream().mapToLong(PoolStats::acquisitions).sum());
        connections.putAll(tracker.metrics());
        connections.put("stackCapture", capture.mode().name().toLowerCase(java.util.Locale.ROOT));
        jdbc.put("connections", connections);
        Map<String, Object> statementMetrics = statements.metrics(STATEMENTS_IN_METRICS);
        statementMetrics.put("preparedTracked", recorder.preparedTracked());
        statementMetrics.put("preparedDropped", recorder.preparedDropped());
        jdbc.put("statements", statementMetrics);
        jdbc.put("internalErrors", recorder.internalErrors());
        metrics.put("jdbc", jdbc);
    }

    @Override
    public void stop() {
        if (recorder != null) {
            recorder.uninstall();
        }
    }
}
