import { jobs } from '../../infra/routes';
import { getConfig } from '../../shared/config';
import { getEntityCounts } from '../../shared/db/projections';
import { describeMainTable, getHeartbeat } from '../../shared/db/system';
import { httpHandler } from '../_http/http-handler';
import { json } from '../_http/respond';

const config = getConfig();
const heartbeatJob = jobs.find((job) => job.id === 'heartbeat');

/** Liveness and readiness: 200 when the table is ACTIVE, 503 otherwise; scheduler lag is reported. */
export const handler = httpHandler({}, async () => {
  const [table, counts, heartbeat] = await Promise.all([
    describeMainTable(),
    getEntityCounts(),
    getHeartbeat('heartbeat'),
  ]);
  const now = Date.now();
  const staleAfterMs = (heartbeatJob?.everyMinutes ?? 5) * 3 * 60_000;
  const schedulerStale = !heartbeat || now - Date.parse(heartbeat.lastRunAt) > staleAfterMs;
  const healthy = table.status === 'ACTIVE';
  return json(healthy ? 200 : 503, {
    status: healthy ? (schedulerStale ? 'degraded' : 'ok') : 'unavailable',
    host: config.HOST_KIND,
    version: config.APP_VERSION,
    time: new Date(now).toISOString(),
    tables: [{ id: 'main', ...table }],
    entities: counts,
    scheduler: { lastRunAt: heartbeat?.lastRunAt ?? null, stale: schedulerStale },
  });
});
