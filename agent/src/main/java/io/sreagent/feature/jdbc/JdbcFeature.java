package io.sreagent.feature.jdbc;

import io.sreagent.config.Config;
import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.Feature;
import io.sreagent.core.Rule;
import io.sreagent.feature.jdbc.weaving.AcquireWeaving;
import io.sreagent.feature.jdbc.weaving.CloseWeaving;
import io.sreagent.feature.jdbc.weaving.ExecuteWeaving;
import io.sreagent.feature.jdbc.weaving.PoolInternalsWeaving;
import io.sreagent.feature.jdbc.weaving.PrepareWeaving;
import io.sreagent.feature.jdbc.weaving.TomcatProxyCloseWeaving;
import io.sreagent.support.AgentLog;
import io.sreagent.weave.Weaving;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JDBC: connection leaks, pool exhaustion, slow statements and statements repeated within a request, from advice on the JDBC interfaces'
 * implementations (drivers, pools, the application's own data sources).
 */
public final class JdbcFeature implements Feature {
    private static final int STATEMENTS_IN_METRICS = 20;
    /** Route and statement pairs followed for n-plus-one; requests of more are counted as dropped. */
    private static final int REPEATS_TRACKED = 200;

    private ConnectionTracker tracker;
    private Pools pools;
    private StatementStats statements;
    private RepeatedStatements repeats;
    private StackCapture capture;
    private JdbcReceiver receiver;
    private PoolExhaustionRule poolExhaustion;
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
        return List.of(new PoolInternalsWeaving(), new AcquireWeaving(), new CloseWeaving(), new TomcatProxyCloseWeaving(),
                new PrepareWeaving(), new ExecuteWeaving());
    }

    @Override
    public void start(AgentContext context) {
        Config config = context.config();
        leakThresholdMillis = config.get(JdbcOptions.LEAK_THRESHOLD).toMillis();
        long slowMillis = config.get(JdbcOptions.SLOW).toMillis();
        Duration window = config.get(CoreOptions.WINDOW);
        Duration poolWindow = config.durationOrNull(JdbcOptions.POOL_WINDOW);
        poolWindow = poolWindow == null ? window : poolWindow;
        long busyMillis = config.get(JdbcOptions.POOL_BUSY).toMillis();
        if (busyMillis > poolWindow.toMillis()) {
            AgentLog.get().warn("{} ({}) is longer than the pool window ({}): a busy pool alone is never reported",
                    JdbcOptions.POOL_BUSY, busyMillis + "ms", poolWindow.toMillis() + "ms");
        }
        tracker = new ConnectionTracker(config.get(JdbcOptions.TRACK_MAX));
        pools = new Pools(config.get(JdbcOptions.POOL_WAIT).toNanos(), poolWindow.toMillis());
        statements = new StatementStats(config.get(JdbcOptions.STATEMENTS_MAX), window.toMillis());
        capture = new StackCapture(context.sites(), StackCapture.Mode.parse(config.get(JdbcOptions.STACK)),
                config.get(JdbcOptions.STACK_SAMPLE));
        events = JdbcEvents.available();
        repeats = new RepeatedStatements(REPEATS_TRACKED, window.toMillis());
        int repeatThreshold = config.get(JdbcOptions.N_PLUS_ONE);
        receiver = new JdbcReceiver(tracker, pools, statements, repeats, repeatThreshold, capture,
                slowMillis * 1_000_000L, config.get(JdbcOptions.REDACT), events);
        poolExhaustion = new PoolExhaustionRule(pools, tracker, statements, capture, busyMillis,
                config.get(JdbcOptions.POOL_WAIT).toMillis(), leakThresholdMillis);
        rules = List.of(
                new ConnectionLeakRule(tracker, leakThresholdMillis, config.get(JdbcOptions.LEAK_ALLOW)),
                poolExhaustion,
                new SlowQueryRule(statements, slowMillis),
                new NPlusOneRule(repeats, repeatThreshold));
        receiver.install();
    }

    /**
     * From sampled stacks to every acquisition's, once a leak or an exhausted pool is seen whose connections
     * have no site: the next report names the line. Decided here, in the periodic step, so that rules (and
     * an on-demand report) only read.
     */
    private void escalateWhenSitesAreMissing(long nowMillis) {
        if (capture.mode() == StackCapture.Mode.SAMPLED && sitesMissing(tracker, poolExhaustion, nowMillis, leakThresholdMillis)
                && capture.escalate()) {
            AgentLog.get().info("a JDBC leak or exhausted pool was seen without its site: capturing the stack of every acquisition from now on");
        }
    }

    /** Whether a leak (held too long, or collected unclosed) or an exhausted pool's holder has no site now. */
    static boolean sitesMissing(ConnectionTracker tracker, PoolExhaustionRule poolExhaustion, long nowMillis,
                                long leakThresholdMillis) {
        boolean leakWithoutSite = tracker.suspects(nowMillis, leakThresholdMillis).stream().anyMatch(s -> s.site() == null)
                || tracker.history().stream().anyMatch(h -> h.site == null && h.collectedUnclosed() > 0);
        return leakWithoutSite || poolExhaustion.exhaustedPools(nowMillis).stream()
                .anyMatch(pool -> tracker.holders(pool.name(), nowMillis, PoolExhaustionRule.HOLDERS_LISTED, 0).stream()
                        .anyMatch(h -> h.site() == null));
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
        boolean pressure = false;
        for (PoolStats p : pools.all()) {
            p.sample(nowMillis, held.getOrDefault(p.name(), 0));
            pressure |= p.underPressure(nowMillis, PoolExhaustionRule.BUSY_SHARE);
        }
        if (capture.pressure(pressure)) {
            AgentLog.get().debug(pressure ? "a JDBC pool is under pressure: capturing the stack of every acquisition"
                    : "no JDBC pool under pressure: sampling acquisition stacks again");
        }
        statements.tick(nowMillis);
        repeats.tick(nowMillis);
        escalateWhenSitesAreMissing(nowMillis);
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        if (receiver == null) {
            return;
        }
        long nowMillis = System.currentTimeMillis();
        Map<String, Object> jdbc = new LinkedHashMap<>();
        Map<String, Object> byPool = new LinkedHashMap<>();
        for (PoolStats p : pools.all()) {
            byPool.put(p.name(), p.metrics(nowMillis));
        }
        jdbc.put("pools", byPool);
        Map<String, Object> connections = new LinkedHashMap<>();
        connections.put("acquired", pools.all().stream().mapToLong(PoolStats::acquisitions).sum());
        connections.putAll(tracker.metrics());
        connections.put("stackCapture", capture.mode().name().toLowerCase(java.util.Locale.ROOT));
        connections.put("stackCaptureUnderPressure", capture.underPressure() && capture.mode() == StackCapture.Mode.SAMPLED);
        jdbc.put("connections", connections);
        Map<String, Object> statementMetrics = statements.metrics(nowMillis, STATEMENTS_IN_METRICS);
        statementMetrics.put("preparedTracked", receiver.preparedTracked());
        statementMetrics.put("preparedDropped", receiver.preparedDropped());
        jdbc.put("statements", statementMetrics);
        jdbc.put("nPlusOne", repeats.metrics(nowMillis, STATEMENTS_IN_METRICS));
        jdbc.put("internalErrors", receiver.internalErrors());
        metrics.put("jdbc", jdbc);
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.uninstall();
        }
    }
}
