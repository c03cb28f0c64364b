package io.sreagent.feature.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapAfterGcTest {

    @Test
    void everyReaderSeesEveryCollectionWithItsOwnTake() throws Exception {
        HeapAfterGc.Reader a = HeapAfterGc.open();
        HeapAfterGc.Reader b = HeapAfterGc.open();
        try {
            long before = a.collections();
            System.gc();
            for (int i = 0; i < 200 && a.collections() == before; i++) {
                Thread.sleep(50); // notifications arrive on the JVM's service thread
            }
            assertTrue(a.collections() > before, "a GC notification arrived");
            assertEquals(a.collections(), b.collections(), "one listener feeds both readers");
            long takenByA = a.take();
            assertTrue(takenByA > 0);
            assertTrue(b.take() > 0, "a's take does not consume b's lowest value");
            assertEquals(a.lastUsed(), b.lastUsed());
        } finally {
            a.close();
            b.close();
        }
    }
}
