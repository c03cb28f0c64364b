package io.sreagent.support;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class WeakIdentityMapTest {
    @Test
    void weakIdentityMapComparesByIdentityAndIsBounded() {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>(2);
        String a = new String("same");
        String b = new String("same");
        assertEquals("a", map.computeIfAbsent(a, k -> "a"));
        assertEquals("b", map.computeIfAbsent(b, k -> "b"), "equal but not identical: its own entry");
        assertEquals("a", map.get(a));
        assertNull(map.computeIfAbsent(new Object(), k -> "c"), "full");
        assertEquals(1, map.dropped());
        assertEquals("a", map.remove(a));
        assertEquals(1, map.size());
    }
}
