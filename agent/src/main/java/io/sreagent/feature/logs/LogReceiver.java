package io.sreagent.feature.logs;

import io.sreagent.bootstrap.LogHooks;

import java.util.concurrent.atomic.LongAdder;

/** Receives the error events the logging advice passes and files them; never throws. */
final class LogReceiver implements LogHooks.Receiver {
    private final LoggedErrors errors;
    private final LongAdder internalErrors = new LongAdder();

    LogReceiver(LoggedErrors errors) {
        this.errors = errors;
    }

    void install() {
        LogHooks.install(this);
    }

    static void uninstall() {
        LogHooks.uninstall();
    }

    @Override
    public void error(String framework, String logger, String pattern, Throwable thrown) {
        try {
            errors.record(framework, logger, pattern, thrown, System.currentTimeMillis());
        } catch (Throwable t) {
            internalErrors.increment();
        }
    }

    long internalErrors() {
        return internalErrors.sum();
    }
}
