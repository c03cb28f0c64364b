package io.sreagent.feature.jdbc.weaving;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

/**
 * Type matchers for JDBC implementations. JDBC is all interfaces, so the woven classes are the
 * drivers', the pools' and the application's implementations, found by their super types. The name
 * test runs first and is cheap; the super-type walk, which reads class files, runs only for the rest.
 */
final class JdbcTypes {

    private JdbcTypes() {
    }

    /** Concrete or abstract classes (abstract ones such as HikariCP's ProxyConnection implement close()) of the interface. */
    static ElementMatcher.Junction<TypeDescription> implementing(String interfaceName) {
        return not(nameStartsWith("java.")
                .or(nameStartsWith("javax."))
                .or(nameStartsWith("jdk."))
                .or(nameStartsWith("sun."))
                .or(nameStartsWith("com.sun."))
                .or(nameStartsWith("io.sreagent."))
                .or(nameStartsWith("org.eclipse.jetty."))
                .or(nameStartsWith("org.slf4j."))
                .or(nameStartsWith("kotlin."))
                .or(nameStartsWith("scala.")))
                .and(not(isInterface()))
                .and(hasSuperType(named(interfaceName)));
    }
}
