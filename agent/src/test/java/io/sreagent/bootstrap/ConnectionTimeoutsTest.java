package io.sreagent.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The read time-out handed from a connection to the advice that records the call. */
class ConnectionTimeoutsTest {

    @AfterEach
    void uninstall() {
        HttpHooks.uninstall();
        ConnectionTimeouts.takeReadSet();
    }

    @Test
    void theLastConnectionOfTheCallDecidesAndIsForgottenOnceRead() {
        HttpHooks.install(new HookCarriers.QuietReceiver());
        ConnectionTimeouts.noteRead(5000);     // first attempt
        ConnectionTimeouts.noteRead(0);        // redirect followed on a connection without one
        assertFalse(ConnectionTimeouts.takeReadSet());
        assertTrue(ConnectionTimeouts.takeReadSet(), "a call that reached no connection could not wait for an answer");
    }

    @Test
    void nothingIsKeptWithoutAListener() {
        ConnectionTimeouts.noteRead(0);
        assertTrue(ConnectionTimeouts.takeReadSet());
    }
}
