package com.example.shop;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/** Builds the data source every database scenario goes through: a HikariCP pool, or plain DriverManager. */
final class Database {

    static final String POOL_NAME = "test-app-pool";

    private Database() {
    }

    static DataSource create(Options options) {
        return options.pooled() ? createPool(options)
                : new DriverManagerSource(options.jdbcUrl(), options.jdbcUser(), options.jdbcPassword());
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
