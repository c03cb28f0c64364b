package io.sreagent.feature.fd;

import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.Feature;
import io.sreagent.core.Rule;
import io.sreagent.support.AgentLog;
import io.sreagent.support.OpenFiles;
import io.sreagent.support.SampleWindow;

import java.time.Duration;
import java.util.List;

/** Open file descriptors sampled every evaluation (Unix only) for the fd-leak rule. */
public final class FdFeature implements Feature {
    private SampleWindow openWindow;
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
    public void start(AgentContext context) {
        if (!OpenFiles.supported()) {
            AgentLog.get().info("file descriptor counts are not available on this OS; fd-leak is off");
            return;
        }
        Duration window = context.config().get(FdOptions.WINDOW);
        openWindow = new SampleWindow(SampleWindow.capacityFor(window, context.config().get(CoreOptions.EVALUATE_INTERVAL)));
        rules = List.of(new FdLeakRule(openWindow, context.config().get(FdOptions.GROWTH), window, OpenFiles::max));
    }

    @Override
    public void sample(long nowMillis) {
        if (openWindow != null) {
            openWindow.add(nowMillis, OpenFiles.open());
        }
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }
}
