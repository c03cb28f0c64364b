package io.sreagent.it.apps;

import net.bytebuddy.ByteBuddy;
import net.bytebuddy.implementation.FixedValue;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static net.bytebuddy.matcher.ElementMatchers.named;

/**
 * An application that ships its own, older Byte Buddy, HdrHistogram and SLF4J with the JUL binding:
 * each must still be the application's own version when the agent runs beside it.
 */
public final class ConflictingLibrariesApp {
    public static void main(String[] args) throws Exception {
        Logger log = LoggerFactory.getLogger(ConflictingLibrariesApp.class);
        log.info("application logging through its own SLF4J binding");

        Object generated = new ByteBuddy().subclass(Object.class)
                .method(named("toString")).intercept(FixedValue.value("made by the app's Byte Buddy"))
                .make().load(ConflictingLibrariesApp.class.getClassLoader()).getLoaded()
                .getDeclaredConstructor().newInstance();

        Histogram h = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            h.recordValue(i);
        }
        System.out.println("bytebuddy=" + jarOf(ByteBuddy.class) + " says " + generated);
        System.out.println("hdrhistogram=" + jarOf(Histogram.class) + " p50=" + h.getValueAtPercentile(50));
        System.out.println("slf4j=" + jarOf(LoggerFactory.class) + " binding=" + LoggerFactory.getILoggerFactory().getClass().getName());
        System.out.println("conflict-app ready");
        Thread.sleep(Long.MAX_VALUE);
    }

    private static String jarOf(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation().getPath();
    }
}
