package io.sreagent.feature.jfr;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CulpritTest {

    static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, null, 1);
    }

    @Test
    void regexFramesNearTheTopAreBacktracking() {
        assertEquals(Culprit.REGEX, Culprit.of(List.of(frame("java.util.regex.Pattern$Loop", "match"),
                frame("java.util.regex.Matcher", "matches"), frame("com.acme.Codes", "check"))));
    }

    @Test
    void jsonConcatenationAndReflectionAreRecognised() {
        assertEquals(Culprit.JSON, Culprit.of(List.of(frame("java.lang.String", "charAt"),
                frame("com.fasterxml.jackson.core.json.ReaderBasedJsonParser", "nextToken"))));
        assertEquals(Culprit.STRING_CONCAT, Culprit.of(List.of(frame("java.util.Arrays", "copyOf"),
                frame("java.lang.AbstractStringBuilder", "ensureCapacityInternal"), frame("com.acme.Csv", "render"))));
        assertEquals(Culprit.REFLECTION, Culprit.of(List.of(frame("java.lang.Class", "getDeclaredMethods"),
                frame("com.acme.Mapper", "map"))));
    }

    @Test
    void ownCodeAndDeepLibraryFramesAreNoCulprit() {
        assertNull(Culprit.of(List.of(frame("com.acme.Prices", "sum"), frame("java.lang.Thread", "run"))));
        List<StackTraceElement> deep = new java.util.ArrayList<>();
        for (int i = 0; i < Culprit.DEPTH; i++) {
            deep.add(frame("com.acme.Work", "step" + i));
        }
        deep.add(frame("java.util.regex.Pattern", "matcher"));
        assertNull(Culprit.of(deep), "a regex far below the running frame is not what burns the CPU");
    }
}
