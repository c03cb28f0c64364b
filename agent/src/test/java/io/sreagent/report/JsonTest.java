package io.sreagent.report;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {
    @Test
    void writesNestedValuesWithEscapesAndStableOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\nd\u0001");
        m.put("n", 42L);
        m.put("d", 1.23456);
        m.put("nan", Double.NaN);
        m.put("b", true);
        m.put("null", null);
        m.put("list", List.of(1, "x"));
        m.put("empty", Map.of());
        assertEquals("""
                {
                  "s": "a\\"b\\\\c\\nd\\u0001",
                  "n": 42,
                  "d": 1.235,
                  "nan": null,
                  "b": true,
                  "null": null,
                  "list": [
                    1,
                    "x"
                  ],
                  "empty": {}
                }
                """, Json.write(m));
    }
}
