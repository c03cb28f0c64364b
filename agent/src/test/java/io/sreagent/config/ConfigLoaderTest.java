package io.sreagent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    /** A feature's own key, as features declare theirs. */
    private static final Option<Double> HEAP_THRESHOLD = Option.percentage("heap.threshold", "80", 1, 100, "pressure");
    private final ConfigLoader loader = new ConfigLoader(options());

    private static List<Option<?>> options() {
        List<Option<?>> all = new ArrayList<>(CoreOptions.ALL);
        all.add(HEAP_THRESHOLD);
        all.addAll(CoreOptions.switches(List.of("deadlock", "heap")));
        return all;
    }

    @Test
    void defaultsApplyWhenNothingIsSet() throws Exception {
        Config c = loader.load(null, Map.of(), Map.of());
        assertEquals(Duration.ofMinutes(5), c.get(CoreOptions.REPORT_INTERVAL));
        assertEquals(List.of("json", "text"), c.get(CoreOptions.REPORT_FORMATS));
        assertEquals(20, c.get(CoreOptions.REPORT_KEEP));
        assertTrue(c.get(CoreOptions.TRIGGER_THRESHOLD));
        assertEquals(80.0, c.get(HEAP_THRESHOLD));
        assertTrue(c.featureEnabled("deadlock"));
        assertTrue(c.reportDir().endsWith("sre-agent"));
        assertTrue(c.explicitSources().isEmpty());
    }

    @Test
    void precedenceIsArgumentsThenSystemPropertiesThenEnvironmentThenFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "report.keep=1\nreport.interval=1m\ntrigger.cooldown=1m\nlog.level=debug\n");
        Config c = loader.load("report.keep=4,config=" + file,
                Map.of("sre.report.keep", "3", "sre.report.interval", "2m", "unrelated", "x"),
                Map.of("SRE_REPORT_KEEP", "2", "SRE_REPORT_INTERVAL", "3m", "SRE_TRIGGER_COOLDOWN", "3m"));
        assertEquals(4, c.get(CoreOptions.REPORT_KEEP));
        assertEquals(Duration.ofMinutes(2), c.get(CoreOptions.REPORT_INTERVAL));
        assertEquals(Duration.ofMinutes(3), c.get(CoreOptions.TRIGGER_COOLDOWN));
        assertEquals("debug", c.get(CoreOptions.LOG_LEVEL));
        assertEquals("4 (agent argument)", c.explicitSources().get(CoreOptions.REPORT_KEEP.key()));
        assertEquals("debug (file " + file + ")", c.explicitSources().get(CoreOptions.LOG_LEVEL.key()));
    }

    @Test
    void listValuesMayUseCommasInsideAgentArguments() throws Exception {
        Config c = loader.load("report.formats=text,json,report.keep=7", Map.of(), Map.of());
        assertEquals(List.of("text", "json"), c.get(CoreOptions.REPORT_FORMATS));
        assertEquals(7, c.get(CoreOptions.REPORT_KEEP));
    }

    @Test
    void offDisablesPeriodicReportsAndFeatures() throws Exception {
        Config c = loader.load("report.interval=off,instrument.heap=off", Map.of(), Map.of());
        assertNull(c.durationOrNull(CoreOptions.REPORT_INTERVAL));
        assertFalse(c.featureEnabled("heap"));
        assertTrue(c.featureEnabled("deadlock"));
    }

    @Test
    void unknownKeyNamesTheKeyAndTheKnownOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load("report.keeep=3", Map.of(), Map.of()));
        assertTrue(e.getMessage().startsWith("unknown option 'report.keeep' (agent argument)"), e.getMessage());
        assertTrue(e.getMessage().contains("report.keep"));
        assertThrows(ConfigException.class, () -> loader.load(null, Map.of("sre.nonsense", "1"), Map.of()));
        assertThrows(ConfigException.class, () -> loader.load("instrument.nope=off", Map.of(), Map.of()));
    }

    @Test
    void badValuesSayWhatIsAccepted() {
        assertEquals("option 'report.interval' has a bad value '10': expected a duration such as 30s, 5m, 1h, or off",
                assertThrows(ConfigException.class, () -> loader.load("report.interval=10", Map.of(), Map.of())).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> loader.load("report.keep=0", Map.of(), Map.of()))
                .getMessage().contains("a whole number from 1 to 10000"));
        assertTrue(assertThrows(ConfigException.class, () -> loader.load("evaluate.interval=10ms", Map.of(), Map.of()))
                .getMessage().contains("from 100ms to 1h"));
        assertTrue(assertThrows(ConfigException.class, () -> loader.load("report.formats=xml", Map.of(), Map.of()))
                .getMessage().contains("json, text or both"));
        assertTrue(assertThrows(ConfigException.class, () -> loader.load("trigger.threshold=maybe", Map.of(), Map.of()))
                .getMessage().contains("on or off"));
        assertTrue(assertThrows(ConfigException.class, () -> loader.load("keep", Map.of(), Map.of()))
                .getMessage().contains("not key=value"));
        assertTrue(assertThrows(ConfigException.class, () -> loader.load(null, Map.of(), Map.of("SRE_HEAP_THRESHOLD", "120")))
                .getMessage().contains("'heap.threshold'"));
    }

    @Test
    void unknownEnvironmentVariablesAreOnlyWarnedAbout() throws Exception {
        loader.load(null, Map.of(), Map.of("SRE_TEAM", "payments"));
        assertEquals(List.of("ignoring environment variable SRE_TEAM: not an sre-agent option"), loader.warnings());
    }

    @Test
    void unreadableFileIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.load("config=/no/such/file", Map.of(), Map.of()));
        assertTrue(e.getMessage().startsWith("option 'config' names '/no/such/file'"), e.getMessage());
    }
}
