package io.sreagent.feature.fd;

import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.Feature;
import io.sreagent.core.Rule;
import io.sreagent.feature.fd.weaving.ChannelCloseWeaving;
import io.sreagent.feature.fd.weaving.FileChannelOpenWeaving;
import io.sreagent.feature.fd.weaving.FileInputStreamWeaving;
import io.sreagent.feature.fd.weaving.FileOutputStreamWeaving;
import io.sreagent.feature.fd.weaving.RandomAccessFileWeaving;
import io.sreagent.feature.fd.weaving.ServerSocketWeaving;
import io.sreagent.feature.fd.weaving.SocketChannelOpenWeaving;
import io.sreagent.feature.fd.weaving.SocketWeaving;
import io.sreagent.support.AgentLog;
import io.sreagent.support.OpenFiles;
import io.sreagent.support.SampleWindow;
import io.sreagent.weave.Weaving;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * File descriptors: the streams, files, channels and sockets the application opens and does not close,
 * by opening site, and the process's open descriptor count sampled every evaluation (Unix only), for
 * the fd-leak rules.
 */
public final class FdFeature implements Feature {
    /** Opening sites listed in the report's metrics; the rest are counted. */
    static final int METRICS_LISTED = 20;

    private SampleWindow openWindow;
    private OpenResources resources;
    private Duration age;
    private Duration window;
    private List<Rule> rules = List.of();

    @Override
    public String name() {
        return "fd";
    }

    @Override
    public List<Option<?>> options() {
        return FdOptions.ALL;
    }

    @Override
    public List<Weaving> weavings() {
        return List.of(new FileInputStreamWeaving(), new FileOutputStreamWeaving(), new RandomAccessFileWeaving(),
                new FileChannelOpenWeaving(), new SocketWeaving(), new ServerSocketWeaving(),
                new SocketChannelOpenWeaving(), new ChannelCloseWeaving());
    }

    @Override
    public void start(AgentContext context) {
        Duration every = context.config().get(CoreOptions.EVALUATE_INTERVAL);
        age = context.config().get(FdOptions.AGE);
        window = context.config().get(CoreOptions.WINDOW);
        resources = new OpenResources(context.sites(), SampleWindow.capacityFor(window, every));
        List<Rule> all = new ArrayList<>();
        all.add(new FdSiteRule(resources::sites, context.config().get(FdOptions.UNCLOSED), age, window, OpenFiles::max));
        if (OpenFiles.supported()) {
            Duration countWindow = context.config().get(FdOptions.WINDOW);
            openWindow = new SampleWindow(SampleWindow.capacityFor(countWindow, every));
            all.add(new FdCountRule(openWindow, context.config().get(FdOptions.GROWTH), countWindow,
                    context.config().get(FdOptions.TIME_TO_LIMIT), OpenFiles::max, resources::sites));
        } else {
            AgentLog.get().info("file descriptor counts are not available on this OS; fd-leak judges opening sites only");
        }
        rules = List.copyOf(all);
        new FdReceiver(resources).install();
    }

    @Override
    public void sample(long nowMillis) {
        if (resources != null) {
            resources.sample(nowMillis, age.toMillis(), window.toMillis());
        }
        if (openWindow != null) {
            openWindow.add(nowMillis, OpenFiles.open());
        }
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        if (resources == null) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>(); // the process's count and limit are metrics.fileDescriptors
        m.put("tracked", resources.tracked());
        List<OpenResources.SiteResources> sites = new ArrayList<>(resources.sites());
        sites.sort(Comparator.comparingLong(OpenResources.SiteResources::openNow)
                .thenComparingLong(OpenResources.SiteResources::opened).reversed());
        List<Map<String, Object>> listed = new ArrayList<>();
        for (OpenResources.SiteResources s : sites.subList(0, Math.min(METRICS_LISTED, sites.size()))) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("site", s.key().site().toString());
            e.put("kind", s.key().kind().label());
            e.put("opened", s.opened());
            e.put("closed", s.closed());
            e.put("open", s.openNow());
            e.put("heldPastAge", s.heldPastAge());
            e.put("collectedWithoutClose", s.collectedUnclosed());
            e.put("siteInferred", s.siteInferred());
            listed.add(e);
        }
        m.put("openingSites", listed);
        m.put("openingSitesNotListed", sites.size() - listed.size());
        m.put("dropped", resources.dropped());
        metrics.put("fd", m);
    }

    @Override
    public void stop() {
        FdReceiver.uninstall();
    }
}
