package io.sreagent.feature.memory;

import io.sreagent.support.StackSites;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SurvivorSitesTest {
    private final SurvivorSites sites = new SurvivorSites(new StackSites(List.of("com.acme"), List.of(), io.sreagent.support.ApplicationCode.none()));

    static SurvivorSites.Sample sample(String type, String appClass, int line) {
        return new SurvivorSites.Sample(type, new StackTraceElement[]{
                new StackTraceElement("java.util.ArrayList", "add", "ArrayList.java", 10),
                new StackTraceElement(appClass, "handle", SurvivorSites.sourceFile(appClass), line)});
    }

    @Test
    void theSiteHoldingMostSurvivorsOfTheGrownClassesWins() {
        List<SurvivorSites.Sample> samples = List.of(
                sample("[B", "com.acme.Audit", 42), sample("[B", "com.acme.Audit", 42),
                sample("java.lang.String", "com.acme.Boot", 7), sample("java.lang.String", "com.acme.Boot", 7),
                sample("java.lang.String", "com.acme.Boot", 7));
        SurvivorSites.Found any = sites.pick(samples, Set.of());
        assertEquals("com.acme.Boot", any.site().className(), "no histogram: the most samples");
        SurvivorSites.Found grown = sites.pick(samples, Set.of("[B"));
        assertEquals("com.acme.Audit", grown.site().className());
        assertEquals("Audit.java", grown.site().file());
        assertEquals(42, grown.site().line());
        assertEquals(2, grown.atSite());
        assertEquals(5, grown.samples());
    }

    @Test
    void noSamplesOrNoApplicationFrameGiveANote() {
        assertNull(sites.pick(List.of(), Set.of()).site());
        assertNull(sites.pick(List.of(new SurvivorSites.Sample("[B", new StackTraceElement[0])), Set.of()).site());
    }

    @Test
    void theSourceFileIsTheTopLevelClassName() {
        assertEquals("Leak.java", SurvivorSites.sourceFile("com.example.Leak$Entry$1"));
        assertEquals("Main.java", SurvivorSites.sourceFile("Main"));
    }
}
