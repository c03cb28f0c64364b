package io.sreagent.support;

import com.sun.management.UnixOperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/** Open file descriptors of this process and their limit; unavailable (-1) off Unix. */
public final class OpenFiles {
    private OpenFiles() {
    }

    private static UnixOperatingSystemMXBean unix() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof UnixOperatingSystemMXBean u ? u : null;
    }

    public static boolean supported() {
        return unix() != null;
    }

    public static long open() {
        UnixOperatingSystemMXBean u = unix();
        return u == null ? -1 : u.getOpenFileDescriptorCount();
    }

    public static long max() {
        UnixOperatingSystemMXBean u = unix();
        return u == null ? -1 : u.getMaxFileDescriptorCount();
    }
}
