package io.sreagent.feature.fd;

import io.sreagent.bootstrap.FdHooks;

/** Receives the descriptor hooks and files them into the open resources. */
final class FdReceiver implements FdHooks.Receiver {
    private final OpenResources resources;

    FdReceiver(OpenResources resources) {
        this.resources = resources;
    }

    void install() {
        FdHooks.install(this);
    }

    static void uninstall() {
        FdHooks.uninstall();
    }

    @Override
    public void opened(Object resource, Object path) {
        resources.opened(resource, path);
    }

    @Override
    public void closed(Object resource) {
        resources.closed(resource);
    }
}
