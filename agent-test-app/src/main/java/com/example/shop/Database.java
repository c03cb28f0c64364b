package com.example.shop;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the HikariCP pool every database scenario goes through. */
final class Database {

    static final String POOL_NAME = "test-app-pool";

    private Database() {
    }

    static HikariDataSource createPool(Options options) {
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
        return new HikariDataSource(config);
    }
}
