package io.sreagent.it.apps;

import java.util.ArrayList;
import java.util.List;

/**
 * Holds on to about 85 % of its heap and keeps allocating short-lived garbage, so collections run
 * often and free little: sustained heap pressure.
 */
public final class HeapHogApp {
    private static final List<byte[]> RETAINED = new ArrayList<>();
    static volatile Object sink;

    public static void main(String[] args) throws Exception {
        // Small chunks: large ones would waste part of every G1 region and hold less than they seem to.
        int chunk = 16 * 1024;
        long target = (long) (Runtime.getRuntime().maxMemory() * 0.85);
        for (long retained = 0; retained < target; retained += chunk) {
            RETAINED.add(new byte[chunk]);
        }
        System.out.println("heap-hog ready, retained MB=" + (long) RETAINED.size() * chunk / (1 << 20));
        long end = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < end) {
            for (int i = 0; i < 50; i++) {
                sink = new byte[64 * 1024];
            }
            Thread.sleep(5);
        }
    }
}
