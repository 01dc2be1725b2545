import type { JobDefinition } from '../routes';

/**
 * Local stand-in for the EventBridge schedule: runs each job once at start and then every
 * `everyMinutes`, never two runs of one job at a time. `stop()` waits for runs in flight.
 */
export function startScheduler(
  jobs: readonly JobDefinition[],
  run: (job: JobDefinition, event: { time: string }) => Promise<void>,
  log: (message: string, data?: Record<string, unknown>) => void,
) {
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<void>>();
  const busy = new Set<string>();
  const fire = (job: JobDefinition) => {
    if (busy.has(job.id)) return;
    busy.add(job.id);
    const p = run(job, { time: new Date().toISOString() })
      .catch((err: unknown) => log('scheduled job failed', { job: job.id, error: String(err) }))
      .finally(() => {
        busy.delete(job.id);
        inFlight.delete(p);
      });
    inFlight.add(p);
  };
  for (const job of jobs) {
    fire(job);
    timers.push(setInterval(() => fire(job), job.everyMinutes * 60_000));
  }
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await Promise.all(inFlight);
    },
  };
}
