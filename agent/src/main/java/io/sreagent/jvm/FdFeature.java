package io.sreagent.jvm;

import io.sreagent.config.Options;
import io.sreagent.diagnose.FdLeakRule;
import io.sreagent.diagnose.Rule;
import io.sreagent.log.AgentLog;
import io.sreagent.runtime.AgentContext;
import io.sreagent.runtime.Feature;
import io.sreagent.telemetry.OpenFiles;
import io.sreagent.telemetry.SampleWindow;

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
    public void start(AgentContext context) {
        if (!OpenFiles.supported()) {
            AgentLog.get().info("file descriptor counts are not available on this OS; fd-leak is off");
            return;
        }
        Duration window = context.config().duration(Options.FD_WINDOW);
        openWindow = new SampleWindow(HeapFeature.capacity(window, context.config().duration(Options.EVALUATE_INTERVAL)));
        rules = List.of(new FdLeakRule(openWindow, context.config().integer(Options.FD_GROWTH), window, OpenFiles::max));
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
