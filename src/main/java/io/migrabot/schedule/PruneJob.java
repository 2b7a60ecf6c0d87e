package io.migrabot.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/** The state database's daily pruning: once per slot across the instances, never two at once. */
@DisallowConcurrentExecution
final class PruneJob implements Job {
    private final Runnable prune;

    PruneJob(Runnable prune) {
        this.prune = prune;
    }

    @Override
    public void execute(JobExecutionContext context) {
        prune.run();
    }
}
