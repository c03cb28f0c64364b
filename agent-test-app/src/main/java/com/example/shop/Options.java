package com.example.shop;

import java.net.URI;
import java.util.Optional;

/** Command-line options; every option is written as {@code --key value}. */
record Options(
        int port,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        int poolSize,
        String pool,
        int poolTimeoutMillis,
        Optional<URI> upstream) {

    static final String DEFAULT_JDBC_URL = "jdbc:h2:mem:shop;DB_CLOSE_DELAY=-1";

    /** @throws IllegalArgumentException with a one-line message on any bad argument */
    static Options parse(String[] args) {
        int port = 0;
        String jdbcUrl = DEFAULT_JDBC_URL;
        String jdbcUser = "";
        String jdbcPassword = "";
        int poolSize = 10;
        String pool = "hikari";
        int poolTimeoutMillis = 30_000;
        Optional<URI> upstream = Optional.empty();

        for (int i = 0; i < args.length; i += 2) {
            String key = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for option " + key);
            }
            String value = args[i + 1];
            switch (key) {
                case "--port" -> port = parseInt(key, value, 0, 65535);
                case "--jdbc-url" -> jdbcUrl = value;
                case "--jdbc-user" -> jdbcUser = value;
                case "--jdbc-password" -> jdbcPassword = value;
                case "--pool-size" -> poolSize = parseInt(key, value, 1, 1000);
                case "--pool" -> pool = parsePool(key, value);
                case "--pool-timeout-ms" -> poolTimeoutMillis = parseInt(key, value, 250, 600_000);
                case "--upstream" -> upstream = Optional.of(parseUri(key, value));
                default -> throw new IllegalArgumentException("unknown option " + key);
            }
        }
        return new Options(port, jdbcUrl, jdbcUser, jdbcPassword, poolSize, pool, poolTimeoutMillis, upstream);
    }

    private static int parseInt(String key, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException(key + " expects an integer in [" + min + ", " + max + "], got " + value);
    }

    /** "hikari" (the default), "dbcp2", "tomcat", or "none": connections straight from DriverManager, one per request. */
    private static String parsePool(String key, String value) {
        return switch (value) {
            case "hikari", "dbcp2", "tomcat", "none" -> value;
            default -> throw new IllegalArgumentException(key + " expects hikari, dbcp2, tomcat or none, got " + value);
        };
    }

    private static URI parseUri(String key, String value) {
        try {
            URI uri = URI.create(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + " expects an absolute http(s) URL, got " + value);
    }
}
