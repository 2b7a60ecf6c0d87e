package io.migrabot.operation;

import io.migrabot.testing.Postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shadows plans keep for a target on the test server, found by the comment migrabot gives them (closing the
 * target's {@link Postgres.Database} drops them).
 */
final class KeptShadows {
    private KeptShadows() {
    }

    static List<String> of(Postgres.Database db, String target) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement("SELECT datname FROM pg_database "
                + "WHERE starts_with(datname, 'migrabot_shadow_kept_') AND shobj_description(oid, 'pg_database') "
                + "LIKE ? ORDER BY oid")) {
            s.setString(1, "%target " + target + " (%");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
