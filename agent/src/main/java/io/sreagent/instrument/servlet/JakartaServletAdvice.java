package io.sreagent.instrument.servlet;

import io.sreagent.bootstrap.HttpHooks;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.asm.Advice;

/** Inlined into jakarta.servlet servlets and filter chains; see {@link ServletWeaving}. */
public final class JakartaServletAdvice {
    /** Spring MVC stores the matched route template here; other frameworks leave it unset. */
    static final String SPRING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    private JakartaServletAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return HttpHooks.inboundEnter();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter long start, @Advice.Argument(0) Object request, @Advice.Argument(1) Object response,
                     @Advice.Thrown Throwable thrown) {
        long nanos = HttpHooks.inboundLeave(start);
        if (nanos >= 0 && request instanceof HttpServletRequest && response instanceof HttpServletResponse) {
            HttpServletRequest req = (HttpServletRequest) request;
            // An async handler's response is finished later, on another thread: only mark it.
            HttpHooks.inboundRecord(nanos, "servlet", req.getMethod(), req.getRequestURI(),
                    req.getAttribute(SPRING_PATTERN), ((HttpServletResponse) response).getStatus(), thrown,
                    req.isAsyncStarted(), req.getDispatcherType() == DispatcherType.REQUEST);
        }
    }
}
