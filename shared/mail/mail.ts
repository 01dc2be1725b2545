import { randomUUID } from 'node:crypto';
import { getConfig } from '../config';
import { writeOutboxMail } from './outbox';
import { sendWithSes } from './ses';

/**
 * The mail port: one plain-text message to one address. Where it goes depends on the host:
 * - `MAIL_OUTBOX_DIR` set (the local host sets it to DATA_DIR/outbox): a JSON file there, which
 *   the local host lists at /_outbox (never deployed);
 * - on AWS (`HOST_KIND=aws`): Amazon SES (SESv2 SendEmail) from `MAIL_FROM`, with the
 *   configuration set `SES_CONFIGURATION_SET` (bounces and complaints);
 * - otherwise (tests without a directory): kept in memory, read with `sentMail()`.
 *
 * Sending never throws: mail is sent after the change it reports is committed, and a failed
 * send (SES down, address suppressed after a bounce) must not turn a done action into an
 * error. The caller gets the outcome and logs it.
 */
export type MailKind =
  | 'passwordReset'
  | 'passwordChanged'
  | 'sellerApproved'
  | 'sellerRejected'
  | 'sellerSuspended'
  | 'sellerReinstated'
  | 'orderPlaced'
  | 'orderPaid';

export interface Mail {
  to: string;
  subject: string;
  /** Plain text, Vietnamese first with an English line. */
  text: string;
  kind: MailKind;
}

export interface StoredMail extends Mail {
  id: string;
  at: string;
  from: string;
}

export type MailOutcome =
  | { ok: true; id: string; via: 'ses' | 'outbox' | 'memory' }
  | { ok: false; via: 'ses' | 'outbox' | 'memory'; error: string };

const memory: StoredMail[] = [];

/** Tests: the mail "sent" in this process when no outbox directory is set, oldest first. */
export const sentMail = (): readonly StoredMail[] => memory;

/** Tests: pretend the transport failed (SES throttling, a suppressed address) until reset. */
let failing: string | undefined;
export function failMailForTests(reason: string | undefined): void {
  failing = reason;
}

export async function sendMail(mail: Mail, now = new Date()): Promise<MailOutcome> {
  const config = getConfig();
  const via = config.MAIL_OUTBOX_DIR ? 'outbox' : config.HOST_KIND === 'aws' ? 'ses' : 'memory';
  const stored: StoredMail = {
    ...mail,
    id: randomUUID(),
    at: now.toISOString(),
    from: config.MAIL_FROM,
  };
  try {
    if (failing) throw new Error(failing);
    if (via === 'outbox') writeOutboxMail(config.MAIL_OUTBOX_DIR as string, stored);
    else if (via === 'ses') stored.id = await sendWithSes(stored, config.SES_CONFIGURATION_SET);
    else memory.push(stored);
    return { ok: true, id: stored.id, via };
  } catch (err) {
    return { ok: false, via, error: err instanceof Error ? err.message : String(err) };
  }
}
