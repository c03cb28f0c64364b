package io.sreagent;

import io.sreagent.config.Option;
import io.sreagent.core.Feature;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeaturesTest {
    @Test
    void everyFeatureHasItsSwitchAndNoKeyIsDeclaredTwice() {
        List<Feature> features = Features.all();
        List<String> keys = Features.options(features).stream().map(Option::key).toList();
        assertEquals(keys.size(), Set.copyOf(keys).size(), keys.toString());
        for (String name : Features.names(features)) {
            assertTrue(keys.contains("instrument." + name), name);
        }
    }
}
