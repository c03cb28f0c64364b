package io.sreagent.feature.fd;

import io.sreagent.bootstrap.RequestContext;
import io.sreagent.report.Site;
import io.sreagent.support.NamePattern;
import io.sreagent.support.StackSites;

import java.io.File;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The opening site of a stream or socket without walking the stack on every open: a walk costs
 * microseconds, more than the open itself. Opens of one kind, of one path pattern (digits collapsed),
 * by threads of one name pattern nearly always come from one line, so the site is learned per such
 * shape: after {@link #LEARN} walks in a row agree, only one open in {@link #VERIFY} is walked and the
 * others take the learned site; every verifying walk that agrees again stretches that interval by one
 * open, up to {@link #MAX_VERIFY}. A walk that disagrees sends the shape back to walking every open, so
 * a shape opened from two lines in turn is attributed exactly; when one line takes over from another,
 * fewer than the interval's opens go to the old line. Bounded: past {@link #MAX_SHAPES} shapes, every
 * open of a new shape is walked.
 */
final class OpenSites {
    static final int LEARN = 8;
    static final int VERIFY = 16;
    static final int MAX_VERIFY = 256;
    static final int MAX_SHAPES = 1024;
    private static final String AGENT_THREAD_PREFIX = "sre-agent-";

    private record Shape(OpenResources.Kind kind, String pathPattern, String openerPattern) {
    }

    /** What a shape has learned. Races between opening threads only change when the next walk happens. */
    private static final class Learning {
        /** The site walks found (null: no application frame, which is learned too: JDK-internal opens). */
        Site site;
        int agreeing;
        int sinceWalk;
    }

    /**
     * The opening thread's name and its pattern, kept in its RequestContext: recomputed only when the
     * thread is renamed. Also the last path it opened and that path's pattern: code that opens one file
     * again and again passes the same String, so the pattern is not recomputed.
     */
    private static final class Opener {
        final String name;
        final String pattern;
        final boolean agent;
        String lastPath;
        String lastPathPattern;

        Opener(String name) {
            this.name = name;
            this.pattern = NamePattern.of(name);
            this.agent = name.startsWith(AGENT_THREAD_PREFIX);
        }

        /** The path with its numbers collapsed ("/data/part-17.log" and "/data/part-18.log" are one shape); "" for sockets. */
        String pathPattern(Object path) {
            if (path == null) {
                return "";
            }
            String p = path instanceof File f ? f.getPath() : path.toString();
            if (p != lastPath) {
                lastPathPattern = NamePattern.of(p);
                lastPath = p;
            }
            return lastPathPattern;
        }
    }

    /** The site of one open (null: no application frame), and whether it was learned instead of walked. */
    record Result(Site site, boolean inferred) {
    }

    static final Result NONE = new Result(null, false);

    private final StackSites sites;
    private final ConcurrentHashMap<Shape, Learning> shapes = new ConcurrentHashMap<>();

    OpenSites(StackSites sites) {
        this.sites = sites;
    }

    Result find(OpenResources.Kind kind, Object path) {
        Opener opener = opener();
        if (opener.agent) {
            return NONE;
        }
        Shape shape = new Shape(kind, opener.pathPattern(path), opener.pattern);
        Learning learning = shapes.get(shape);
        if (learning == null) {
            if (shapes.size() >= MAX_SHAPES) {
                return new Result(sites.find().site(), false);
            }
            learning = shapes.computeIfAbsent(shape, s -> new Learning());
        }
        Site learned = learning.site;
        if (learning.agreeing >= LEARN && ++learning.sinceWalk < Math.min(MAX_VERIFY, VERIFY + learning.agreeing - LEARN)) {
            return new Result(learned, learned != null);
        }
        learning.sinceWalk = 0;
        Site walked = sites.find().site();
        if (learning.agreeing > 0 && Objects.equals(walked, learned)) {
            learning.agreeing++;
        } else {
            learning.site = walked;
            learning.agreeing = 1;
        }
        return new Result(walked, false);
    }

    private static Opener opener() {
        RequestContext context = RequestContext.current();
        String name = Thread.currentThread().getName();
        Object state = context.fdOpenerState();
        if (state instanceof Opener o && o.name == name) {
            return o;
        }
        Opener o = new Opener(name);
        context.fdOpenerState(o);
        return o;
    }
}
