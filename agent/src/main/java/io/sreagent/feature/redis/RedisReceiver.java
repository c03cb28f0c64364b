package io.sreagent.feature.redis;

import io.sreagent.bootstrap.RedisHooks;
import io.sreagent.report.Site;
import io.sreagent.support.StackSites;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Receives the Redis advice's commands, on the application's threads (Jedis, Lettuce dispatch) and
 * the client's I/O threads (Lettuce completion), and files them per client and command. Never
 * throws: a failure is only counted. At most {@code maxCommands} commands are kept apart.
 */
final class RedisReceiver implements RedisHooks.Receiver {
    static final String OTHER = "(other commands)";
    private static final int COMMAND_NAME_MAX = 40;

    private final ConcurrentHashMap<String, ConcurrentHashMap<String, CommandStats>> byClient = new ConcurrentHashMap<>();
    private final int maxCommands;
    private final long slowNanos;
    private final Supplier<Site> callSite;
    private final LongAdder foldedIntoOther = new LongAdder();
    private final LongAdder internalErrors = new LongAdder();

    RedisReceiver(StackSites sites, int maxCommands, long slowNanos) {
        this(maxCommands, slowNanos, () -> sites.find().site());
    }

    /** @param callSite finds the application frame making the current call (tests stand in for the stack) */
    RedisReceiver(int maxCommands, long slowNanos, Supplier<Site> callSite) {
        this.maxCommands = maxCommands;
        this.slowNanos = slowNanos;
        this.callSite = callSite;
    }

    /** Hands this receiver to the bootstrap hooks; a copy of the hooks off the bootstrap path would never be called. */
    void install() {
        if (RedisHooks.class.getClassLoader() != null) {
            throw new IllegalStateException("the Redis hooks were loaded from " + RedisHooks.class.getClassLoader()
                    + ", not the bootstrap class path: woven code would not reach this agent");
        }
        RedisHooks.install(this);
    }

    void uninstall() {
        RedisHooks.uninstall();
    }

    @Override
    public void ended(String client, String command, Throwable error, long nanos) {
        try {
            CommandStats stats = statsOf(client, command);
            boolean slow = nanos >= slowNanos;
            Site site = stats.wantsSite(slow, error != null) ? callSite.get() : null;
            stats.record(nanos, error == null ? null : errorType(error), error != null && isTimeout(error), slow, site);
        } catch (Throwable t) {
            internalErrors.increment();
        }
    }

    /** The site is looked up here, on the calling thread: the completion comes on an I/O thread. */
    @Override
    public Object started(String client, String command) {
        try {
            CommandStats stats = statsOf(client, command);
            return stats.wantsSite(false, false) ? new Started(stats, callSite.get()) : stats;
        } catch (Throwable t) {
            internalErrors.increment();
            return null;
        }
    }

    @Override
    public void completed(Object started, Throwable error, long nanos) {
        try {
            CommandStats stats;
            Site site = null;
            if (started instanceof Started s) {
                stats = s.stats();
                site = s.site();
            } else {
                stats = (CommandStats) started;
            }
            stats.record(nanos, error == null ? null : errorType(error), error != null && isTimeout(error),
                    nanos >= slowNanos, site);
        } catch (Throwable t) {
            internalErrors.increment();
        }
    }

    /** A sampled asynchronous command: its figures and where it was called from. */
    private record Started(CommandStats stats, Site site) {
    }

    CommandStats statsOf(String client, String command) {
        ConcurrentHashMap<String, CommandStats> commands = byClient.get(client);
        if (commands == null) {
            commands = byClient.computeIfAbsent(client, c -> new ConcurrentHashMap<>());
        }
        CommandStats s = commands.get(command);
        if (s != null) {
            return s;
        }
        if (size() >= maxCommands) {
            foldedIntoOther.increment();
            return commands.computeIfAbsent(OTHER, c -> new CommandStats(client, OTHER));
        }
        String name = command.length() > COMMAND_NAME_MAX ? command.substring(0, COMMAND_NAME_MAX)
                : command.toUpperCase(Locale.ROOT);
        return commands.computeIfAbsent(command, c -> new CommandStats(client, name));
    }

    private int size() {
        int n = 0;
        for (var commands : byClient.values()) {
            n += commands.size();
        }
        return n;
    }

    /**
     * The exception's class, and the error code Redis put first in its reply (WRONGTYPE, NOSCRIPT,
     * OOM...) when there is one: a code, never the rest of the message, which may quote data.
     */
    static String errorType(Throwable error) {
        String type = error.getClass().getName();
        String message = error.getMessage();
        if (message == null) {
            return type;
        }
        int end = 0;
        while (end < message.length() && end < 20 && message.charAt(end) >= 'A' && message.charAt(end) <= 'Z') {
            end++;
        }
        boolean code = end >= 2 && (end == message.length() || message.charAt(end) == ' ');
        return code ? type + " " + message.substring(0, end) : type;
    }

    /** A read time-out anywhere in the causes, or Lettuce's sync API cancelling a command it stopped waiting for. */
    static boolean isTimeout(Throwable error) {
        Throwable t = error;
        for (int i = 0; t != null && i < 5; i++, t = t.getCause()) {
            if (t instanceof CancellationException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    List<CommandStats> commands() {
        List<CommandStats> all = new ArrayList<>();
        byClient.values().forEach(commands -> all.addAll(commands.values()));
        return all;
    }

    void tick(long nowMillis, long keepMillis) {
        for (CommandStats s : commands()) {
            s.tick(nowMillis, keepMillis);
        }
    }

    long foldedIntoOther() {
        return foldedIntoOther.sum();
    }

    long internalErrors() {
        return internalErrors.sum();
    }
}
