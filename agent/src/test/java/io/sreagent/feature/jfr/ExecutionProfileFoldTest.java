package io.sreagent.feature.jfr;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ExecutionProfileFoldTest {
    private static StackTraceElement f(String cls) {
        return new StackTraceElement(cls, "m", null, 1);
    }

    @Test
    void agentFramesOnApplicationThreadsBecomeOneFrame() {
        List<StackTraceElement> stack = List.of(f("io.sreagent.feature.http.HttpReceiver"), f("io.sreagent.bootstrap.HttpHooks"),
                f("com.example.shop.Orders"), f("java.lang.Thread"));
        List<StackTraceElement> folded = ExecutionProfile.foldAgentFrames(stack);
        assertEquals(3, folded.size());
        assertSame(ExecutionProfile.AGENT_FRAME, folded.get(0));
        assertEquals("com.example.shop.Orders", folded.get(1).getClassName());
        List<StackTraceElement> plain = List.of(f("com.example.A"), f("java.lang.Thread"));
        assertSame(plain, ExecutionProfile.foldAgentFrames(plain));
    }
}
