package io.sreagent.feature.fd.weaving;

import io.sreagent.bootstrap.FdHooks;
import net.bytebuddy.asm.Advice;

/** The advice every descriptor weaving uses: opened on a normal return of a constructor or factory, closed on entry to close(). */
final class FdAdvice {
    private FdAdvice() {
    }

    /** A constructor whose first argument is the file (a File, or a String path). */
    static final class OpenedWithPath {
        private OpenedWithPath() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object resource, @Advice.Argument(0) Object path) {
            FdHooks.opened(resource, path);
        }
    }

    /** A constructor of a socket. */
    static final class Opened {
        private Opened() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object resource) {
            FdHooks.opened(resource, null);
        }
    }

    /** A static factory whose first argument is the path ({@code FileChannel.open}). */
    static final class FactoryWithPath {
        private FactoryWithPath() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object resource, @Advice.Argument(0) Object path) {
            FdHooks.opened(resource, path);
        }
    }

    /** A static factory ({@code SocketChannel.open}). */
    static final class Factory {
        private Factory() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object resource) {
            FdHooks.opened(resource, null);
        }
    }

    static final class Closed {
        private Closed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object resource) {
            FdHooks.closed(resource);
        }
    }
}
