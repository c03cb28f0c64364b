package io.sreagent.weave;

import io.sreagent.support.WeakIdentityMap;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of the woven super types (the servlet and JDBC interfaces, a few in all) a type has, as one bit
 * each, remembered per class loader and type name. A type's bits are its own name's and those of its
 * super class and interfaces, so each class loaded costs the look-up of its direct super types: the
 * framework base classes its neighbours share are walked once, not once per class and per weaving, as
 * a plain super-type matcher does (it read their class files again for every class loaded).
 * Per loader the most recently used {@link #PER_LOADER} types are kept; past {@link #LOADERS} loaders,
 * types are walked without memory.
 */
final class SuperTypes {
    static final int PER_LOADER = 8192;
    static final int LOADERS = 256;

    private static final List<String> NAMES = new ArrayList<>();
    /** The loader of the type being matched, set by the weaver around each match. */
    private static final ThreadLocal<ClassLoader> LOADER = new ThreadLocal<>();
    private static final WeakIdentityMap<ClassLoader, Memo> BY_LOADER = new WeakIdentityMap<>(LOADERS);
    private static final Memo BOOTSTRAP = new Memo();

    private SuperTypes() {
    }

    /** Types that are, or descend from, one of these (each name gets its bit on first use; 64 at most). */
    static ElementMatcher.Junction<TypeDescription> named(String... superTypes) {
        long mask = 0;
        synchronized (NAMES) {
            for (String name : superTypes) {
                int bit = NAMES.indexOf(name);
                if (bit < 0) {
                    if (NAMES.size() == Long.SIZE) {
                        throw new IllegalStateException("more than 64 woven super types");
                    }
                    NAMES.add(name);
                    bit = NAMES.size() - 1;
                }
                mask |= 1L << bit;
            }
        }
        long wanted = mask;
        return new ElementMatcher.Junction.AbstractBase<>() {
            @Override
            public boolean matches(TypeDescription type) {
                return (bits(type, memo()) & wanted) != 0;
            }
        };
    }

    /** Runs a match with the loader of the type matched known. */
    static boolean withLoader(ClassLoader loader, java.util.function.BooleanSupplier match) {
        ClassLoader before = LOADER.get();
        LOADER.set(loader);
        try {
            return match.getAsBoolean();
        } finally {
            if (before == null) {
                LOADER.remove();
            } else {
                LOADER.set(before);
            }
        }
    }

    private static Memo memo() {
        ClassLoader loader = LOADER.get();
        if (loader == null) {
            return BOOTSTRAP; // the bootstrap loader, or a match outside the weaver (tests)
        }
        Memo memo = BY_LOADER.computeIfAbsent(loader, l -> new Memo());
        return memo != null ? memo : new Memo();
    }

    /** Throws, as a super-type matcher does, when a super type cannot be resolved: the weaver counts it. */
    private static long bits(TypeDefinition type, Memo memo) {
        String name = type.asErasure().getName();
        Long known = memo.get(name);
        if (known != null) {
            return known;
        }
        long bits = ownBit(name);
        TypeDefinition superClass = type.getSuperClass();
        if (superClass != null) {
            bits |= bits(superClass.asErasure(), memo);
        }
        for (TypeDefinition i : type.getInterfaces()) {
            bits |= bits(i.asErasure(), memo);
        }
        memo.put(name, bits);
        return bits;
    }

    private static long ownBit(String name) {
        synchronized (NAMES) {
            int bit = NAMES.indexOf(name);
            return bit < 0 ? 0 : 1L << bit;
        }
    }

    /** Least recently used out first. */
    private static final class Memo {
        private final Map<String, Long> recent = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > PER_LOADER;
            }
        };

        synchronized Long get(String name) {
            return recent.get(name);
        }

        synchronized void put(String name, long bits) {
            recent.put(name, bits);
        }
    }
}
