package io.sreagent.feature.memory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassHistogramTest {

    static String histogram(long entries, long entryBytes) {
        return String.join("\n",
                " num     #instances         #bytes  class name (module)",
                "-------------------------------------------------------",
                "   1:         1000        5000000  [B (java.base@17.0.15)",
                "   2:      " + entries + "      " + entryBytes + "  com.acme.Cache$Entry",
                "   3:           10            240  java.lang.Long (java.base@17.0.15)",
                "Total         2010        5000240");
    }

    @Test
    void theClassesThatGrewMostComeFirst() {
        ClassHistogram before = ClassHistogram.parse(0, histogram(100, 2400));
        ClassHistogram after = ClassHistogram.parse(60_000, histogram(5100, 122_400));
        List<ClassHistogram.Growth> grown = after.grownSince(before, 10);
        assertEquals(1, grown.size(), "unchanged classes are not growth");
        ClassHistogram.Growth g = grown.get(0);
        assertEquals("com.acme.Cache$Entry", g.className());
        assertEquals(5000, g.instancesAdded());
        assertEquals(120_000, g.bytesAdded());
        assertEquals(5100, g.instancesNow());
    }

    @Test
    void theAgentsOwnClassesAndTheLibrariesShadedIntoItAreNotGrowth() {
        String before = String.join("\n",
                "   1:           10            240  com.acme.Cache$Entry",
                "   2:           10            240  io.sreagent.support.SampleWindow",
                "   3:           10            240  io.sreagent.shaded.hdrhistogram.Histogram",
                "   4:           10            240  [Lio.sreagent.report.Finding;",
                "   5:           10            240  [[Lio.sreagent.report.Site;");
        String after = String.join("\n",
                "   1:          110           2640  com.acme.Cache$Entry",
                "   2:          110           2640  io.sreagent.support.SampleWindow",
                "   3:          110           2640  io.sreagent.shaded.hdrhistogram.Histogram",
                "   4:          110           2640  [Lio.sreagent.report.Finding;",
                "   5:          110           2640  [[Lio.sreagent.report.Site;",
                "   6:          100           2400  io.sreagent.feature.memory.MemoryGrowthFeature$$Lambda/0x0000000800c01234",
                "   7:          100           1600  [Lcom.acme.Cache$Entry;",
                "   8:          100            800  io.sreagentish.Other");
        List<String> grown = ClassHistogram.parse(60_000, after).grownSince(ClassHistogram.parse(0, before), 10)
                .stream().map(ClassHistogram.Growth::className).toList();
        assertEquals(List.of("com.acme.Cache$Entry", "[Lcom.acme.Cache$Entry;", "io.sreagentish.Other"), grown);
    }

    @Test
    void realHistogramOfThisJvmParses() throws Exception {
        ClassHistogram h = ClassHistogram.take(1);
        assertTrue(h.grownSince(ClassHistogram.parse(0, ""), 5).size() == 5, "a live JVM has many classes");
    }
}
