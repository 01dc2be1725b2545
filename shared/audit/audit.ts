import type { Role } from '../accounts/principal';

/**
 * The audit trail: an append-only record of who did what, when, for security-relevant actions.
 * Pure: the caller brings the id and the time. Writers: shared/db/audit.ts (a `Put` to include in
 * the same transaction as the change it records, or a plain write for sign-in events).
 *
 * What goes in: the actor (account, API key, the public with an address, the system), a dotted
 * action name, the target (an account, a seller, an API key…) and small details. What never goes in:
 * passwords, hashes, tokens, secrets, API keys, buyers' data. `auditEvent` refuses details whose
 * names or values look like those, so a careless caller fails in tests, not in production logs.
 */
export type AuditActor =
  | { kind: 'account'; accountId: string; role: Role; sellerId?: string; address?: string }
  | { kind: 'apiKey'; keyId: string; sellerId: string; address?: string }
  | { kind: 'public'; address?: string }
  | { kind: 'system'; name: string };

export type AuditTargetKind = 'account' | 'seller' | 'apiKey' | 'paymentConnection' | 'setting';
export interface AuditTarget {
  kind: AuditTargetKind;
  id: string;
  /** The account the target belongs to or is, so "everything about account X" finds it. */
  accountId?: string;
  /** The seller the target belongs to or is. */
  sellerId?: string;
}

export type AuditDetailValue = string | number | boolean | null;
export type AuditDetails = Record<string, AuditDetailValue | Record<string, AuditDetailValue>>;

export interface AuditEvent {
  id: string;
  at: string;
  action: string;
  outcome: 'success' | 'failure';
  actor: AuditActor;
  target?: AuditTarget;
  details?: AuditDetails;
}

/** Actions recorded today; others (payments, officer inputs) add theirs here. */
export const AUDIT_ACTIONS = [
  'auth.signIn',
  'auth.signInFailed',
  'auth.signInThrottled',
  'auth.signOut',
  'account.signUp',
  'account.signUpRefused',
  'account.passwordChanged',
  'account.passwordResetRequested',
  'account.passwordReset',
  'account.oneTimePasswordIssued',
  'account.oneTimePasswordUsed',
  'account.disabled',
  'account.enabled',
  'officer.created',
  'seller.approve',
  'seller.reject',
  'seller.suspend',
  'seller.reinstate',
  'seller.profileChanged',
  'seller.bankChangeRequested',
  'seller.bankChangeApproved',
  'seller.bankChangeRejected',
  'apiKey.created',
  'apiKey.revoked',
  'apiKey.revokedBySuspension',
  'statsInput.entered',
  'statsInput.corrected',
  'statsInput.tmblUploaded',
] as const;
export type KnownAuditAction = (typeof AUDIT_ACTIONS)[number];

/** `domain.camelCase`, like error codes; a name not in AUDIT_ACTIONS is allowed for new writers. */
export const AUDIT_ACTION_PATTERN = /^[a-z][A-Za-z]{1,30}\.[a-z][A-Za-z]{1,40}$/;

const SECRET_NAME = /pass(word)?|hash|token|secret|cookie|authorization|^key$|apiKey$/i;
const SECRET_VALUE = /^(v1\.[A-Za-z0-9_-]+\.|cs_[A-Za-z0-9]{12}_|scrypt\$)/;

function checkDetails(details: AuditDetails, path = ''): void {
  for (const [name, value] of Object.entries(details)) {
    if (SECRET_NAME.test(name))
      throw new Error(`Audit details may not carry secrets (field ${path}${name})`);
    if (typeof value === 'string' && (SECRET_VALUE.test(value) || value.length > 500))
      throw new Error(`Audit detail ${path}${name} looks like a secret or is too long`);
    if (value && typeof value === 'object') checkDetails(value as AuditDetails, `${path}${name}.`);
  }
}

/** Builds an event, refusing bad action names and anything in details that looks secret. */
export function auditEvent(
  input: Omit<AuditEvent, 'outcome'> & { outcome?: AuditEvent['outcome'] },
): AuditEvent {
  if (!AUDIT_ACTION_PATTERN.test(input.action))
    throw new Error(`Bad audit action name: ${input.action}`);
  if (input.details) checkDetails(input.details);
  return { ...input, outcome: input.outcome ?? 'success' };
}

/** The accounts an event concerns (actor and target), for "everything by or about account X". */
export function accountsOf(event: AuditEvent): string[] {
  const ids = new Set<string>();
  if (event.actor.kind === 'account') ids.add(event.actor.accountId);
  if (event.target?.accountId) ids.add(event.target.accountId);
  if (event.target?.kind === 'account') ids.add(event.target.id);
  return [...ids];
}

/** The sellers an event concerns (actor's and target's). */
export function sellersOf(event: AuditEvent): string[] {
  const ids = new Set<string>();
  if ('sellerId' in event.actor && event.actor.sellerId) ids.add(event.actor.sellerId);
  if (event.target?.sellerId) ids.add(event.target.sellerId);
  if (event.target?.kind === 'seller') ids.add(event.target.id);
  return [...ids];
}
