package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same findings on real database servers: PostgreSQL (pgjdbc) behind HikariCP, and MariaDB
 * Connector/J with no pool at all (plain DriverManager). Skipped, with a message, where the server
 * is not reachable on 127.0.0.1.
 */
class JdbcDatabasesIT {
    private static final String AGENT = "report.dir=reports,evaluate.interval=500ms,jdbc.leak.threshold=2s,jdbc.stack=always";

    @Test
    void postgresqlBehindHikari() {
        JdbcChecks.assumeDatabase("PostgreSQL", 5432);
        try (AppProcess app = AppProcess.testApp().agent(AGENT)
                .appArgs("--jdbc-url", "jdbc:postgresql://127.0.0.1:5432/test", "--jdbc-user", "postgres")
                .name("jdbc-postgresql").start()) {
            JdbcChecks.awaitWoven(app);
            JsonNode report = JdbcChecks.assertSlowQuery(app, "SELECT pg_sleep(?)");
            assertEquals(List.of(), Reports.findings(report, "connection-leak"), report.toPrettyString());

            assertEquals(200, app.get("/leak-connection?n=2&hold=true"));
            JsonNode leak = JdbcChecks.awaitHeldLeak(app, 2);
            assertEquals("test-app-pool", leak.path("evidence").path("pool").asText());
            JdbcChecks.assertNoSqlLiterals(app.report());
        }
    }

    @Test
    void mariadbThroughDriverManager() {
        JdbcChecks.assumeDatabase("MariaDB", 3306);
        try (AppProcess app = AppProcess.testApp().agent(AGENT)
                .appArgs("--jdbc-url", "jdbc:mariadb://127.0.0.1:3306/test", "--jdbc-user", "root", "--pool", "none")
                .name("jdbc-mariadb").start()) {
            JdbcChecks.awaitWoven(app);
            JsonNode report = JdbcChecks.assertSlowQuery(app, "SELECT SLEEP(?)");
            assertEquals(List.of(), Reports.findings(report, "connection-leak"), report.toPrettyString());

            assertEquals(200, app.get("/leak-connection?n=2&hold=true"));
            JsonNode leak = JdbcChecks.awaitHeldLeak(app, 2);
            // No pool: the source is the application's DriverManager-backed DataSource, and its own
            // getConnection frame is not blamed for its callers' leak (assertSite checked the caller).
            assertEquals("com.example.shop.DriverManagerSource", leak.path("evidence").path("pool").asText());
            JdbcChecks.assertNoSqlLiterals(app.report());
        }
    }
}
