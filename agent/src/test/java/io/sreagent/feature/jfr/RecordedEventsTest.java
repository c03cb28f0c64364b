package io.sreagent.feature.jfr;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordedEventsTest {

    @Test
    void theAgentsThreadsAndJfrsOwnAreLeftOut() {
        assertTrue(RecordedEvents.ignored("sre-agent-jfr"));
        assertTrue(RecordedEvents.ignored("JFR Periodic Tasks"));
        assertFalse(RecordedEvents.ignored("http-worker-3"));
        assertFalse(RecordedEvents.ignored("JFRish-app-thread"), "only JFR's own names, with their space");
        assertFalse(RecordedEvents.ignored((String) null), "a thread without a Java name is not ours");
    }
}
