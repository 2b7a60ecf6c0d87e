package io.migrabot.operation;

import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.revision.Walks;
import io.migrabot.runner.Progress;
import io.migrabot.schema.SchemaCache;
import io.migrabot.schema.SchemaModel;
import io.migrabot.schema.TableExclusion;
import io.migrabot.shadow.Replay;
import io.migrabot.shadow.Shadows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schema a target's migrations produce, at any revision: what the doctor compares a live database with. Built
 * by replaying each revision's SQL ({@link Scripts#upgradeSql()}) in throw-away shadow databases, never in the
 * target's, and read with the same introspector as the live schema, without the version table and migrabot's own
 * tables. The state at a revision is what upgrading an empty database to that revision alone produces; walks share
 * ancestors where they can ({@link Walks}). Models are kept in a {@link SchemaCache} under a fingerprint of the
 * scripts ({@link ScriptsFingerprint}), so asking again for unchanged scripts creates no shadow database.
 *
 * <p>Limits: roles, tablespaces and other objects that belong to the whole server are not part of a database, so
 * a migration that creates one creates it on the shadow server (and may fail there because it exists); use a
 * scratch server ({@code shadow:}) for such projects. An Alembic project's SQL comes from its offline mode, which
 * cannot run migrations that read data (see {@link AlembicScripts#upgradeSql()}).
 */
public final class ExpectedSchemas {
    private static final Logger log = LoggerFactory.getLogger(ExpectedSchemas.class);

    private final SchemaCache cache;
    private final Shadows shadows;

    /** Where its shadow databases come from; plans make theirs there too. */
    public Shadows shadows() {
        return shadows;
    }

    public ExpectedSchemas(SchemaCache cache, Shadows shadows) {
        this.cache = cache;
        this.shadows = shadows;
    }

    /**
     * The expected schema after every revision of the target's scripts, by revision id in load order. Progress
     * counts the revisions built now, not those found in the cache.
     */
    public Map<String, SchemaModel> all(Target target, Progress.Listener progress) {
        target.requireSoundScripts("building the expected schemas");
        RevisionGraph graph = target.scripts().graph();
        String scripts = ScriptsFingerprint.of(target, shadows.serverVersion(target.config()));
        Map<String, SchemaModel> models = new HashMap<>(cache.all(scripts));
        Set<String> missing = new LinkedHashSet<>();
        graph.nodes().forEach(n -> {
            if (!models.containsKey(n.id())) {
                missing.add(n.id());
            }
        });
        if (!missing.isEmpty()) {
            long started = System.nanoTime();
            List<Walks.Walk> walks = new Walks(graph).covering(missing);
            Replay replay = replay(target);
            int[] built = {0};
            for (Walks.Walk walk : walks) {
                replay.run(walk, (revision, model) -> {
                    cache.store(scripts, revision, model);
                    models.put(revision, model);
                    built[0]++;
                    progress.on(new Progress(built[0], missing.size(), revision, true,
                            Duration.ofNanos(System.nanoTime() - started)));
                });
            }
            log.info("built the expected schemas of {} revision(s) of target {} in {} shadow database(s), {} "
                    + "step(s), in {} ms", missing.size(), target.name(), walks.size(),
                    walks.stream().mapToInt(w -> w.steps().size()).sum(), (System.nanoTime() - started) / 1_000_000);
        }
        Map<String, SchemaModel> ordered = new LinkedHashMap<>();
        graph.nodes().forEach(n -> ordered.put(n.id(), models.get(n.id())));
        return Collections.unmodifiableMap(ordered);
    }

    /**
     * The expected schema of a database at these heads: upgraded from base to all of them (an empty list is base,
     * an empty database). Revisions the walk passes through in their own state are kept too.
     */
    public SchemaModel at(Target target, List<String> heads) {
        target.requireSoundScripts("building the expected schema");
        target.requireKnown(heads);
        String scripts = ScriptsFingerprint.of(target, shadows.serverVersion(target.config()));
        String key = String.join("+", heads.stream().sorted().distinct().toList());
        Optional<SchemaModel> cached = cache.find(scripts, key);
        if (cached.isPresent()) {
            return cached.get();
        }
        RevisionGraph graph = target.scripts().graph();
        Map<String, SchemaModel> known = cache.all(scripts);
        Walks.Walk walk = new Walks(graph).to(heads, key, graph.nodes().stream().map(RevisionNode::id)
                .filter(id -> !known.containsKey(id)).toList());
        Map<String, SchemaModel> built = new HashMap<>();
        replay(target).run(walk, (state, model) -> {
            cache.store(scripts, state, model);
            built.put(state, model);
        });
        return built.get(key);
    }

    private Replay replay(Target target) {
        TableExclusion excluded = Doctor.exclusion(target);
        return new Replay(shadows, target.config(), target.scripts().upgradeSql(), excluded);
    }
}
