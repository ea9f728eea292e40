package dev.voicesession.testing.postgres;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension over the {@linkplain PostgresCluster#shared() shared test cluster}: a test or
 * lifecycle method with a {@link PostgresDatabase} parameter gets a fresh database for its test class,
 * created on first use (so a class whose PostgreSQL variant never runs starts nothing). The cluster is
 * stopped when the test run ends (JUnit's root store) and, failing that, at JVM exit.
 *
 * <p>Where PostgreSQL is not installed, a test asking for a database is skipped, or fails when the
 * environment variable {@code CI} is {@code true}.
 */
public final class PostgresExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(
                StopAtEnd.class, key -> new StopAtEnd(), StopAtEnd.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == PostgresDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> testClass = extensionContext.getRequiredTestClass();
        ExtensionContext classContext = extensionContext;
        while (classContext.getParent().isPresent() && classContext.getTestMethod().isPresent()) {
            classContext = classContext.getParent().get();
        }
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(
                testClass, key -> PostgresCluster.shared().createDatabase(testClass.getSimpleName()),
                PostgresDatabase.class);
    }

    /** Stops the shared cluster, if one was started, when the run's root store closes. */
    private static final class StopAtEnd implements AutoCloseable {
        @Override
        public void close() {
            if (PostgresCluster.sharedRunning()) {
                PostgresCluster.shared().close();
            }
        }
    }
}
