package io.sreagent.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.sreagent.it.http.Load;
import io.sreagent.it.support.AppProcess;
import io.sreagent.it.support.Jdks;
import io.sreagent.it.support.Reports;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.sreagent.it.http.HttpReports.assertSite;
import static io.sreagent.it.http.HttpReports.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Jedis and Lettuce in the test app against the real Redis on 127.0.0.1:6379, with the default options:
 * a Lua script that keeps the server busy 100 ms and a KEYS are slow-redis-command, an INCR on a hash
 * is redis-errors, each with the calling line; the slow route's time is Redis time; a twin of GET/SET
 * load raises nothing.
 */
class RedisIT {
    private static final int SLOW = 24;
    private static final int ERRORS = 24;
    private static final int HEALTHY = 300;
    private static final String SCENARIO = "RedisScenario";
    private static final List<String> CLIENTS = List.of("jedis", "lettuce");

    static List<Path> jdks() {
        return Jdks.all();
    }

    @BeforeAll
    static void redisReachable() {
        boolean up;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 6379), 1000);
            up = true;
        } catch (IOException e) {
            up = false;
        }
        assumeTrue(up, "Redis is not reachable on 127.0.0.1:6379: skipping the Redis tests");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void slowAndFailingCommandsOfBothClientsAreFoundWithTheirSites(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports").name("redis-sick").start()) {
            app.awaitAgentStarted("premain");
            // One call of each client alone first: it connects the client (seconds for Lettuce's first connection),
            // which is the shop's own start-up time, not Redis's.
            for (String client : CLIENTS) {
                Load.send(app, 1, 1, 200, i -> "/redis/" + client + "/ok");
            }
            long started = System.nanoTime();
            for (String client : CLIENTS) {
                // One at a time: a script blocks the whole server, so two at once would wait for each other.
                Load.send(app, SLOW, 1, 200, i -> "/redis/" + client + "/slow");
                // The first HSET and INCR load their reply classes: alone, so that four threads do not all wait for it.
                Load.send(app, 1, 1, 200, i -> "/redis/" + client + "/error");
                Load.send(app, ERRORS - 1, 4, 200, i -> "/redis/" + client + "/error");
                Load.send(app, 1, 1, 200, i -> "/redis/" + client + "/keys");
            }
            JsonNode report = app.awaitReport(Duration.ofSeconds(60), r -> CLIENTS.stream().allMatch(c ->
                            finding(r, "slow-redis-command", c + " EVAL") != null
                                    && finding(r, "slow-redis-command", c + " KEYS") != null
                                    && finding(r, "redis-errors", c + " INCR") != null),
                    "slow EVAL, KEYS and failing INCR of both clients");
            System.out.printf("redis findings %.1f s after the load started%n", (System.nanoTime() - started) / 1e9);

            for (String client : CLIENTS) {
                String marker = client.equals("jedis") ? "" : "lettuce-";
                String method = client.equals("jedis") ? "withJedis" : "withLettuce";

                JsonNode slow = finding(report, "slow-redis-command", client + " EVAL");
                assertEquals("warning", slow.path("severity").asText(), slow.toString());
                assertEquals(120, slow.path("windowSeconds").asLong(), slow.toString());
                JsonNode e = slow.path("evidence");
                assertEquals("EVAL", e.path("command").asText(), slow.toString());
                assertEquals(client, e.path("client").asText(), slow.toString());
                assertEquals(SLOW, e.path("calls").asLong(), slow.toString());
                // The script spins 100 ms on the server; HdrHistogram keeps 2 significant digits.
                assertTrue(e.path("p95Ms").asDouble() >= 99 && e.path("p95Ms").asDouble() < 1000, slow.toString());
                assertTrue(e.path("p50Ms").asDouble() >= 99, slow.toString());
                assertEquals(50.0, e.path("slowMs").asDouble(), slow.toString());
                assertSite(slow, SCENARIO, method, "// " + marker + "slow-redis-command-site");

                JsonNode keys = finding(report, "slow-redis-command", client + " KEYS");
                assertEquals(1, keys.path("evidence").path("calls").asLong(), keys.toString());
                assertTrue(keys.path("evidence").path("linear").asBoolean(), keys.toString());
                assertEquals("withJedis".equals(method) ? "withJedis" : "withLettuce", keys.path("site").path("method").asText());

                JsonNode errors = finding(report, "redis-errors", client + " INCR");
                assertEquals("critical", errors.path("severity").asText(), errors.toString());
                assertEquals(120, errors.path("windowSeconds").asLong(), errors.toString());
                JsonNode ee = errors.path("evidence");
                assertEquals(ERRORS, ee.path("calls").asLong(), errors.toString());
                assertEquals(ERRORS, ee.path("failed").asLong(), errors.toString());
                assertEquals(0, ee.path("timeouts").asLong(), errors.toString());
                String type = client.equals("jedis") ? "redis.clients.jedis.exceptions.JedisDataException WRONGTYPE"
                        : "io.lettuce.core.RedisCommandExecutionException WRONGTYPE";
                assertEquals(ERRORS, ee.path("errorTypes").path(type).asLong(), errors.toString());
                assertSite(errors, SCENARIO, method, "// " + marker + "redis-errors-site");

                // The route that waits on the script spends its time in Redis.
                JsonNode route = endpoint(report, "GET", "/redis/" + client + "/slow");
                assertTrue(route.path("breakdown").path("redisPercent").asDouble() >= 80, route.toString());
            }
            assertEquals(0, report.path("metrics").path("redis").path("internalErrors").asInt());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jdks")
    void getAndSetLoadOfBothClientsRaisesNoAlarm(Path java) {
        try (AppProcess app = AppProcess.testApp().java(java).agent("report.dir=reports").name("redis-healthy").start()) {
            app.awaitAgentStarted("premain");
            // One call of each client alone first: it connects the client (seconds for Lettuce's first connection),
            // which is the shop's own start-up time, not Redis's.
            for (String client : CLIENTS) {
                Load.send(app, 1, 1, 200, i -> "/redis/" + client + "/ok");
            }
            for (String client : CLIENTS) {
                Load.send(app, HEALTHY - 1, 4, 200, i -> "/redis/" + client + "/ok");
            }
            // Judged once the window holds every call: the evaluation after the load ticked it in.
            JsonNode report = app.awaitReport(Duration.ofSeconds(60), r -> CLIENTS.stream().allMatch(c ->
                            windowCalls(r, c, "GET") == HEALTHY && windowCalls(r, c, "SET") == HEALTHY),
                    "every GET and SET in the window");
            assertEquals(List.of(), Reports.alarms(report), report.path("findings").toString());
            for (String client : CLIENTS) {
                JsonNode get = command(report, client, "GET");
                assertEquals(0, get.path("failures").asLong(), get.toString());
                JsonNode route = endpoint(report, "GET", "/redis/" + client + "/ok");
                assertEquals(2.0, route.path("breakdown").path("redisCallsPerRequest").asDouble(), route.toString());
            }
        }
    }

    private static JsonNode finding(JsonNode report, String id, String subject) {
        return Reports.findings(report, id).stream().filter(f -> f.path("subject").asText().equals(subject))
                .filter(f -> f.path("state").asText().equals("active")).findFirst().orElse(null);
    }

    private static JsonNode command(JsonNode report, String client, String command) {
        for (JsonNode c : report.path("metrics").path("redis").path("commands")) {
            if (c.path("client").asText().equals(client) && c.path("command").asText().equals(command)) {
                return c;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static long windowCalls(JsonNode report, String client, String command) {
        return command(report, client, command).path("window").path("calls").asLong();
    }
}
