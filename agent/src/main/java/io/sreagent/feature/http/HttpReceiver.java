package io.sreagent.feature.http;

import io.sreagent.bootstrap.HttpHooks;
import io.sreagent.bootstrap.InboundRequest;
import io.sreagent.bootstrap.OutboundCall;
import io.sreagent.report.Site;
import io.sreagent.support.StackSites;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the HTTP advice reports, kept per route (inbound) and per host and method (outbound). Both
 * tables are bounded: past the limit, new routes go to the route {@code other}, new hosts to the
 * host {@code other}, and the counts of what went there are in the metrics.
 */
public final class HttpReceiver implements HttpHooks.Receiver {
    public static final String OTHER = "other";
    /** Stacks sampled per host, for calls with and without time-outs each: enough to name the site, cheap after. */
    static final int STACKS_PER_HOST = 16;
    /** 5xx statuses set whose caller is always looked up; past them one in {@link #STATUS_SITE_SAMPLE}. */
    static final int STATUS_SITES_FREE = 64;
    static final int STATUS_SITE_SAMPLE = 16;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS",
            "TRACE", "CONNECT");

    private final StackSites sites;
    /** The application frame making the current call, read on the thread making it. */
    private final Supplier<Site> callSite;
    /** The application frame setting a status on a response of the given class, read on the thread setting it. */
    private final Function<String, Site> statusCaller;
    private final AtomicLong statusSetCalls = new AtomicLong();
    private final int maxRoutes;
    private final int maxHosts;
    private final long slowCallNanos;
    /** By method, then route: no key is built per request. */
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, EndpointStats>> endpoints = new ConcurrentHashMap<>();
    private final AtomicInteger routes = new AtomicInteger();
    private final ConcurrentHashMap<String, ExternalStats> externals = new ConcurrentHashMap<>();
    /** The same entries by the host as the client gave it: found on every call without building a key. */
    private final ConcurrentHashMap<String, Destination[]> byHost = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger[]> stackBudgets = new ConcurrentHashMap<>();
    private final LongAdder requestsInOther = new LongAdder();
    private final LongAdder callsInOther = new LongAdder();

    /** @param slowCallNanos an outbound call this long is slow: its site is sampled apart (see {@link CallKind}) */
    public HttpReceiver(StackSites sites, int maxRoutes, int maxHosts, long slowCallNanos) {
        this(sites, maxRoutes, maxHosts, slowCallNanos, () -> sites.find().site(), sites::callerOf);
    }

    /** No outbound call counts as slow. */
    public HttpReceiver(StackSites sites, int maxRoutes, int maxHosts) {
        this(sites, maxRoutes, maxHosts, Long.MAX_VALUE);
    }

    /** @param callSite finds the application frame making the current call (tests stand in for the stack) */
    HttpReceiver(StackSites sites, int maxRoutes, int maxHosts, long slowCallNanos, Supplier<Site> callSite) {
        this(sites, maxRoutes, maxHosts, slowCallNanos, callSite, sites::callerOf);
    }

    HttpReceiver(StackSites sites, int maxRoutes, int maxHosts, long slowCallNanos, Supplier<Site> callSite,
                 Function<String, Site> statusCaller) {
        this.slowCallNanos = slowCallNanos;
        this.sites = sites;
        this.callSite = callSite;
        this.statusCaller = statusCaller;
        this.maxRoutes = maxRoutes;
        this.maxHosts = maxHosts;
    }

    /** Makes this the receiver of the HTTP hooks. */
    public void install() {
        HttpHooks.install(this);
    }

    public void uninstall() {
        HttpHooks.uninstall();
    }

    @Override
    public void inbound(InboundRequest request) {
        String m = method(request.method());
        String route = request.template() != null ? request.template() : RouteNormalizer.normalize(request.path());
        EndpointStats stats = endpoint(request.server(), m, route);
        request.routed(m, stats.route()); // for the JDBC receiver's n-plus-one, which reads the request next
        if (request.async()) {
            stats.recordAsync();
            return;
        }
        String exceptionType = null;
        Site exceptionSite = null;
        if (request.thrown() != null) {
            Throwable root = rootCause(request.thrown());
            exceptionType = root.getClass().getName();
            exceptionSite = sites.siteOf(root.getStackTrace());
        }
        String topHost = request.topHost();
        stats.record(request.status(), request.nanos(), request.dbNanos(), request.dbCalls(), request.httpNanos(),
                request.httpCalls(), topHost == null ? null : hostKey(topHost, request.topPort(), null),
                request.topStatement(), request.topStatementNanos(), exceptionType, exceptionSite);
        stats.recordRedis(request.redisNanos(), request.redisCalls(), request.nanos());
        if (request.sampledOrigin() instanceof SlowRequestSampler.Sample slow && slow.site() != null) {
            stats.slowSites().add(System.currentTimeMillis(), slow.site(), slow.stack(), request.samples());
        }
        if (request.thrown() == null && request.status() >= 500) {
            // Nothing escaped: the exception the code caught, else where it set the status.
            if (request.handled() != null) {
                Throwable root = rootCause(request.handled());
                stats.recordHandled(root.getClass().getName(), sites.siteOf(root.getStackTrace()));
            } else {
                stats.recordStatusSet(request.statusSite() instanceof Site s ? s : null);
            }
        }
    }

    /**
     * The frame that sets a 5xx status on a response of {@code responseClass}: all of the first
     * {@link #STATUS_SITES_FREE}, then a sample, so a route failing at a high rate does not walk the stack each time.
     */
    @Override
    public Object statusSite(String responseClass) {
        long n = statusSetCalls.getAndIncrement();
        if (n >= STATUS_SITES_FREE && n % STATUS_SITE_SAMPLE != 0) {
            return null;
        }
        return statusCaller.apply(responseClass);
    }

    /** Where the call was made, on the thread that starts it: its completion comes on another one. */
    @Override
    public Object asyncStarted(OutboundCall call) {
        return sampledCallSite(call, 0, false, false);
    }

    /**
     * The site of the call being made on this thread, for a bounded sample of calls: walking the stack
     * costs microseconds.
     */
    private Site sampledCallSite(OutboundCall call, int status, boolean failed, boolean slow) {
        return wantsCallSite(call.host(), call.connectTimeoutSet() && call.readTimeoutSet(), status, failed, slow)
                ? callSite.get() : null;
    }

    /**
     * A separate budget per kind of call, so the sites of the calls that matter (failed, rate-limited,
     * slow, without time-outs) are sampled even after many healthy calls used up theirs: one host can serve
     * a fast path and a slow one from different lines, and the slow line is the one to name. Blocking calls ask
     * when they are over, with their outcome; asynchronous ones when they start, with {@code status} 0
     * (not known yet).
     */
    boolean wantsCallSite(String host, boolean timeoutsSet, int status, boolean failed, boolean slow) {
        if (host == null) {
            return false;
        }
        AtomicInteger[] budget = stackBudgets.get(host);
        if (budget == null) {
            if (stackBudgets.size() >= maxHosts) {
                return false;
            }
            budget = stackBudgets.computeIfAbsent(host, h -> {
                AtomicInteger[] b = new AtomicInteger[CallKind.values().length];
                for (int i = 0; i < b.length; i++) {
                    b[i] = new AtomicInteger(STACKS_PER_HOST);
                }
                return b;
            });
        }
        AtomicInteger left = budget[CallKind.of(timeoutsSet, status, failed, slow).ordinal()];
        return left.get() > 0 && left.getAndDecrement() > 0;
    }

    /** What a sampled stack is for. */
    enum CallKind {
        FAILED, RATE_LIMITED, SLOW, NO_TIMEOUT, NOT_YET_KNOWN, OK;

        static CallKind of(boolean timeoutsSet, int status, boolean failed, boolean slow) {
            if (failed || status >= 500) {
                return FAILED;
            }
            if (status == 429) {
                return RATE_LIMITED;
            }
            if (slow) {
                return SLOW;
            }
            if (!timeoutsSet) {
                return NO_TIMEOUT;
            }
            return status == 0 ? NOT_YET_KNOWN : OK;
        }
    }

    @Override
    public void outbound(OutboundCall call) {
        int status = call.status();
        Throwable thrown = call.thrown();
        boolean failed = thrown != null && status < 0;
        String failure = null;
        boolean timeout = false;
        if (failed) {
            failure = thrown.getClass().getName();
            timeout = isTimeout(thrown);
        }
        Site site = call.async() ? (Site) call.callSite()
                : sampledCallSite(call, status, failed, call.nanos() >= slowCallNanos);
        external(call.client(), method(call.method()), call.scheme(), call.host(), call.port())
                .record(status, call.nanos(), failure, timeout, call.connectTimeoutSet(), call.readTimeoutSet(),
                        call.async(), site);
    }

    @Override
    public int statusOf(Object response) {
        return response instanceof java.net.http.HttpResponse<?> r ? r.statusCode() : -1;
    }

    public List<EndpointStats> endpoints() {
        List<EndpointStats> all = new ArrayList<>();
        endpoints.values().forEach(byRoute -> all.addAll(byRoute.values()));
        return all;
    }

    public List<ExternalStats> externals() {
        return List.copyOf(externals.values());
    }

    /** Closes every route's and host's interval (the evaluation thread, before the rules run). */
    public void tick(long nowMillis, long keepMillis, long warmUpMillis) {
        for (EndpointStats e : endpoints()) {
            e.tick(nowMillis, keepMillis, warmUpMillis);
        }
        for (ExternalStats e : externals()) {
            e.tick(nowMillis, keepMillis);
        }
    }

    public Map<String, Object> toMap(long nowMillis, long windowMillis) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> in = new ArrayList<>();
        endpoints().stream().sorted(Comparator.comparingLong(EndpointStats::count).reversed())
                .forEach(e -> in.add(e.toMap(nowMillis, windowMillis)));
        m.put("endpoints", in);
        m.put("routesLimit", maxRoutes);
        m.put("requestsInOtherRoute", requestsInOther.sum());
        List<Map<String, Object>> out = new ArrayList<>();
        externals().stream().sorted(Comparator.comparingLong(ExternalStats::count).reversed())
                .forEach(e -> out.add(e.toMap(nowMillis, windowMillis)));
        m.put("external", out);
        m.put("hostsLimit", maxHosts);
        m.put("callsInOtherHost", callsInOther.sum());
        return m;
    }

    private EndpointStats endpoint(String server, String method, String route) {
        ConcurrentHashMap<String, EndpointStats> byRoute = endpoints.get(method);
        if (byRoute == null) {
            byRoute = endpoints.computeIfAbsent(method, m -> new ConcurrentHashMap<>());
        }
        EndpointStats s = byRoute.get(route);
        if (s != null) {
            return s;
        }
        if (routes.get() >= maxRoutes) {
            requestsInOther.increment();
            return byRoute.computeIfAbsent(OTHER, k -> new EndpointStats(server, method, OTHER, System.currentTimeMillis()));
        }
        return byRoute.computeIfAbsent(route, k -> {
            routes.incrementAndGet();
            return new EndpointStats(server, method, route, System.currentTimeMillis());
        });
    }

    /** One entry per client library too: time-out settings and advice differ between them. */
    private ExternalStats external(String client, String method, String scheme, String host, int port) {
        int effectivePort = effectivePort(port, scheme);
        Destination[] known = host == null ? null : byHost.get(host);
        if (known != null) {
            for (Destination d : known) {
                if (d.port() == effectivePort && d.method().equals(method) && d.client().equals(client)) {
                    return d.stats();
                }
            }
        }
        String hostKey = hostKey(host, port, scheme);
        String key = client + ' ' + method + ' ' + hostKey;
        ExternalStats s = externals.get(key);
        if (s == null) {
            if (externals.size() >= maxHosts) {
                callsInOther.increment();
                return externals.computeIfAbsent(client + ' ' + method + ' ' + OTHER,
                        k -> new ExternalStats(method, OTHER, client, slowCallNanos));
            }
            s = externals.computeIfAbsent(key, k -> new ExternalStats(method, hostKey, client, slowCallNanos));
        }
        if (host != null) {
            Destination d = new Destination(client, method, effectivePort, s);
            byHost.merge(host, new Destination[] {d}, (old, one) -> List.of(old).contains(d) ? old : append(old, d));
        }
        return s;
    }

    private static Destination[] append(Destination[] old, Destination d) {
        Destination[] grown = Arrays.copyOf(old, old.length + 1);
        grown[old.length] = d;
        return grown;
    }

    /** A host's entry for one client, method and port; at most as many as there are entries in {@code externals}. */
    private record Destination(String client, String method, int port, ExternalStats stats) {
    }

    /** Unusual methods are one bucket, so junk requests cannot create routes. */
    static String method(String method) {
        return method != null && METHODS.contains(method) ? method : "OTHER";
    }

    static String hostKey(String host, int port, String scheme) {
        String h = host == null ? "unknown" : host;
        int p = effectivePort(port, scheme);
        return p > 0 ? h + ':' + p : h;
    }

    /** The port, else the scheme's default, else 0. */
    private static int effectivePort(int port, String scheme) {
        if (port > 0) {
            return port;
        }
        if ("https".equalsIgnoreCase(scheme)) {
            return 443;
        }
        return "http".equalsIgnoreCase(scheme) ? 80 : 0;
    }

    /** By class name, so that clients the agent cannot see (or that are absent) are still recognised. */
    static boolean isTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            for (Class<?> k = c.getClass(); k != null; k = k.getSuperclass()) {
                String n = k.getName();
                if (n.equals("java.net.SocketTimeoutException") || n.equals("java.net.http.HttpTimeoutException")
                        || n.equals("java.util.concurrent.TimeoutException") || n.endsWith(".ConnectTimeoutException")
                        || n.endsWith(".InterruptedIOException") && "timeout".equals(c.getMessage())) {
                    return true;
                }
            }
        }
        return false;
    }

    static Throwable rootCause(Throwable t) {
        Throwable root = t;
        for (int i = 0; i < 16 && root.getCause() != null && root.getCause() != root; i++) {
            root = root.getCause();
        }
        return root;
    }
}
