package io.sreagent.core;

import io.sreagent.report.Finding;
import io.sreagent.report.Severity;
import io.sreagent.weave.Weaver;

import java.util.List;
import java.util.Locale;

/**
 * {@code weaving-failed}, info: classes one weaving matched but could not rewrite (an unexpected version
 * of a library, a class another agent changed first). Those classes run unchanged and what that weaving
 * observes in them is missing from every report; this says which, and why.
 */
final class WeavingFailedRule implements Rule {
    private final Weaver weaver;

    WeavingFailedRule(Weaver weaver) {
        this.weaver = weaver;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        for (Weaver.Status s : weaver.status()) {
            if (s.failures() == 0) {
                continue;
            }
            out.add(new Finding("weaving-failed", Severity.INFO, String.format(Locale.ROOT,
                    "weaving %s could not instrument %d class(es), first %s: what it observes there is not in this report",
                    s.name(), s.failures(), s.failedTargets().isEmpty() ? "?" : s.failedTargets().get(0)))
                    .subject(s.name())
                    .evidence("weaving", s.name())
                    .evidence("failures", s.failures())
                    .evidence("woven", s.woven())
                    .evidence("failedClasses", s.failedTargets())
                    .evidence("lastError", s.lastError())
                    .advice("Compare the library's version with the versions the README lists for this weaving; a newer or older release may have renamed what the agent hooks.")
                    .advice("Run with log.level=debug to see every class that failed and the full error, and report it with the library's version."));
        }
    }
}
