package io.sreagent.weave;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SuperTypesTest {
    /** Two levels below FilterInputStream, which is below InputStream, which implements Closeable. */
    static class Counting extends FilterInputStream {
        Counting() {
            super(new ByteArrayInputStream(new byte[0]));
        }
    }

    static final class CountingTwice extends Counting {
    }

    @Test
    void aTypeHasTheSuperTypesOfItsWholeHierarchyAndOnlyThose() {
        TypePool pool = TypePool.Default.of(SuperTypesTest.class.getClassLoader());
        ElementMatcher<TypeDescription> closeable = Matchers.classesExtending("java.io.Closeable");
        ElementMatcher<TypeDescription> connection = Matchers.classesExtending(Connection.class.getName());
        assertTrue(matches(closeable, pool.describe(CountingTwice.class.getName()).resolve()));
        assertTrue(matches(closeable, pool.describe(InputStream.class.getName()).resolve()));
        assertFalse(matches(connection, pool.describe(CountingTwice.class.getName()).resolve()));
        assertFalse(matches(closeable, pool.describe(String.class.getName()).resolve()));
        assertFalse(matches(closeable, pool.describe("java.io.Closeable").resolve()), "interfaces are not woven");
    }

    @Test
    void sharedSuperTypesAreReadOncePerLoader() {
        AtomicInteger reads = new AtomicInteger();
        ClassFileLocator counting = new ClassFileLocator() {
            private final ClassFileLocator real = ClassFileLocator.ForClassLoader.of(SuperTypesTest.class.getClassLoader());

            @Override
            public Resolution locate(String name) throws java.io.IOException {
                if (name.equals(Counting.class.getName())) {
                    reads.incrementAndGet();
                }
                return real.locate(name);
            }

            @Override
            public void close() throws java.io.IOException {
                real.close();
            }
        };
        ClassLoader loader = new ClassLoader(null) { };
        ElementMatcher<TypeDescription> closeable = Matchers.classesExtending("java.io.Closeable");
        for (int i = 0; i < 3; i++) {
            TypePool fresh = TypePool.Default.of(counting); // a new pool per class, as the agent builder makes
            TypeDescription type = fresh.describe(CountingTwice.class.getName()).resolve();
            assertTrue(SuperTypes.withLoader(loader, () -> closeable.matches(type)));
        }
        assertEquals(1, reads.get(), "the shared super class is read once for this loader");
    }

    private static boolean matches(ElementMatcher<TypeDescription> m, TypeDescription type) {
        return SuperTypes.withLoader(SuperTypesTest.class.getClassLoader(), () -> m.matches(type));
    }
}
