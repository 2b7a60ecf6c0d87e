package io.migrabot.testing;

import io.migrabot.revision.Revision;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Random revision histories for differential tests: forks, merges, several bases, branch labels ({@code lblN})
 * and {@code depends_on} on earlier revisions or labels. Ids share the prefixes {@code ab} and {@code c}, so
 * prefix lookups meet ambiguity.
 */
public final class RandomHistory {
    private static final List<String> MESSAGES = List.of("create users table", "add <b>email</b> & index",
            "café: unicode message", "merge heads", "rename column \"name\"", "drop legacy 'flags'", "");

    private RandomHistory() {
    }

    public static List<Revision> generate(Random random, int size) {
        List<Revision> revisions = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (int i = 0; i < size; i++) {
            String id;
            do {
                id = (random.nextBoolean() ? "ab" : "c") + Integer.toHexString(0x100 + random.nextInt(0xeff));
            } while (!used.add(id));
            List<String> parents = new ArrayList<>();
            if (i > 0 && random.nextInt(100) >= 15) {
                parents.add(revisions.get(random.nextInt(i)).id());
                if (i > 1 && random.nextInt(100) < 20) {
                    String other = revisions.get(random.nextInt(i)).id();
                    if (!parents.contains(other)) {
                        parents.add(other);
                    }
                }
            }
            List<String> deps = new ArrayList<>();
            if (i > 1 && random.nextInt(100) < 12) {
                String dep = random.nextBoolean() || labels.isEmpty() ? revisions.get(random.nextInt(i)).id()
                        : labels.get(random.nextInt(labels.size()));
                if (!parents.contains(dep)) {
                    deps.add(dep);
                }
            }
            List<String> own = new ArrayList<>();
            if (random.nextInt(100) < 15) {
                own.add("lbl" + i);
                labels.add("lbl" + i);
            }
            revisions.add(new Revision(id, parents, own, deps, MESSAGES.get(random.nextInt(MESSAGES.size())),
                    id + ".py"));
        }
        return revisions;
    }
}
