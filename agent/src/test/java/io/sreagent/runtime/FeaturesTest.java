package io.sreagent.runtime;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FeaturesTest {
    @Test
    void namesAreTheNamesOfTheFeaturesInOrder() {
        assertEquals(Features.names(), Features.all().stream().map(Feature::name).toList());
    }
}
