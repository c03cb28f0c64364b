package io.sreagent.feature.logs;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessagePatternsTest {

    @Test
    void placeholdersStayAndConcatenatedValuesAreMasked() {
        assertEquals("order {} failed after {} tries", MessagePatterns.normalise("order {} failed after {} tries"));
        assertEquals("coupon {0} could not be applied", MessagePatterns.normalise("coupon {0} could not be applied"));
        assertEquals("order # failed for '?' in 2 tries", MessagePatterns.normalise("order 123456 failed for 'alice@example.com' in 2 tries"));
        assertEquals("user \"?\" locked", MessagePatterns.normalise("user \"bob\" locked"));
        assertEquals("first line", MessagePatterns.normalise("first line\nsecret second line"));
        assertEquals("", MessagePatterns.normalise(null));
        String longText = "x".repeat(500);
        String cut = MessagePatterns.normalise(longText);
        assertTrue(cut.length() <= MessagePatterns.MAX_LENGTH + 1 && cut.endsWith("…"), cut);
    }
}
