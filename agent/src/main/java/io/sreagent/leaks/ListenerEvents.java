package io.sreagent.leaks;

import io.sreagent.bootstrap.ListenerHooks;
import io.sreagent.telemetry.ListenerRegistry;

/** Receives the listener hooks; a class of its own for the same reason as {@link ThreadEvents}. */
final class ListenerEvents implements ListenerHooks.Handler {
    private final ListenerRegistry registry;

    ListenerEvents(ListenerRegistry registry) {
        this.registry = registry;
    }

    void install() {
        ListenerHooks.install(this);
    }

    static void uninstall() {
        ListenerHooks.install(null);
    }

    @Override
    public void added(Object target, Class<?> declaringType, Object[] arguments) {
        registry.added(target, declaringType, arguments);
    }

    @Override
    public void removed(Object target, Class<?> declaringType, Object[] arguments) {
        registry.removed(target, declaringType, arguments);
    }
}
