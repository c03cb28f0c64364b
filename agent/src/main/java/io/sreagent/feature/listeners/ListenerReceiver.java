package io.sreagent.feature.listeners;

import io.sreagent.bootstrap.ListenerHooks;

/** Receives the listener hooks and files them into the registry. */
final class ListenerReceiver implements ListenerHooks.Receiver {
    private final ListenerRegistry registry;

    ListenerReceiver(ListenerRegistry registry) {
        this.registry = registry;
    }

    void install() {
        ListenerHooks.install(this);
    }

    static void uninstall() {
        ListenerHooks.uninstall();
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
