import { jobs } from '../../infra/routes';
import { getConfig } from '../../shared/config';
import { getEntityCounts } from '../../shared/db/projections';
import { describeMainTable, getHeartbeat } from '../../shared/db/system';
import { httpHandler } from '../_http/http-handler';
import { json } from '../_http/respond';

const config = getConfig();
const heartbeatJob = jobs.find((job) => job.id === 'heartbeat');

/** The table, the scheduler and (for officers) the entity counts; status from the first two. */
export async function healthReport(withDetails: boolean) {
  const [table, heartbeat, counts] = await Promise.all([
    describeMainTable(),
    getHeartbeat('heartbeat'),
    withDetails ? getEntityCounts() : undefined,
  ]);
  const now = Date.now();
  const staleAfterMs = (heartbeatJob?.everyMinutes ?? 5) * 3 * 60_000;
  const schedulerStale = !heartbeat || now - Date.parse(heartbeat.lastRunAt) > staleAfterMs;
  const healthy = table.status === 'ACTIVE';
  const status = healthy ? (schedulerStale ? 'degraded' : 'ok') : 'unavailable';
  const time = new Date(now).toISOString();
  return {
    statusCode: healthy ? 200 : 503,
    body: withDetails
      ? {
          status,
          host: config.HOST_KIND,
          version: config.APP_VERSION,
          time,
          tables: [{ id: 'main', ...table }],
          entities: counts,
          scheduler: { lastRunAt: heartbeat?.lastRunAt ?? null, stale: schedulerStale },
        }
      : { status, time },
  };
}

/**
 * Public liveness and readiness: 200 when the table is ACTIVE, 503 otherwise; `degraded` when the
 * scheduler lags. Status only: counts of accounts, sessions or keys help an attacker, not a load
 * balancer. Officers read the details at GET /api/officer/health.
 */
export const handler = httpHandler({}, async () => {
  const report = await healthReport(false);
  return json(report.statusCode, report.body);
});
