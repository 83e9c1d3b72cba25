/**
 * node-cron jobs, declared in one place (style.md principle 8: node-cron is imported here only).
 * Times are Asia/Shanghai: the users' day, whatever the machine's zone.
 */
import cron, { type ScheduledTask } from 'node-cron';

export const JOB_TIMEZONE = 'Asia/Shanghai';

export interface Job {
  name: string;
  cron: string;
  run(): Promise<unknown>;
}

export class Scheduler {
  private readonly tasks = new Map<string, ScheduledTask>();

  constructor(private readonly onError: (job: string, err: unknown) => void) {}

  /** Replaces the job of the same name; an invalid expression is refused with the reason. */
  schedule(job: Job): void {
    if (!cron.validate(job.cron)) throw new Error(`Invalid schedule "${job.cron}" for ${job.name}.`);
    this.unschedule(job.name);
    const task = cron.schedule(
      job.cron,
      async () => {
        try {
          await job.run();
        } catch (err) {
          this.onError(job.name, err);
        }
      },
      { name: job.name, timezone: JOB_TIMEZONE, noOverlap: true },
    );
    this.tasks.set(job.name, task);
  }

  unschedule(name: string): void {
    const task = this.tasks.get(name);
    if (task) void task.destroy();
    this.tasks.delete(name);
  }

  names(): string[] {
    return [...this.tasks.keys()].sort();
  }

  stop(): void {
    for (const name of [...this.tasks.keys()]) this.unschedule(name);
  }
}
