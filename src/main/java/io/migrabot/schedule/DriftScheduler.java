package io.migrabot.schedule;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.DriftSchedule;
import io.migrabot.state.StateDatabase;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.jdbcjobstore.JobStoreTX;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.simpl.SimpleThreadPool;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each target's drift check on its cron, and the state database's pruning on its own. Quartz keeps the
 * schedule in the state database, clustered, so instances sharing that database run each check once per slot,
 * and a slot missed while no instance ran is made up by one check when one runs again, not one per missed slot.
 * Until {@link #start} it only answers questions about the schedule (the console, tests): it never runs a check.
 */
public final class DriftScheduler implements AutoCloseable {
    /** What a check does; a target that cannot be checked is its business to report, not to throw. */
    @FunctionalInterface
    public interface Check {
        /** @param slot the time the check was scheduled for */
        void run(String target, Instant slot);
    }

    static final String GROUP = "drift";
    private static final JobKey PRUNING = JobKey.jobKey("retention", "housekeeping");
    private static final String NAME = "migrabot";
    /** Checks at once; a check may build expected schemas, so a few at a time is plenty. */
    private static final int THREADS = 2;
    /**
     * How late a slot may fire before it counts as missed. A missed slot runs once now, which is what a late one
     * does too; the threshold only keeps Quartz from firing a backlog of late slots one after another.
     */
    private static final Duration MISFIRE_THRESHOLD = Duration.ofSeconds(10);
    private static final AtomicInteger DATA_SOURCES = new AtomicInteger();
    private static final Logger log = LoggerFactory.getLogger(DriftScheduler.class);

    private final Scheduler scheduler;
    private volatile Runnable prune = () -> log.warn("The state database's pruning fired before it was set up here");

    private DriftScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** @param instance this instance's name in the cluster, unique among the instances sharing {@code state} */
    public static DriftScheduler create(StateDatabase state, String instance) {
        return create(state, instance, MISFIRE_THRESHOLD);
    }

    static DriftScheduler create(StateDatabase state, String instance, Duration misfireThreshold) {
        // Quartz finds connection providers by name in a JVM-wide registry; one name per scheduler keeps schedulers
        // on different state databases (tests) apart. The registry has no removal: an entry is left per scheduler.
        String dataSource = "migrabot-state-" + DATA_SOURCES.incrementAndGet();
        DBConnectionManager.getInstance().addConnectionProvider(dataSource, new StateConnections(state.database()));
        Properties properties = new Properties();
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, NAME);
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, instance);
        properties.setProperty(StdSchedulerFactory.PROP_SCHED_MAKE_SCHEDULER_THREAD_DAEMON, "true");
        properties.setProperty(StdSchedulerFactory.PROP_THREAD_POOL_CLASS, SimpleThreadPool.class.getName());
        properties.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
        properties.setProperty("org.quartz.threadPool.threadNamePrefix", "migrabot-drift");
        properties.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        properties.setProperty(StdSchedulerFactory.PROP_JOB_STORE_CLASS, JobStoreTX.class.getName());
        properties.setProperty("org.quartz.jobStore.driverDelegateClass", PostgreSQLDelegate.class.getName());
        properties.setProperty("org.quartz.jobStore.dataSource", dataSource);
        properties.setProperty("org.quartz.jobStore.isClustered", "true");
        properties.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(misfireThreshold.toMillis()));
        properties.setProperty("org.quartz.jobStore.makeThreadsDaemons", "true");
        // job data as strings, never Java-serialized objects in the state database
        properties.setProperty("org.quartz.jobStore.useProperties", "true");
        try {
            synchronized (DriftScheduler.class) {
                Scheduler scheduler = new StdSchedulerFactory(properties).getScheduler();
                // Quartz also keeps schedulers by name JVM-wide and hands out the one it has; cluster members share
                // the name, and tests run two in one JVM: each keeps its own reference instead.
                SchedulerRepository.getInstance().remove(NAME);
                return new DriftScheduler(scheduler);
            }
        } catch (SchedulerException e) {
            throw failure("setting up the drift scheduler", e);
        }
    }

    /**
     * Schedules exactly the targets in {@code crons} (target to cron expression), dropping the jobs of targets no
     * longer there, then starts running checks. A target whose cron is unchanged keeps its trigger as it is, so a
     * slot it missed while no instance ran is still made up.
     */
    public void start(Map<String, String> crons, Check check) {
        try {
            scheduler.setJobFactory((bundle, ignored) -> bundle.getJobDetail().getKey().equals(PRUNING)
                    ? new PruneJob(prune) : new DriftJob(check));
            for (JobKey job : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                if (!crons.containsKey(job.getName())) {
                    scheduler.deleteJob(job);
                    log.info("Drift checks of {} are no longer scheduled", job.getName());
                }
            }
            for (Map.Entry<String, String> entry : crons.entrySet()) {
                Trigger wanted = trigger(entry.getKey(), entry.getValue());
                if (!unchanged(scheduler.getTrigger(wanted.getKey()), (CronTrigger) wanted)) {
                    JobDetail job = JobBuilder.newJob(DriftJob.class).withIdentity(entry.getKey(), GROUP).build();
                    scheduler.scheduleJob(job, Set.of(wanted), true);
                }
            }
            scheduler.start();
            log.info("Drift checks scheduled for {} target(s)", crons.size());
        } catch (SchedulerException e) {
            throw failure("scheduling drift checks", e);
        }
    }

    /**
     * Schedules {@code task}, the state database's pruning, on {@code cron} (UTC): once per slot across the
     * instances sharing the state database, a slot missed while none ran made up once. Call before {@link #start}.
     */
    public void schedulePruning(String cron, Runnable task) {
        prune = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Pruning the state database failed; it is tried again at the next slot: {}",
                        e.getMessage(), e);
            }
        };
        try {
            CronTrigger wanted = (CronTrigger) trigger(PRUNING.getName(), PRUNING.getGroup(), cron);
            if (!unchanged(scheduler.getTrigger(wanted.getKey()), wanted)) {
                scheduler.scheduleJob(JobBuilder.newJob(PruneJob.class).withIdentity(PRUNING).build(),
                        Set.of(wanted), true);
            }
        } catch (SchedulerException e) {
            throw failure("scheduling the state database's pruning", e);
        }
    }

    private static Trigger trigger(String target, String cron) {
        return trigger(target, GROUP, cron);
    }

    private static Trigger trigger(String name, String group, String cron) {
        return TriggerBuilder.newTrigger().withIdentity(name, group).forJob(name, group)
                .withSchedule(CronScheduleBuilder.cronSchedule(cron)
                        .inTimeZone(TimeZone.getTimeZone(DriftSchedule.ZONE))
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    private static boolean unchanged(Trigger existing, CronTrigger wanted) {
        return existing instanceof CronTrigger cron && cron.getCronExpression().equals(wanted.getCronExpression())
                && cron.getTimeZone().hasSameRules(wanted.getTimeZone())
                && cron.getMisfireInstruction() == wanted.getMisfireInstruction();
    }

    /** Whether checks fire: started, and neither on standby nor shut down. */
    public boolean running() {
        try {
            return scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown();
        } catch (SchedulerException e) {
            throw failure("asking whether the drift scheduler runs", e);
        }
    }

    /** When the target's next scheduled check is; empty when it has none. */
    public Optional<Instant> nextCheck(String target) {
        try {
            return Optional.ofNullable(scheduler.getTrigger(TriggerKey.triggerKey(target, GROUP)))
                    .map(Trigger::getNextFireTime).map(Date::toInstant);
        } catch (SchedulerException e) {
            throw failure("reading the drift schedule", e);
        }
    }

    /**
     * Stops firing checks, lets a running one finish for up to {@code grace}, then stops; a check still running is
     * left to end with the process (its threads do not keep the process alive).
     */
    public void close(Duration grace) {
        try {
            scheduler.standby();
            long deadline = System.nanoTime() + grace.toNanos();
            while (!scheduler.getCurrentlyExecutingJobs().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            int running = scheduler.getCurrentlyExecutingJobs().size();
            if (running > 0) {
                log.warn("{} drift check(s) still running after {} ms; stopping without them", running,
                        grace.toMillis());
            }
        } catch (SchedulerException e) {
            log.warn("Could not wait for running drift checks: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            log.warn("Could not stop the drift scheduler cleanly: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    private static MigrabotException failure(String doing, SchedulerException e) {
        return new MigrabotException(ErrorCode.DATABASE, doing + " failed: " + e.getMessage(), e);
    }
}
