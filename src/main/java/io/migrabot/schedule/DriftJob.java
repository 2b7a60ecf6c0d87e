package io.migrabot.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * One target's scheduled check: the job's name is the target. Two checks of one target never overlap, also across
 * instances: a check that outlasts its slot holds the next one back rather than running beside it.
 */
@DisallowConcurrentExecution
final class DriftJob implements Job {
    private final DriftScheduler.Check check;

    DriftJob(DriftScheduler.Check check) {
        this.check = check;
    }

    @Override
    public void execute(JobExecutionContext context) {
        check.run(context.getJobDetail().getKey().getName(), context.getScheduledFireTime().toInstant());
    }
}
