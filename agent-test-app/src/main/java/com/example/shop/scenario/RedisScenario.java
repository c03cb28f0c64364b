package com.example.shop.scenario;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.JedisPooled;

/**
 * {@code GET /redis/<client>/<mode>} against the Redis on 127.0.0.1:6379, with Jedis ({@code jedis})
 * or Lettuce ({@code lettuce}: sync API, errors through the async one):
 * <ul>
 *   <li>{@code ok}: a SET and a GET of a small value;</li>
 *   <li>{@code slow}: a Lua script that keeps the server busy for about 100 ms;</li>
 *   <li>{@code keys}: KEYS over the scenario's own keys;</li>
 *   <li>{@code error}: INCR on a key that holds a hash, which Redis answers with WRONGTYPE.</li>
 * </ul>
 * Clients connect on first use, so the shop starts without a Redis.
 */
public final class RedisScenario extends HttpServlet {
    private static final String BUSY_100_MS = "local t = redis.call('TIME') local start = t[1] * 1000000 + t[2] "
            + "repeat local n = redis.call('TIME') until n[1] * 1000000 + n[2] - start >= 100000 return 1";
    private static final String PREFIX = "shop:scenario:";

    private transient volatile JedisPooled jedis;
    private transient volatile StatefulRedisConnection<String, String> lettuce;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] parts = request.getPathInfo() == null ? new String[0] : request.getPathInfo().substring(1).split("/");
        if (parts.length != 2) {
            Responses.text(response, HttpServletResponse.SC_NOT_FOUND, "/redis/<jedis|lettuce>/<ok|slow|keys|error>");
            return;
        }
        try {
            String body = switch (parts[0]) {
                case "jedis" -> withJedis(parts[1]);
                case "lettuce" -> withLettuce(parts[1]);
                default -> null;
            };
            if (body == null) {
                Responses.text(response, HttpServletResponse.SC_NOT_FOUND, "unknown client or mode");
            } else {
                Responses.text(response, HttpServletResponse.SC_OK, body);
            }
        } catch (Exception e) {
            // The shop degrades: a failed cache call is answered, as a real one would fall back.
            Responses.text(response, HttpServletResponse.SC_OK, "fallback: " + e.getClass().getSimpleName());
        }
    }

    private String withJedis(String mode) {
        JedisPooled j = jedis();
        String key = PREFIX + "jedis:" + ThreadLocalRandom.current().nextInt(100);
        return switch (mode) {
            case "ok" -> {
                j.set(key, "v");
                yield j.get(key);
            }
            case "slow" -> String.valueOf(j.eval(BUSY_100_MS)); // slow-redis-command-site
            case "keys" -> String.valueOf(j.keys(PREFIX + "jedis:*").size()); // keys-redis-command-site
            case "error" -> {
                j.hset(PREFIX + "jedis:hash", "field", "1");
                yield String.valueOf(j.incr(PREFIX + "jedis:hash")); // redis-errors-site
            }
            default -> null;
        };
    }

    private String withLettuce(String mode) throws Exception {
        StatefulRedisConnection<String, String> c = lettuce();
        String key = PREFIX + "lettuce:" + ThreadLocalRandom.current().nextInt(100);
        return switch (mode) {
            case "ok" -> {
                c.sync().set(key, "v");
                yield c.sync().get(key);
            }
            case "slow" -> String.valueOf(c.sync().<Long>eval(BUSY_100_MS, ScriptOutputType.INTEGER)); // lettuce-slow-redis-command-site
            case "keys" -> String.valueOf(c.sync().keys(PREFIX + "lettuce:*").size());
            case "error" -> {
                c.sync().hset(PREFIX + "lettuce:hash", "field", "1");
                yield String.valueOf(c.async().incr(PREFIX + "lettuce:hash").get(5, TimeUnit.SECONDS)); // lettuce-redis-errors-site
            }
            default -> null;
        };
    }

    private JedisPooled jedis() {
        JedisPooled j = jedis;
        if (j == null) {
            synchronized (this) {
                if (jedis == null) {
                    jedis = new JedisPooled("127.0.0.1", 6379);
                }
                j = jedis;
            }
        }
        return j;
    }

    private StatefulRedisConnection<String, String> lettuce() {
        StatefulRedisConnection<String, String> c = lettuce;
        if (c == null) {
            synchronized (this) {
                if (lettuce == null) {
                    lettuce = RedisClient.create("redis://127.0.0.1:6379").connect();
                }
                c = lettuce;
            }
        }
        return c;
    }
}
