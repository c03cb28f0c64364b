package io.sreagent.feature.redis;

import io.sreagent.config.Config;
import io.sreagent.config.CoreOptions;
import io.sreagent.config.Option;
import io.sreagent.core.AgentContext;
import io.sreagent.core.Feature;
import io.sreagent.core.Rule;
import io.sreagent.feature.redis.weaving.JedisConnectionWeaving;
import io.sreagent.feature.redis.weaving.LettuceDispatchWeaving;
import io.sreagent.weave.Weaving;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Redis: slow and failing commands of Jedis and Lettuce, per command name, over the recent window. */
public final class RedisFeature implements Feature {
    private static final int COMMANDS_IN_METRICS = 30;

    private RedisReceiver receiver;
    private long windowMillis;
    private int maxCommands;
    private List<Rule> rules = List.of();

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public List<Option<?>> options() {
        return RedisOptions.ALL;
    }

    @Override
    public List<Weaving> weavings() {
        return List.of(new JedisConnectionWeaving(), new LettuceDispatchWeaving());
    }

    @Override
    public void start(AgentContext context) {
        Config c = context.config();
        windowMillis = c.get(CoreOptions.WINDOW).toMillis();
        maxCommands = c.get(RedisOptions.COMMANDS_MAX);
        long slowNanos = c.get(RedisOptions.SLOW).toNanos();
        int minCalls = c.get(RedisOptions.MIN_CALLS);
        receiver = new RedisReceiver(context.sites(), maxCommands, slowNanos);
        rules = List.of(
                new SlowRedisCommandRule(receiver, slowNanos / 1000, minCalls, windowMillis),
                new RedisErrorsRule(receiver, c.get(RedisOptions.ERROR_RATE), minCalls, windowMillis));
        receiver.install();
    }

    @Override
    public void sample(long nowMillis) {
        if (receiver != null) {
            receiver.tick(nowMillis, windowMillis);
        }
    }

    @Override
    public List<Rule> rules() {
        return rules;
    }

    @Override
    public void addMetrics(Map<String, Object> metrics) {
        if (receiver == null) {
            return;
        }
        long now = System.currentTimeMillis();
        Map<String, Object> redis = new LinkedHashMap<>();
        List<Map<String, Object>> commands = new ArrayList<>();
        receiver.commands().stream().sorted(Comparator.comparingLong(CommandStats::calls).reversed())
                .limit(COMMANDS_IN_METRICS).forEach(s -> commands.add(s.toMap(now, windowMillis)));
        redis.put("commands", commands);
        redis.put("commandsLimit", maxCommands);
        redis.put("callsInOtherCommands", receiver.foldedIntoOther());
        redis.put("internalErrors", receiver.internalErrors());
        metrics.put("redis", redis);
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.uninstall();
        }
    }
}
