package io.sreagent.feature.threads;

import io.sreagent.support.StackSites;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The creating site of a thread start, without walking the stack on every start. A walk costs several
 * microseconds (StackWalker materialises frame batches up to the first application frame), far more
 * than the 2 µs the agent may add to {@code Thread.start}. But the threads of one class and name
 * pattern nearly always come from one place, so the site is learned per such shape: once
 * {@link #LEARN} walks in a row agree, only one start in {@link #VERIFY} is walked and the others take
 * the learned site; a walk that disagrees sends the shape back to walking every start. A shape started
 * from two places in turn keeps being walked, so it is attributed exactly; when one place takes over
 * from another, fewer than {@link #VERIFY} starts go to the old place. The starting thread's name
 * pattern is part of the shape, so start-up code ("main") and request handlers do not share one.
 * Bounded: past {@link #MAX_SHAPES} shapes every start of a new shape is walked.
 */
final class StartSites {
    static final int LEARN = 8;
    static final int VERIFY = 16;
    static final int MAX_SHAPES = 1024;

    /** Threads of one class (by name, so the class can unload) and name pattern, started by threads of one name pattern. */
    private record Shape(String threadClass, String namePattern, String starterPattern) {
    }

    /** What a shape has learned. Races between starting threads only change when the next walk happens. */
    private static final class Learning {
        StackSites.Found found;
        int agreeing;
        int sinceWalk;
    }

    /** The site of one start, and whether it was taken from what the shape learned instead of walked. */
    record Result(StackSites.Found found, boolean inferred) {
    }

    private final StackSites sites;
    private final ConcurrentHashMap<Shape, Learning> shapes = new ConcurrentHashMap<>();

    StartSites(StackSites sites) {
        this.sites = sites;
    }

    Result find(String threadClass, String namePattern, String starterPattern) {
        Shape shape = new Shape(threadClass, namePattern, starterPattern);
        Learning learning = shapes.get(shape);
        if (learning == null) {
            if (shapes.size() >= MAX_SHAPES) {
                return new Result(sites.find(), false);
            }
            learning = shapes.computeIfAbsent(shape, s -> new Learning());
        }
        StackSites.Found learned = learning.found;
        if (learned != null && learning.agreeing >= LEARN && ++learning.sinceWalk < VERIFY) {
            return new Result(learned, true);
        }
        learning.sinceWalk = 0;
        StackSites.Found walked = sites.find();
        if (walked.equals(learned)) {
            learning.agreeing++;
        } else {
            learning.found = walked;
            learning.agreeing = 1;
        }
        return new Result(walked, false);
    }
}
