package io.sreagent.feature.jdbc;

import io.sreagent.bootstrap.InboundRequest;
import io.sreagent.bootstrap.JdbcHooks;
import io.sreagent.bootstrap.RequestContext;
import io.sreagent.support.WeakIdentityMap;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Receives what the JDBC advice sees, on the application's threads, and files it into the
 * connection tracker, pool and statement statistics. Never throws: a failure is only counted.
 */
final class JdbcReceiver implements JdbcHooks.Receiver {
    /** Distinct raw SQL strings whose shape is cached; beyond that each is normalised on use. */
    private static final int SHAPE_CACHE = 4096;
    /** Prepared statements whose SQL is remembered at once (open statements, not all ever made). */
    private static final int PREPARED_TRACKED = 100_000;

    private final ConnectionTracker tracker;
    private final Pools pools;
    private final StatementStats statements;
    private final RepeatedStatements repeats;
    private final int repeatThreshold;
    private final StackCapture capture;
    private final long slowNanos;
    private final boolean redact;
    private final boolean events;
    /** Prepared statements and the figures their executions go to, looked up once at prepare time. */
    private final WeakIdentityMap<Object, StatementStats.Stat> prepared = new WeakIdentityMap<>(PREPARED_TRACKED);
    private final ConcurrentHashMap<String, String> shapes = new ConcurrentHashMap<>();
    private final LongAdder internalErrors = new LongAdder();
    /** Wall-clock time of a nanoTime reading, without a second clock read on the hot path. */
    private final long wallAtBaseMillis = System.currentTimeMillis();
    private final long baseNanos = System.nanoTime();

    JdbcReceiver(ConnectionTracker tracker, Pools pools, StatementStats statements, RepeatedStatements repeats,
                 int repeatThreshold, StackCapture capture, long slowNanos, boolean redact, boolean events) {
        this.tracker = tracker;
        this.pools = pools;
        this.statements = statements;
        this.repeats = repeats;
        this.repeatThreshold = repeatThreshold;
        this.capture = capture;
        this.slowNanos = slowNanos;
        this.redact = redact;
        this.events = events;
    }

    /**
     * Hands this receiver to the bootstrap hooks. A copy of the hooks loaded from anywhere but the
     * bootstrap path would be a different class, which woven code never calls: refused loudly.
     */
    void install() {
        if (JdbcHooks.class.getClassLoader() != null) {
            throw new IllegalStateException("the JDBC hooks were loaded from " + JdbcHooks.class.getClassLoader()
                    + ", not the bootstrap class path: woven code would not reach this agent");
        }
        JdbcHooks.install(this, repeatThreshold);
    }

    void uninstall() {
        JdbcHooks.uninstall();
    }

    @Override
    public void acquired(Object source, Object connection, Throwable error, long nanos, long endNanos,
                         RequestContext thread) {
        try {
            PoolStats pool = pools.of(source);
            pool.acquired(nanos, error);
            if (connection == null) {
                return;
            }
            StackCapture.Origin origin = null;
            if (capture.due()) {
                origin = capture.capture();
                if (origin.site() == null) {
                    return; // no application frame at all: a framework's or pool's own connection
                }
            }
            tracker.acquired(connection, pool.name(), wallMillis(endNanos), Thread.currentThread().getName(), origin,
                    tracker.slotsOf(thread));
        } catch (Throwable t) {
            internalErrors.increment();
        }
    }

    @Override
    public void closed(Object connection, RequestContext thread) {
        try {
            tracker.closed(connection, System::currentTimeMillis, tracker.slotsOf(thread));
        } catch (Throwable t) {
            internalErrors.increment();
        }
    }

    @Override
    public void prepared(Object statement, String sql) {
        try {
            prepared.put(statement, statements.statOf(shape(sql)));
        } catch (Throwable t) {
            internalErrors.increment();
        }
    }

    @Override
    public String executed(Object statement, String sql, Throwable error, long nanos) {
        try {
            StatementStats.Stat stat = sql != null ? statements.statOf(shape(sql)) : prepared.get(statement);
            if (stat == null) {
                stat = statements.statOf(StatementStats.UNKNOWN);
            }
            statements.record(stat, nanos, error != null);
            if (nanos >= slowNanos) {
                StackCapture.Origin origin = capture.capture(); // rare by definition, so always captured
                statements.recordSlow(stat, new StatementStats.SlowSample(System.currentTimeMillis(), nanos / 1_000_000,
                        Thread.currentThread().getName(), origin.site(), origin.stack()));
                if (events) {
                    JdbcEvents.slowQuery(stat.sql, nanos, origin.site());
                }
            }
            return stat.sql;
        } catch (Throwable t) {
            internalErrors.increment();
            return null;
        }
    }

    /** A few stacks per shape and evaluation interval: each is a walk, and one line repeats the same way every time. */
    @Override
    public Object repeatOrigin(String statement) {
        try {
            StatementStats.Stat stat = statements.existing(statement);
            return stat != null && stat.takeRepeatCapture() ? capture.capture() : null;
        } catch (Throwable t) {
            internalErrors.increment();
            return null;
        }
    }

    @Override
    public void repeated(InboundRequest request) {
        try {
            if (request.route() == null) {
                return; // the HTTP receiver did not name it (an asynchronous request)
            }
            long now = System.currentTimeMillis();
            for (int i = 0; i < request.shapesCounted(); i++) {
                String sql = request.shape(i);
                if (request.shapeExecutions(i) < repeatThreshold || sql == StatementStats.OTHER
                        || sql == StatementStats.UNKNOWN) {
                    continue; // the shared buckets are many statements, not one repeated
                }
                StackCapture.Origin origin = (StackCapture.Origin) request.shapeOrigin(i);
                repeats.record(request.routeMethod(), request.route(), sql, request.shapeExecutions(i),
                        request.shapeNanos(i), request.nanos(), now, origin == null ? null : origin.site(),
                        origin == null || origin.site() == null ? null : origin.stack());
            }
        } catch (Throwable t) {
            internalErrors.increment();
        }
    }

    private long wallMillis(long nanoTime) {
        return wallAtBaseMillis + (nanoTime - baseNanos) / 1_000_000;
    }

    /** The statement's reportable form: literals removed unless redaction is off (whitespace folded either way). */
    String shape(String sql) {
        String s = shapes.get(sql);
        if (s != null) {
            return s;
        }
        s = redact ? SqlNormalizer.normalize(sql) : SqlNormalizer.foldWhitespace(sql);
        if (shapes.size() < SHAPE_CACHE) {
            shapes.put(sql, s);
        }
        return s;
    }

    long internalErrors() {
        return internalErrors.sum();
    }

    int preparedTracked() {
        return prepared.size();
    }

    long preparedDropped() {
        return prepared.dropped();
    }
}
