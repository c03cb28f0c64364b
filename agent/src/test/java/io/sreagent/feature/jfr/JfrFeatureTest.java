package io.sreagent.feature.jfr;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JfrFeatureTest {

    @Test
    void anEventThisJvmLacksIsNotedAndSkippedNotAnError() {
        JfrFeature f = new JfrFeature();
        f.enable(Set.of("jdk.CPULoad"), "jdk.FutureEvent", "future figures",
                s -> { throw new AssertionError("must not configure a missing event"); },
                e -> { throw new AssertionError("must not listen to a missing event"); });
        assertEquals(Map.of("jdk.FutureEvent", "future figures not available on Java " + Runtime.version().feature()), f.unavailable());
    }
}
