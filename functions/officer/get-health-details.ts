import { getConfig } from '../../shared/config';
import { httpHandler } from '../_http/http-handler';
import { json } from '../_http/respond';
import { healthReport } from '../system/get-health';

getConfig();

/** The health report with its details (tables, item counts per entity, scheduler), for officers. */
export const handler = httpHandler({}, async () => {
  const report = await healthReport(true);
  return json(report.statusCode, report.body);
});
