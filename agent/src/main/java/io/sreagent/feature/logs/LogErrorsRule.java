package io.sreagent.feature.logs;

import io.sreagent.core.Rule;
import io.sreagent.report.Finding;
import io.sreagent.report.Format;
import io.sreagent.report.Severity;
import io.sreagent.report.Site;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code log-errors}: one logger logged one exception type at ERROR more than {@code perMinute} times a
 * minute over the recent window, or logged an exception type it had not logged before, once the
 * warm-up is over. Catches the failures an application swallows and answers 200 for, that no status
 * code shows. Site: where the exception was thrown; {@code loggedAt}: where it was logged.
 */
public final class LogErrorsRule implements Rule {
    static final int LISTED = 5;

    private final Supplier<? extends Iterable<LoggedErrors.Entry>> entries;
    private final int perMinute;
    private final Duration window;
    private final long newAfterMillis;

    /** {@code newAfterMillis}: a subject first seen at or after this time is new. */
    public LogErrorsRule(Supplier<? extends Iterable<LoggedErrors.Entry>> entries, int perMinute, Duration window, long newAfterMillis) {
        this.entries = entries;
        this.perMinute = perMinute;
        this.window = window;
        this.newAfterMillis = newAfterMillis;
    }

    @Override
    public void evaluate(long nowMillis, List<Finding> out) {
        long windowMillis = window.toMillis();
        for (LoggedErrors.Entry e : entries.get()) {
            long count = e.inWindow(nowMillis, windowMillis);
            if (count == 0) {
                continue;
            }
            double rate = count * 60_000.0 / windowMillis;
            boolean newType = e.firstSeenMillis() >= newAfterMillis && e.firstSeenMillis() > nowMillis - windowMillis;
            if (rate > perMinute || newType) {
                out.add(finding(e, count, rate, newType && rate <= perMinute));
            }
        }
    }

    private Finding finding(LoggedErrors.Entry e, long count, double rate, boolean onlyNew) {
        LoggedErrors.Subject s = e.subject();
        Site thrownAt = e.thrownAt().topKey();
        Site loggedAt = e.loggedAt().topKey();
        String pattern = e.patterns().topKey();
        String title = onlyNew
                ? String.format(Locale.ROOT, "new error in the logs: %s logged %s %d time(s) in %s",
                        s.logger(), simpleName(s.exceptionType()), count, Format.duration(window))
                : String.format(Locale.ROOT, "errors in the logs: %s logged %s %d times in %s (%.1f/min, threshold %d/min)",
                        s.logger(), simpleName(s.exceptionType()), count, Format.duration(window), rate, perMinute);
        if (thrownAt != null) {
            title += ", thrown at " + thrownAt;
        }
        Finding f = new Finding("log-errors", Severity.WARNING, title)
                .subject(s.logger() + " " + s.exceptionType())
                .window(window);
        if (thrownAt != null) {
            f.site(thrownAt);
        }
        f.stack(e.stack());
        f.evidence("count", count)
                .evidence("perMinute", Math.round(rate * 10) / 10.0)
                .evidence("threshold", perMinute)
                .evidence("logger", s.logger())
                .evidence("exceptionType", s.exceptionType())
                .evidence("messagePattern", pattern == null ? "" : pattern)
                .evidence("loggedAt", loggedAt == null ? "" : loggedAt.toString())
                .evidence("framework", e.framework())
                .evidence("newType", onlyNew)
                .evidence("total", e.total())
                .evidence("thrownAtSites", e.thrownAt().asMap(LISTED))
                .evidence("messagePatterns", e.patterns().asMap(LISTED))
                .evidence("windowSeconds", window.toSeconds());
        f.advice("These errors are caught and logged, so no status code or error count shows them: read one full stack trace in the logs for the cause.")
                .advice("Fix the failure where the exception is thrown (the site), or, if it is expected, handle it without logging it at ERROR.")
                .advice("An exception type that appeared after a deploy or a dependency change points at that change.");
        return f;
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
