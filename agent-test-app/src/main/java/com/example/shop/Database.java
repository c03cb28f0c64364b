package com.example.shop;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/**
 * Builds the data source every database scenario goes through: a HikariCP pool (the default), Commons
 * DBCP2 or Tomcat JDBC with the same size and time-out, or plain DriverManager.
 */
final class Database {

    static final String POOL_NAME = "test-app-pool";

    private Database() {
    }

    static DataSource create(Options options) {
        return switch (options.pool()) {
            case "dbcp2" -> createDbcp2(options);
            case "tomcat" -> createTomcat(options);
            case "none" -> new DriverManagerSource(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword());
            default -> createPool(options);
        };
    }

    private static org.apache.commons.dbcp2.BasicDataSource createDbcp2(Options options) {
        org.apache.commons.dbcp2.BasicDataSource pool = new org.apache.commons.dbcp2.BasicDataSource();
        pool.setUrl(options.jdbcUrl());
        pool.setUsername(options.jdbcUser());
        pool.setPassword(options.jdbcPassword());
        pool.setMaxTotal(options.poolSize());
        pool.setMaxIdle(options.poolSize());
        pool.setMaxWait(java.time.Duration.ofMillis(options.poolTimeoutMillis()));
        return pool;
    }

    private static org.apache.tomcat.jdbc.pool.DataSource createTomcat(Options options) {
        org.apache.tomcat.jdbc.pool.PoolProperties p = new org.apache.tomcat.jdbc.pool.PoolProperties();
        p.setName(POOL_NAME);
        p.setUrl(options.jdbcUrl());
        p.setDriverClassName(driverOf(options.jdbcUrl()));
        p.setUsername(options.jdbcUser());
        p.setPassword(options.jdbcPassword());
        p.setMaxActive(options.poolSize());
        p.setMaxIdle(options.poolSize());
        p.setInitialSize(0);
        p.setMaxWait(options.poolTimeoutMillis());
        return new org.apache.tomcat.jdbc.pool.DataSource(p);
    }

    /** Tomcat JDBC loads the driver by name. */
    private static String driverOf(String url) {
        if (url.startsWith("jdbc:postgresql:")) {
            return "org.postgresql.Driver";
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return "org.mariadb.jdbc.Driver";
        }
        return "org.h2.Driver";
    }

    private static HikariDataSource createPool(Options options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(POOL_NAME);
        config.setJdbcUrl(options.jdbcUrl());
        // Empty means "let the driver decide": H2's default user is empty, PostgreSQL/MariaDB get them from the URL.
        if (!options.jdbcUser().isEmpty()) {
            config.setUsername(options.jdbcUser());
        }
        if (!options.jdbcPassword().isEmpty()) {
            config.setPassword(options.jdbcPassword());
        }
        config.setMaximumPoolSize(options.poolSize());
        config.setConnectionTimeout(options.poolTimeoutMillis());
        return new HikariDataSource(config);
    }
}
