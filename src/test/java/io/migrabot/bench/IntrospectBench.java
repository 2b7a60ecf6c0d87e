package io.migrabot.bench;

import io.migrabot.database.SchemaIntrospector;
import io.migrabot.database.TargetDatabase;
import io.migrabot.schema.SchemaDiff;
import io.migrabot.schema.SchemaJson;
import io.migrabot.schema.SchemaModel;
import io.migrabot.schema.Table;
import io.migrabot.schema.TableExclusion;
import io.migrabot.testing.Targets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

import static io.migrabot.bench.BenchReport.ms;
import static io.migrabot.bench.BenchReport.percentile;

/**
 * In-process benchmark of reading a database's schema and diffing it against another's (a benchmark, not a test:
 * it asserts nothing about time). {@code bench/introspect.sh} makes the databases and runs it next to
 * {@code pg_dump --schema-only}:
 *
 * <pre>
 * java -cp target/migrabot.jar:target/test-classes io.migrabot.bench.IntrospectBench [options] URL [DRIFTED_URL]
 *   --user NAME      the login (default postgres; the password, if any, from PGPASSWORD)
 *   --warmups N      reads before measuring (default 10)
 *   --runs N         measured reads (default 30)
 *   --markdown       print the markdown table row only (with --header, the header too)
 *   --once           read once and print what was read (JVM start and a cold read, for whole-command timing)
 *   --paired COMMAND also run COMMAND (split at spaces) after each measured read, and time both
 * </pre>
 *
 * cold: the first read in this JVM; warm: median, p90 and min of {@code runs} reads after {@code warmups}, and
 * the process's CPU time per read (the JVM's share; the server's work is not in it); diff: median of
 * {@code SchemaDiff.between} against the drifted database's model; fingerprint: median of
 * {@code SchemaModel.fingerprint()} (canonical JSON and SHA-256); paired: medians of the read and of the whole
 * command run right after it, and the median of their ratios. On a machine shared with other work, a read and a
 * command timed back to back see about the same load, so their ratio varies less than either time does.
 */
public final class IntrospectBench {
    private static volatile Object sink;

    public static void main(String[] args) {
        String user = "postgres";
        int warmups = 10;
        int runs = 30;
        boolean markdown = false;
        boolean header = false;
        boolean once = false;
        String url = null;
        String driftedUrl = null;
        List<String> paired = List.of();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--user" -> user = args[++i];
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--markdown" -> markdown = true;
                case "--header" -> header = true;
                case "--once" -> once = true;
                case "--paired" -> paired = List.of(args[++i].split(" "));
                default -> {
                    if (url == null) {
                        url = args[i];
                    } else {
                        driftedUrl = args[i];
                    }
                }
            }
        }
        if (url == null || !once && driftedUrl == null) {
            System.err.println("usage: IntrospectBench [--user U] [--warmups N] [--runs N] [--markdown [--header]]"
                    + " [--paired COMMAND] URL DRIFTED_URL | --once URL");
            System.exit(2);
        }
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        TableExclusion excluded = TableExclusion.of("alembic_version", "migrabot_*");
        SchemaIntrospector introspector = new SchemaIntrospector(TargetDatabase.of(
                Targets.config("bench", url, user, password)));

        long t0 = System.nanoTime();
        SchemaModel model = introspector.read(excluded);
        long coldNs = System.nanoTime() - t0;
        if (once) {
            System.out.printf(Locale.ROOT, "%s; cold read %.1f ms%n", counts(model), coldNs / 1e6);
            return;
        }
        SchemaModel drifted = new SchemaIntrospector(TargetDatabase.of(
                Targets.config("drifted", driftedUrl, user, password))).read(excluded);

        for (int i = 0; i < warmups; i++) {
            sink = introspector.read(excluded);
        }
        long cpuStart = processCpuNs();
        long[] reads = times(runs, () -> introspector.read(excluded).tables().size());
        long cpuPerRead = (processCpuNs() - cpuStart) / runs;
        String pairedCell = "";
        if (!paired.isEmpty()) {
            long[] pairedReads = new long[runs];
            long[] commands = new long[runs];
            double[] ratios = new double[runs];
            for (int i = 0; i < runs; i++) {
                pairedReads[i] = times(1, () -> introspector.read(excluded).tables().size())[0];
                commands[i] = run(paired);
                ratios[i] = (double) pairedReads[i] / commands[i];
            }
            Arrays.sort(ratios);
            pairedCell = ms(percentile(pairedReads, 50)) + " / " + ms(percentile(commands, 50)) + " = "
                    + String.format(Locale.ROOT, "%.2f", ratios[ratios.length / 2]);
        }
        long[] diffs = times(Math.max(runs, 100), () -> SchemaDiff.between(model, drifted).distance());
        long[] fingerprints = times(runs, () -> model.fingerprint().length());
        SchemaDiff diff = SchemaDiff.between(model, drifted);

        String[] columns = {"objects", "cold read ms", "warm read ms (median / p90 / min)", "JVM CPU ms per read",
                "diff ms (median)", "differences", "fingerprint ms (median)", "JSON KB",
                "paired read / command ms (medians) = ratio (median)"};
        String[] row = {
                counts(model),
                ms(coldNs),
                ms(percentile(reads, 50)) + " / " + ms(percentile(reads, 90)) + " / " + ms(percentile(reads, 0)),
                ms(cpuPerRead),
                ms(percentile(diffs, 50)),
                diff.differences().size() + " (distance " + diff.distance() + ")",
                ms(percentile(fingerprints, 50)),
                String.valueOf(SchemaJson.write(model).length() / 1024),
                pairedCell,
        };
        BenchReport.print(columns, row, markdown, header, 34);
        if (!markdown) {
            System.out.println("diff against " + driftedUrl + ":");
            diff.lines().forEach(line -> System.out.println("  " + line));
            System.out.println("jvm: " + Runtime.version() + " " + ManagementFactory.getRuntimeMXBean()
                    .getInputArguments() + ", " + Runtime.getRuntime().availableProcessors() + " cpus");
        }
    }

    /** Wall time of a whole command, its output discarded; a failure ends the benchmark. */
    private static long run(List<String> command) {
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            int status = process.waitFor();
            long elapsed = System.nanoTime() - start;
            if (status != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with status " + status);
            }
            return elapsed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String counts(SchemaModel model) {
        int columns = model.tables().stream().mapToInt(t -> t.columns().size()).sum();
        int constraints = model.tables().stream().map(Table::constraints).mapToInt(List::size).sum();
        return String.format(Locale.ROOT, "%d tables, %d columns, %d constraints, %d indexes, %d sequences, %d views",
                model.tables().size(), columns, constraints, model.indexes().size(), model.sequences().size(),
                model.views().size());
    }

    private static long[] times(int runs, LongSupplier work) {
        long[] ns = new long[runs];
        long acc = 0;
        for (int i = 0; i < runs; i++) {
            long a = System.nanoTime();
            acc += work.getAsLong();
            ns[i] = System.nanoTime() - a;
        }
        sink = acc;
        return ns;
    }

    /** CPU time of the whole process (all threads: JIT and GC included). */
    private static long processCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
