package io.sreagent.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NamePatternTest {

    @Test
    void lambdaFramesLoseTheirPerRunAddresses() {
        assertEquals("app//com.acme.Orders$$Lambda.run(Unknown Source)",
                NamePattern.frame("app//com.acme.Orders$$Lambda$403/0x0000000800c0b448.run(Unknown Source)"));
        assertEquals("com.acme.Orders$$Lambda.get(Unknown Source)",
                NamePattern.frame("com.acme.Orders$$Lambda/0x00007f1e3c006690.get(Unknown Source)"));
        assertEquals("com.acme.Orders$$Lambda", NamePattern.className("com.acme.Orders$$Lambda$403+0x00007f5c504237c8.1528621989"));
        assertEquals("com.acme.Orders.load(Orders.java:12)", NamePattern.frame("com.acme.Orders.load(Orders.java:12)"));
    }
}
