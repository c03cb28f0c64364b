package io.sreagent.feature.jdbc.weaving;

import io.sreagent.weave.Matchers;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import java.util.List;

/**
 * Type matchers for JDBC implementations. JDBC is all interfaces, so the woven classes are the
 * drivers', the pools' and the application's implementations, found by their super types. The name
 * test runs first and is cheap; the super-type walk, which reads class files, runs only for the rest.
 */
final class JdbcTypes {

    /** Packages that never implement JDBC: the agent's own, the JDK's, servers and languages. */
    private static final List<String> SKIPPED = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "io.sreagent.",
            "org.eclipse.jetty.", "org.slf4j.", "kotlin.", "scala.");

    private JdbcTypes() {
    }

    /** Concrete or abstract classes (abstract ones such as HikariCP's ProxyConnection implement close()) of the interface. */
    static ElementMatcher.Junction<TypeDescription> implementing(String interfaceName) {
        return Matchers.outside(SKIPPED).and(Matchers.classesExtending(interfaceName));
    }
}
