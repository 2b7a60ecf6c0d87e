package io.migrabot.schedule;

import io.migrabot.database.TargetDatabase;
import org.quartz.utils.ConnectionProvider;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Quartz's job store takes its connections from the state database's pool, not from a pool of its own. */
final class StateConnections implements ConnectionProvider {
    private final DataSource pool;

    StateConnections(TargetDatabase state) {
        this.pool = state.pool();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void initialize() {
        // the pool opens connections on first use
    }

    @Override
    public void shutdown() {
        // the pool belongs to the state database and closes with it, after the scheduler
    }
}
