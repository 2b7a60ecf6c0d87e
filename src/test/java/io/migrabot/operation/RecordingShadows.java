package io.migrabot.operation;

import io.migrabot.config.TargetConfig;
import io.migrabot.shadow.ShadowsByKind;
import io.migrabot.shadow.Shadow;
import io.migrabot.shadow.Shadows;
import io.migrabot.testing.Postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Real shadow databases, each one's name recorded, so a test can count them and look for leftovers. */
final class RecordingShadows implements Shadows {
    private final Shadows real = new ShadowsByKind();
    private final List<String> created = new ArrayList<>();

    @Override
    public Shadow create(TargetConfig target) {
        Shadow shadow = real.create(target);
        created.add(shadow.name());
        return shadow;
    }

    @Override
    public Shadow createAt(TargetConfig target, String state, Consumer<Shadow> build) {
        Shadow shadow = real.createAt(target, state, build);
        created.add(shadow.name());
        return shadow;
    }

    @Override
    public int serverVersion(TargetConfig target) {
        return real.serverVersion(target);
    }

    List<String> created() {
        return List.copyOf(created);
    }

    /** The recorded shadows that still exist on the test server. */
    List<String> leftOver(Postgres.Database db) throws SQLException {
        List<String> left = new ArrayList<>();
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("SELECT datname FROM pg_database WHERE datname = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", created.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    left.add(rs.getString(1));
                }
            }
        }
        return left;
    }
}
