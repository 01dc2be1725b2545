import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger for every function. JSON on Lambda; POWERTOOLS_DEV=true pretty-prints locally.
 * Never log bodies, tokens, passwords, phone or account numbers: log ids and facts.
 */
export const logger = new Logger({ serviceName: 'cho-so' });
