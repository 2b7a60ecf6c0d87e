package io.migrabot.cli;

import io.migrabot.revision.Revision;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/** Random revision histories with forks, merges, several bases, branch labels and depends_on. */
final class Scenarios {
    private static final List<String> MESSAGES = List.of("create users table", "add <b>email</b> & index",
            "café: unicode message", "merge heads", "rename column \"name\"", "drop legacy 'flags'", "");

    private Scenarios() {
    }

    static List<Revision> random(Random random, int size) {
        List<Revision> revisions = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        Set<String> used = new TreeSet<>();
        for (int i = 0; i < size; i++) {
            String id;
            do {
                id = (random.nextBoolean() ? "ab" : "c") + Integer.toHexString(0x1000 + random.nextInt(0xefff));
            } while (!used.add(id));
            List<String> parents = new ArrayList<>();
            if (i > 0 && random.nextInt(100) >= 12) {
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
            String message = MESSAGES.get(random.nextInt(MESSAGES.size()));
            revisions.add(new Revision(id, parents, own, deps, message, ""));
        }
        return revisions;
    }
}
