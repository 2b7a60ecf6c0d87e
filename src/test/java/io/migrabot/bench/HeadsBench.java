package io.migrabot.bench;

import io.migrabot.operation.Heads;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.script.AlembicScriptDirectory;
import io.migrabot.script.RevisionFileCache;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static io.migrabot.bench.BenchReport.ms;
import static io.migrabot.bench.BenchReport.percentile;

/**
 * In-process benchmark of loading an Alembic project and listing its heads (a benchmark, not a test: it asserts
 * nothing about time). Run it in a fresh JVM so that "cold" means cold:
 *
 * <pre>
 * java -cp target/migrabot.jar:target/test-classes io.migrabot.bench.HeadsBench [options] path/to/alembic.ini
 *   --label NAME     row label (default: the ini's folder name)
 *   --warmups N      reloads before measuring (default 10)
 *   --runs N         measured reloads (default 30)
 *   --markdown       print the markdown table row only (with --header, the header too)
 *   --once           load once, print the heads and the heap in use, exit (for runs under a small -Xmx)
 * </pre>
 *
 * <ul>
 *   <li>cold: the first {@code AlembicScriptDirectory.load(...).graph().heads()} in this JVM (class loading,
 *       interpreter, JIT warm-up included), plus the JVM's uptime when it returned;</li>
 *   <li>warm: median and p90 of {@code runs} reloads after {@code warmups}, split into load (read and parse the
 *       files) and graph (build the {@link RevisionGraph}: heads are computed there); and the process's CPU time
 *       per reload, which other work on the machine disturbs less than wall time;</li>
 *   <li>heads(): ns per call of {@code graph.heads()} and of {@code new Heads(graph).list(false)} on a loaded
 *       graph, medians over batches;</li>
 *   <li>heap: used heap after forced GCs with the loaded directory and its graph strongly held, minus the same
 *       before loading.</li>
 * </ul>
 */
public final class HeadsBench {
    private static volatile Object sink;

    public static void main(String[] args) {
        String label = null;
        int warmups = 10;
        int runs = 30;
        boolean markdown = false;
        boolean header = false;
        boolean once = false;
        Path ini = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--label" -> label = args[++i];
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--markdown" -> markdown = true;
                case "--header" -> header = true;
                case "--once" -> once = true;
                default -> ini = Path.of(args[i]).toAbsolutePath();
            }
        }
        if (ini == null) {
            System.err.println("usage: HeadsBench [--label L] [--warmups N] [--runs N] [--markdown [--header]]"
                    + " [--once] alembic.ini");
            System.exit(2);
        }
        Path workDir = ini.getParent();
        if (label == null) {
            label = workDir.getFileName().toString();
        }

        // ---- cold: the very first load in this JVM ----
        long t0 = System.nanoTime();
        AlembicScriptDirectory firstDir = AlembicScriptDirectory.load(ini, "alembic", workDir);
        RevisionGraph firstGraph = firstDir.graph();
        List<String> heads = firstGraph.heads();
        long coldNs = System.nanoTime() - t0;
        long uptimeMs = ManagementFactory.getRuntimeMXBean().getUptime();
        int size = firstGraph.size();
        if (once) {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            long used = usedAfterGc(memory);
            System.out.printf(Locale.ROOT, "loaded %d revisions, %d problems, heads %s; cold %.1f ms; heap used "
                            + "after GC %.1f MB of max %.0f MB%n", size, firstGraph.problems().size(), heads,
                    coldNs / 1e6, used / 1048576.0, memory.getHeapMemoryUsage().getMax() / 1048576.0);
            Reference.reachabilityFence(firstDir);
            Reference.reachabilityFence(firstGraph);
            return;
        }
        if (!firstGraph.problems().isEmpty()) {
            System.err.println("warning: " + firstGraph.problems().size() + " problems, first: "
                    + firstGraph.problems().get(0).describe());
        }
        firstDir = null;
        firstGraph = null;

        // ---- warm reloads ----
        for (int i = 0; i < warmups; i++) {
            sink = AlembicScriptDirectory.load(ini, "alembic", workDir).graph().heads();
        }
        long[] total = new long[runs];
        long[] load = new long[runs];
        long[] graph = new long[runs];
        AlembicScriptDirectory dir = null;
        RevisionGraph g = null;
        long cpuStart = processCpuNs();
        for (int i = 0; i < runs; i++) {
            long a = System.nanoTime();
            dir = AlembicScriptDirectory.load(ini, "alembic", workDir);
            long b = System.nanoTime();
            g = dir.graph();
            sink = g.heads();
            long c = System.nanoTime();
            total[i] = c - a;
            load[i] = b - a;
            graph[i] = c - b;
        }
        long cpuPerReload = (processCpuNs() - cpuStart) / runs;

        // ---- warm reloads of an unchanged project through a RevisionFileCache (what a long-running bot does) ----
        RevisionFileCache cache = new RevisionFileCache();
        for (int i = 0; i < warmups; i++) {
            sink = AlembicScriptDirectory.load(ini, "alembic", workDir, cache).graph().heads();
        }
        long[] cached = new long[runs];
        for (int i = 0; i < runs; i++) {
            long a = System.nanoTime();
            sink = AlembicScriptDirectory.load(ini, "alembic", workDir, cache).graph().heads();
            cached[i] = System.nanoTime() - a;
        }

        // ---- heads from a loaded graph ----
        double headsNs = perCall(g, gr -> gr.heads());
        double listNs = perCall(g, gr -> new Heads(gr).list(false));

        // ---- retained heap ----
        dir = null;
        g = null;
        sink = null;
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        AlembicScriptDirectory held = AlembicScriptDirectory.load(ini, "alembic", workDir);
        long withDir = usedAfterGc(memory);
        RevisionGraph heldGraph = held.graph();
        long withGraph = usedAfterGc(memory);
        Reference.reachabilityFence(held);
        Reference.reachabilityFence(heldGraph);

        String[] row = {
                label,
                String.valueOf(size),
                String.valueOf(heads.size()),
                ms(coldNs),
                String.valueOf(uptimeMs),
                ms(percentile(total, 50)) + " / " + ms(percentile(total, 90)),
                ms(cpuPerReload),
                ms(percentile(load, 50)),
                ms(percentile(graph, 50)),
                ms(percentile(cached, 50)) + " / " + ms(percentile(cached, 90)),
                String.format(Locale.ROOT, "%.1f", headsNs),
                String.format(Locale.ROOT, "%.1f", listNs),
                mb(withGraph - before) + " (" + mb(withDir - before) + " + " + mb(withGraph - withDir) + ")",
        };
        String[] columns = {"project", "revisions", "heads", "cold load+heads ms", "JVM uptime at cold end ms",
                "warm reload ms (median / p90)", "warm CPU ms per reload", "of which load ms", "of which graph ms",
                "cached reload, files unchanged, ms (median / p90)", "graph.heads() ns",
                "Heads.list(false) ns", "retained heap MB (dir + graph)"};
        BenchReport.print(columns, row, markdown, header, 32);
        if (!markdown) {
            System.out.println("heads: " + heads);
            System.out.println("jvm: " + Runtime.version() + " " + ManagementFactory.getRuntimeMXBean()
                    .getInputArguments() + ", " + Runtime.getRuntime().availableProcessors() + " cpus");
        }
    }

    /** Median ns per call over batches of calls. */
    private static double perCall(RevisionGraph graph, java.util.function.Function<RevisionGraph, List<?>> call) {
        int batch = 1000;
        double[] perCall = new double[300];
        long acc = 0;
        for (int round = -100; round < perCall.length; round++) { // 100 warm-up batches
            long a = System.nanoTime();
            for (int i = 0; i < batch; i++) {
                acc += call.apply(graph).size();
            }
            long elapsed = System.nanoTime() - a;
            if (round >= 0) {
                perCall[round] = (double) elapsed / batch;
            }
        }
        sink = acc;
        Arrays.sort(perCall);
        return perCall[perCall.length / 2];
    }

    /** CPU time of the whole process (all threads: the parallel readers, JIT, GC). */
    private static long processCpuNs() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }
}
