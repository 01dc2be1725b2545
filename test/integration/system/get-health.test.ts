import { describe, expect, it } from 'vitest';
import { handler as recordHeartbeat } from '../../../functions/jobs/record-heartbeat';
import { handler } from '../../../functions/system/get-health';
import { lambdaContext } from '../../../infra/local/lambda-context';
import { apiEvent } from '../../helpers/api-event';
import { officerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';

describe('GET /api/health', () => {
  it('tells the public the status only: no counts, tables or versions', async () => {
    const result = await handler(apiEvent('system/get-health'), lambdaContext('system'));

    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body ?? '{}');
    expect(Object.keys(body).sort()).toEqual(['status', 'time']);
    expect(body.status).toBe('degraded');
    expect(result.headers?.['x-request-id']).toBeTruthy();
  });

  it('gives officers the details: an active table with its stream, a stale scheduler before any heartbeat', async () => {
    const officer = await officerSession();
    const res = await call('GET /api/officer/health', { headers: officer.headers });
    expect(res.status).toBe(200);
    expect(res.body.tables).toEqual([
      expect.objectContaining({ id: 'main', status: 'ACTIVE', streamEnabled: true }),
    ]);
    expect(res.body.entities).toEqual(expect.any(Object));
    expect(res.body.scheduler).toEqual({ lastRunAt: null, stale: true });
  });

  it('is ok once the scheduled heartbeat has run, and never moves the heartbeat backwards', async () => {
    const now = new Date();
    await recordHeartbeat({ time: now.toISOString() });
    await recordHeartbeat({ time: new Date(now.getTime() - 60_000).toISOString() });

    const body = JSON.parse(
      (await handler(apiEvent('system/get-health'), lambdaContext('system'))).body ?? '{}',
    );
    expect(body.status).toBe('ok');
    const officer = await officerSession();
    const details = await call('GET /api/officer/health', { headers: officer.headers });
    expect(details.body.scheduler).toEqual({ lastRunAt: now.toISOString(), stale: false });
  });

  it('sends CORS headers for an allowed origin', async () => {
    const result = await handler(
      apiEvent('system/get-health', { headers: { origin: 'https://example.vn' } }),
      lambdaContext('system'),
    );
    expect(result.headers?.['access-control-allow-origin']).toBe('*');
  });
});
