package io.sreagent.feature.jfr;

import io.sreagent.support.SampleWindow;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LastMinuteTest {

    @Test
    void theMeanOfTheLastMinutesSamplesAndZeroWithoutAny() {
        SampleWindow w = new SampleWindow(8);
        w.add(1_000, 90);
        w.add(70_000, 10);
        w.add(80_000, 30);

        assertEquals(20.0, w.since(LastMinute.start(100_000)).mean(), "the reading at 1 s is over a minute old");
        assertEquals(0.0, w.since(LastMinute.start(200_000)).mean());
    }
}
