package io.sreagent.bootstrap;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The inbound request a thread is serving: while it runs, where its time went below it (JDBC,
 * outbound HTTP); once it ended, what the advice saw of it, handed to {@link HttpHooks.Receiver#inbound}.
 * One per thread (held by its {@link RequestContext}) and reused from request to request, so that
 * recording a request allocates nothing: a receiver reads it during the call and keeps nothing of it.
 */
public final class InboundRequest {
    /** Changes with every request so that late asynchronous completions do not land on the next one. */
    private volatile long generation;
    private volatile boolean active;
    /** The thread this record belongs to, set at its first request, when it joins {@link InFlightRequests}. */
    private Thread owner;
    /** System.nanoTime() at the start of the current request, for the slow-request sampler. */
    private volatile long startNanos;
    /**
     * Written by the slow-request sampler only, read by the owner when the request ends: where the
     * request was at the latest sample, and how many samples it had, for request {@link #sampledGeneration}.
     */
    private volatile Object sampledOrigin;
    private volatile int samples;
    private volatile long sampledGeneration = -1;
    // Plain fields: written and read only by the owner thread (package-private: tests fill a request in directly).
    long dbNanos;
    long dbCalls;
    long httpNanos;
    long httpCalls;
    /** Asynchronous calls complete on other threads: only they add here. */
    private final AtomicLong asyncHttpNanos = new AtomicLong();
    private final AtomicLong asyncHttpCalls = new AtomicLong();
    /** Redis commands: blocking ones on the owner thread, asynchronous ones complete on the client's threads. */
    long redisNanos;
    long redisCalls;
    private final AtomicLong asyncRedisNanos = new AtomicLong();
    private final AtomicLong asyncRedisCalls = new AtomicLong();
    /** The outbound host this request waited on longest (blocking calls only). */
    String topHost;
    int topPort;
    long topHostNanos;
    /** The statement this request spent most time in, one execution (as reports show it). */
    String topStatement;
    long topStatementNanos;
    /**
     * The statement shapes this request ran and how often (for n-plus-one), the first
     * {@link #SHAPES_KEPT} of them: shapes are compared by identity, as the JDBC receiver hands out one
     * string per shape, so counting an execution is a short scan and never allocates.
     */
    static final int SHAPES_KEPT = 8;
    private final String[] shapes = new String[SHAPES_KEPT];
    private final int[] shapeExecutions = new int[SHAPES_KEPT];
    private final long[] shapeNanos = new long[SHAPES_KEPT];
    /** Where the shape's executions came from, captured once it ran often enough (opaque here). */
    private final Object[] shapeOrigins = new Object[SHAPES_KEPT];
    private int shapesUsed;
    private int lastShape;
    /** The route as reports name it, set by the HTTP receiver once the request ended. */
    private String routeMethod;
    private String route;
    // What the advice saw when the request ended.
    String server;
    String method;
    String path;
    String template;
    int status;
    Throwable thrown;
    boolean async;
    long nanos;
    /** An exception the application or its framework caught and answered for: the request's first. */
    Throwable handled;
    /** Where the application set a 5xx status (the receiver's site, opaque here), for a sample of such requests. */
    Object statusSite;
    /** A 5xx status was set: the site is looked for once per request. */
    boolean statusSeen;

    InboundRequest() {
    }

    void begin(long startNanos) {
        if (owner == null) {
            owner = Thread.currentThread();
            InFlightRequests.register(this);
        }
        this.startNanos = startNanos;
        generation++;
        dbNanos = 0;
        dbCalls = 0;
        httpNanos = 0;
        httpCalls = 0;
        asyncHttpNanos.lazySet(0);
        asyncHttpCalls.lazySet(0);
        redisNanos = 0;
        redisCalls = 0;
        asyncRedisNanos.lazySet(0);
        asyncRedisCalls.lazySet(0);
        topHost = null;
        topPort = -1;
        topHostNanos = 0;
        topStatement = null;
        topStatementNanos = 0;
        shapesUsed = 0;
        routeMethod = null;
        route = null;
        handled = null;
        statusSite = null;
        statusSeen = false;
        active = true;
    }

    void end() {
        active = false;
    }

    /** On the owner thread, after {@link #end}: what the advice saw of the request. */
    void ended(String server, String method, String path, String template, int status, Throwable thrown,
               boolean async, long nanos) {
        this.server = server;
        this.method = method;
        this.path = path;
        this.template = template;
        this.status = status;
        this.thrown = thrown;
        this.async = async;
        this.nanos = nanos;
    }

    /** Once reported: the application's exception would pin its classes, and their loader, to this thread. */
    void forgetThrown() {
        thrown = null;
        handled = null;
    }

    /** On the owner thread: the first caught exception of the running request is kept. */
    void handled(Throwable t) {
        if (active && handled == null) {
            handled = t;
        }
    }

    /** On the owner thread: true once per running request, when its first 5xx status is set. */
    boolean firstStatusSet() {
        if (!active || statusSeen) {
            return false;
        }
        statusSeen = true;
        return true;
    }

    /** Changes at every request of this thread (read by the slow-request sampler before and after it looks). */
    public long generation() {
        return generation;
    }

    /** Whether the thread is serving a request now. */
    public boolean active() {
        return active;
    }

    /** The thread that serves this record's requests. */
    public Thread owner() {
        return owner;
    }

    /** When the current (or last) request began, System.nanoTime(). */
    public long startNanos() {
        return startNanos;
    }

    /**
     * The slow-request sampler (one thread) saw request {@code gen} at {@code origin}; ignored once the
     * thread has moved on to another request.
     */
    public void sampled(long gen, Object origin) {
        if (generation != gen || !active) {
            return;
        }
        samples = sampledGeneration == gen ? samples + 1 : 1;
        sampledOrigin = origin;
        sampledGeneration = gen; // last: the owner reads it first
    }

    /** On the owner thread once the request ended: where its latest sample saw it, or null when it was never sampled. */
    public Object sampledOrigin() {
        return sampledGeneration == generation ? sampledOrigin : null;
    }

    /** How many times the sampler saw this request (0 when never). */
    public int samples() {
        return sampledGeneration == generation ? samples : 0;
    }

    /** On the owner thread. */
    void addDb(long nanos) {
        if (active) {
            dbNanos += nanos;
            dbCalls++;
        }
    }

    /** On the owner thread: an execution of {@code statement} took {@code nanos}; kept if the longest of the request. */
    void noteStatement(String statement, long nanos) {
        if (active && statement != null && nanos > topStatementNanos) {
            topStatement = statement;
            topStatementNanos = nanos;
        }
    }

    /**
     * On the owner thread: one more execution of {@code statement}, taking {@code nanos}. Returns how many
     * times the request has run it, or 0 when it is not counted (no request, or {@link #SHAPES_KEPT} other
     * shapes came first).
     */
    int countExecution(String statement, long nanos) {
        if (!active || statement == null) {
            return 0;
        }
        for (int i = 0; i < shapesUsed; i++) {
            if (shapes[i] == statement) {
                lastShape = i;
                shapeNanos[i] += nanos;
                return ++shapeExecutions[i];
            }
        }
        if (shapesUsed == SHAPES_KEPT) {
            return 0;
        }
        int i = shapesUsed++;
        shapes[i] = statement;
        shapeExecutions[i] = 1;
        shapeNanos[i] = nanos;
        shapeOrigins[i] = null;
        lastShape = i;
        return 1;
    }

    /** On the owner thread, right after {@link #countExecution}: where that statement's executions come from. */
    void originOfLastCounted(Object origin) {
        shapeOrigins[lastShape] = origin;
    }

    /** On the owner thread. */
    void addHttp(long nanos) {
        if (active) {
            httpNanos += nanos;
            httpCalls++;
        }
    }

    /** On any thread: an asynchronous call started by request {@code gen} finished; counted only if that request still runs. */
    void addHttpIfStill(long gen, long nanos) {
        if (active && generation == gen) {
            asyncHttpNanos.addAndGet(nanos);
            asyncHttpCalls.incrementAndGet();
        }
    }

    /** On the owner thread: a blocking Redis command took {@code nanos}. */
    void addRedis(long nanos) {
        if (active) {
            redisNanos += nanos;
            redisCalls++;
        }
    }

    /** On any thread: an asynchronous Redis command of request {@code gen} completed; counted only if that request still runs. */
    void addRedisIfStill(long gen, long nanos) {
        if (active && generation == gen) {
            asyncRedisNanos.addAndGet(nanos);
            asyncRedisCalls.incrementAndGet();
        }
    }

    /** A blocking call on the owner thread took {@code nanos}: remembered if it is the longest of the request. */
    void noteHost(String host, int port, long nanos) {
        if (active && nanos > topHostNanos) {
            topHost = host;
            topPort = port;
            topHostNanos = nanos;
        }
    }

    public String server() {
        return server;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    /** The framework's route template when one is known, else null. */
    public String template() {
        return template;
    }

    /** The response status; 500 when an exception escaped. */
    public int status() {
        return status;
    }

    /** The exception that escaped the handler, or null. */
    public Throwable thrown() {
        return thrown;
    }

    /** The handler started asynchronous processing: duration and status are not final. */
    public boolean async() {
        return async;
    }

    public long nanos() {
        return nanos;
    }

    /** An exception caught by the application or its framework while the request ran (it did not escape), or null. */
    public Throwable handled() {
        return handled;
    }

    /** Where the request's 5xx status was set when that site was sampled, else null. */
    public Object statusSite() {
        return statusSite;
    }

    public long dbNanos() {
        return dbNanos;
    }

    public long dbCalls() {
        return dbCalls;
    }

    /** Blocking calls, and the asynchronous ones that finished while the request ran. */
    public long httpNanos() {
        return httpNanos + asyncHttpNanos.get();
    }

    public long httpCalls() {
        return httpCalls + asyncHttpCalls.get();
    }

    /** Redis commands (blocking, and asynchronous ones that completed while the request ran). */
    public long redisNanos() {
        return redisNanos + asyncRedisNanos.get();
    }

    public long redisCalls() {
        return redisCalls + asyncRedisCalls.get();
    }

    /** Statement shapes counted for this request (see {@link #countExecution}). */
    public int shapesCounted() {
        return shapesUsed;
    }

    /** The {@code i}-th shape counted, as the JDBC receiver returned it. */
    public String shape(int i) {
        return shapes[i];
    }

    public int shapeExecutions(int i) {
        return shapeExecutions[i];
    }

    public long shapeNanos(int i) {
        return shapeNanos[i];
    }

    /** Where the shape's executions came from, or null when it was not captured. */
    public Object shapeOrigin(int i) {
        return shapeOrigins[i];
    }

    /** The HTTP receiver names the request's route once it ended, for whoever reads the request after it. */
    public void routed(String method, String route) {
        this.routeMethod = method;
        this.route = route;
    }

    /** The method as reports name it, or null before the HTTP receiver saw the request. */
    public String routeMethod() {
        return routeMethod;
    }

    public String route() {
        return route;
    }

    /** The outbound host the request waited on longest, or null. */
    public String topHost() {
        return topHost;
    }

    public int topPort() {
        return topPort;
    }

    /** The SQL statement (as reports show it) of the request's longest execution, or null. */
    public String topStatement() {
        return topStatement;
    }

    public long topStatementNanos() {
        return topStatementNanos;
    }
}
