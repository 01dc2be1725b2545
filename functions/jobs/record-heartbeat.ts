import type { ScheduledEvent } from 'aws-lambda';
import { getConfig } from '../../shared/config';
import { recordHeartbeat } from '../../shared/db/system';
import { logger } from '../_http/logger';

getConfig();

/** EventBridge schedule (AWS) or the local timer: records that the scheduler is alive. */
export const handler = async (event: Pick<ScheduledEvent, 'time'>): Promise<void> => {
  const at = event.time ? new Date(event.time) : new Date();
  await recordHeartbeat('heartbeat', Number.isNaN(at.getTime()) ? new Date() : at);
  logger.info('heartbeat recorded', { at: at.toISOString() });
};
