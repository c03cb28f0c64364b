package io.sreagent.feature.http;

import io.sreagent.report.Site;
import io.sreagent.support.LatencyRecorder;
import io.sreagent.support.Tally;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Outbound calls to one host with one method: latency (microseconds), status classes, 429s,
 * time-outs and other I/O errors, calls made without time-outs, and sampled call sites.
 */
public final class ExternalStats {
    static final int SITES = 5;
    static final int ERROR_TYPES = 8;

    private final String method;
    private final String host;
    private final String client;
    private final LatencyRecorder micros = new LatencyRecorder();
    private final LongAdder[] statusClasses = newAdders(6);
    private final LongAdder tooManyRequests = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder ioErrors = new LongAdder();
    private final LongAdder withoutConnectTimeout = new LongAdder();
    private final LongAdder withoutReadTimeout = new LongAdder();
    private final LongAdder async = new LongAdder();
    private final Tally<String> errorTypes = new Tally<>(ERROR_TYPES);
    private final Tally<Site> sites = new Tally<>(SITES);
    private final Tally<Site> sitesWithoutTimeout = new Tally<>(SITES);
    private final Tally<Site> sitesRateLimited = new Tally<>(SITES);
    private final Tally<Site> sitesFailed = new Tally<>(SITES);

    public ExternalStats(String method, String host, String client) {
        this.method = method;
        this.host = host;
        this.client = client;
    }

    /**
     * @param status  the response status, -1 when none arrived
     * @param failure the exception type name when the call failed without a response, else null
     * @param timeout whether that failure was a time-out
     * @param site    the application frame that made the call, when sampled
     */
    public void record(int status, long nanos, String failure, boolean timeout, boolean connectTimeoutSet,
                       boolean readTimeoutSet, boolean isAsync, Site site) {
        micros.record(nanos / 1000);
        statusClasses[status >= 100 && status < 600 ? status / 100 : 0].increment();
        if (status == 429) {
            tooManyRequests.increment();
        }
        if (failure != null) {
            (timeout ? timeouts : ioErrors).increment();
            errorTypes.add(failure, 1, site);
        }
        if (!connectTimeoutSet) {
            withoutConnectTimeout.increment();
        }
        if (!readTimeoutSet) {
            withoutReadTimeout.increment();
        }
        if (isAsync) {
            async.increment();
        }
        if (site != null) {
            sites.add(site, 1);
            if (!connectTimeoutSet || !readTimeoutSet) {
                sitesWithoutTimeout.add(site, 1);
            }
            if (status == 429) {
                sitesRateLimited.add(site, 1);
            }
            if (failure != null || status >= 500) {
                sitesFailed.add(site, 1);
            }
        }
    }

    public String method() {
        return method;
    }

    public String host() {
        return host;
    }

    public String client() {
        return client;
    }

    public long count() {
        return micros.count();
    }

    public long[] percentilesMicros(double... percentiles) {
        return micros.percentiles(percentiles);
    }

    public long tooManyRequests() {
        return tooManyRequests.sum();
    }

    public long serverErrors() {
        return statusClasses[5].sum();
    }

    public long timeouts() {
        return timeouts.sum();
    }

    public long ioErrors() {
        return ioErrors.sum();
    }

    public long withoutConnectTimeout() {
        return withoutConnectTimeout.sum();
    }

    public long withoutReadTimeout() {
        return withoutReadTimeout.sum();
    }

    public Tally<String> errorTypes() {
        return errorTypes;
    }

    /** The call site seen most often, or null when none was sampled. */
    public Site topSite() {
        return top(sites);
    }

    /** The most frequent site of calls made without a time-out, or null. */
    public Site topSiteWithoutTimeout() {
        return top(sitesWithoutTimeout);
    }

    /** The most frequent site of calls answered 429, else of any call, or null. */
    public Site topSiteRateLimited() {
        Site s = top(sitesRateLimited);
        return s != null ? s : topSite();
    }

    /** The most frequent site of failed calls (5xx, time-outs, I/O errors), else of any call, or null. */
    public Site topSiteFailed() {
        Site s = top(sitesFailed);
        return s != null ? s : topSite();
    }

    private static Site top(Tally<Site> tally) {
        return tally.topKey();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", method);
        m.put("host", host);
        m.put("client", client);
        m.put("calls", count());
        m.put("latency", micros.summary("Micros"));
        Map<String, Object> status = new LinkedHashMap<>();
        String[] names = {"noResponse", "1xx", "2xx", "3xx", "4xx", "5xx"};
        for (int i = 0; i < names.length; i++) {
            long n = statusClasses[i].sum();
            if (n > 0) {
                status.put(names[i], n);
            }
        }
        m.put("status", status);
        m.put("status429", tooManyRequests());
        m.put("timeouts", timeouts());
        m.put("ioErrors", ioErrors());
        m.put("withoutConnectTimeout", withoutConnectTimeout());
        m.put("withoutReadTimeout", withoutReadTimeout());
        m.put("async", async.sum());
        if (!errorTypes.isEmpty()) {
            m.put("errorTypes", errorTypes.asMap(ERROR_TYPES));
        }
        if (!sites.isEmpty()) {
            m.put("sites", sites.asMap(SITES));
        }
        return m;
    }

    private static LongAdder[] newAdders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }
}
