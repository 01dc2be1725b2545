import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Account, ApiKeyRecord, Session } from '../accounts/account';
import { AppError } from '../errors';
import type { Seller } from '../sellers/seller';
import { db } from './client';
import { failedConditions, isConditionFailure } from './errors';
import {
  accountKey,
  accountRoleIndex,
  apiKeyKey,
  apiKeyOwnerIndex,
  loginKey,
  sellerAccountKey,
  sellerKey,
  sellerStatusIndex,
  sessionKey,
  sessionOwnerIndex,
  taxCodeKey,
  throttleKey,
} from './keys';
import { queryAll } from './query';

/** Accounts, their unique logins, sessions, sign-in throttles and seller API keys. */

const strip = <T extends Record<string, unknown>>(item: T | undefined) => {
  if (!item) return undefined;
  const {
    pk: _pk,
    sk: _sk,
    gsi1pk: _a,
    gsi1sk: _b,
    gsi2pk: _c,
    gsi2sk: _d,
    entity: _e,
    expiresAt: _x,
    ...rest
  } = item;
  return rest;
};
const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** One entry of TransactItems (the audit trail's `Put`s are these). */
// biome-ignore lint/suspicious/noExplicitAny: the document client's item type is loose by design
export type TransactItem = Record<string, any>;

/**
 * Creates an account with its logins (each unique) and, for a seller sign-up, the seller profile
 * and its tax-code claim, all in one transaction: either everything exists afterwards or nothing.
 */
export async function insertAccount(
  account: Account,
  logins: string[],
  seller?: Seller,
  /** More items for the same transaction (the audit record), after the others. */
  extra: TransactItem[] = [],
): Promise<void> {
  const { doc, tableName } = db();
  const put = (Item: Record<string, unknown>) => ({
    Put: { TableName: tableName, Item, ConditionExpression: 'attribute_not_exists(pk)' },
  });
  const items = [
    put({
      ...accountKey(account.id),
      ...accountRoleIndex(account.role, account.createdAt, account.id),
      entity: 'account',
      ...account,
    }),
    ...logins.map((login) => put({ ...loginKey(login), entity: 'login', accountId: account.id })),
    ...(seller
      ? [
          put({ ...taxCodeKey(seller.taxCode), entity: 'taxCode', sellerId: seller.id }),
          put({
            ...sellerKey(seller.id),
            ...sellerStatusIndex(seller.status, seller.createdAt, seller.id),
            entity: 'seller',
            ...seller,
          }),
        ]
      : []),
    // Who gets the seller's mail (shared/db/recovery.ts sellerAccounts); after the others, so the
    // indexes of failed conditions above keep their meaning.
    ...(account.sellerId
      ? [
          put({
            ...sellerAccountKey(account.sellerId, account.id),
            entity: 'sellerAccount',
            accountId: account.id,
          }),
        ]
      : []),
  ];
  try {
    await doc.send(new TransactWriteCommand({ TransactItems: [...items, ...extra] }));
  } catch (err) {
    const failed = failedConditions(err);
    if (!failed?.length) throw err;
    if (failed.some((i) => i >= 1 && i <= logins.length)) {
      throw new AppError('account.loginTaken', 'Email or phone already registered', {
        fields: failed
          .filter((i) => i >= 1 && i <= logins.length)
          .map((i) => logins[i - 1]?.split(':')[0]),
      });
    }
    if (seller && failed.includes(logins.length + 1))
      throw new AppError('seller.taxCodeTaken', 'Tax code already registered');
    throw err;
  }
}

export async function getAccount(id: string): Promise<Account | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: accountKey(id), ConsistentRead: true }),
  );
  return strip(out.Item) as Account | undefined;
}

export async function findAccountByLogin(login: string): Promise<Account | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(new GetCommand({ TableName: tableName, Key: loginKey(login) }));
  const accountId = out.Item?.accountId as string | undefined;
  return accountId ? getAccount(accountId) : undefined;
}

/** New password on the expected version; clears the one-time-password flag. */
export async function setPassword(
  accountId: string,
  passwordHash: string,
  expectedVersion: number,
  now: Date,
  extra: TransactItem[] = [],
): Promise<void> {
  const { doc, tableName } = db();
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: accountKey(accountId),
              UpdateExpression:
                'SET passwordHash = :h, mustChangePassword = :f, updatedAt = :now, version = version + :one REMOVE passwordFromOneTime',
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: {
                ':h': passwordHash,
                ':f': false,
                ':now': now.toISOString(),
                ':one': 1,
                ':v': expectedVersion,
              },
            },
          },
          ...extra,
        ],
      }),
    );
  } catch (err) {
    if (failedConditions(err)?.includes(0))
      throw new AppError('auth.sessionExpired', 'The account changed meanwhile; sign in again');
    throw err;
  }
}

/**
 * Disables or enables an account on the version it was read at, with the audit record in the
 * same transaction. Only officers' and sellers' accounts (admins are managed by the admin
 * command). The caller then ends the account's sessions; the status check on every request
 * already refuses them.
 */
export async function setAccountStatus(
  account: Account,
  status: Account['status'],
  now: Date,
  extra: TransactItem[] = [],
  /** Admins too: only the admin command (a person with access to the deployment) passes this. */
  options: { includeAdmins?: boolean } = {},
): Promise<Account> {
  const { doc, tableName } = db();
  const updated: Account = {
    ...account,
    status,
    updatedAt: now.toISOString(),
    version: account.version + 1,
  };
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: accountKey(account.id),
              UpdateExpression: 'SET #status = :s, updatedAt = :now, version = :next',
              ConditionExpression: options.includeAdmins
                ? 'version = :v'
                : 'version = :v AND #role <> :admin',
              ExpressionAttributeNames: {
                '#status': 'status',
                ...(options.includeAdmins ? {} : { '#role': 'role' }),
              },
              ExpressionAttributeValues: {
                ':s': status,
                ':now': updated.updatedAt,
                ':next': updated.version,
                ':v': account.version,
                ...(options.includeAdmins ? {} : { ':admin': 'admin' }),
              },
            },
          },
          ...extra,
        ],
      }),
    );
  } catch (err) {
    if (failedConditions(err)?.includes(0))
      throw new AppError('account.invalidTransition', 'The account changed meanwhile', {
        currentVersion: account.version,
      });
    throw err;
  }
  return updated;
}

/** Accounts of one role, oldest first, by cursor (the byStatus index: ACCOUNTS#<role>). */
export async function listAccountsByRole(role: string, limit: number, cursor?: string) {
  const { doc, tableName } = db();
  let start: Record<string, unknown> | undefined;
  if (cursor) {
    try {
      start = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      start = undefined;
    }
    if (
      !start ||
      typeof start !== 'object' ||
      start.gsi2pk !== `ACCOUNTS#${role}` ||
      !Object.values(start).every((v) => typeof v === 'string')
    )
      throw new AppError('query.invalidCursor', 'Invalid cursor');
  }
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      ExpressionAttributeValues: { ':pk': `ACCOUNTS#${role}` },
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  return {
    items: (out.Items ?? []).map((item) => strip(item) as unknown as Account),
    nextCursor: out.LastEvaluatedKey
      ? Buffer.from(JSON.stringify(out.LastEvaluatedKey)).toString('base64url')
      : undefined,
  };
}

// ---- sessions -------------------------------------------------------------------------------

export async function insertSession(session: Session): Promise<void> {
  const { doc, tableName } = db();
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...sessionKey(session.id),
        ...sessionOwnerIndex(session.accountId, session.createdAt, session.id),
        entity: 'session',
        ...session,
        // TTL only tidies up: expiry is checked on every request (DynamoDB Local never expires).
        expiresAt: epoch(session.expiresAt),
        expiresAtIso: session.expiresAt,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getSession(id: string): Promise<Session | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(new GetCommand({ TableName: tableName, Key: sessionKey(id) }));
  if (!out.Item) return undefined;
  const { expiresAtIso, ...rest } = strip(out.Item) as Record<string, unknown>;
  return { ...rest, expiresAt: String(expiresAtIso) } as Session;
}

export async function deleteSession(id: string): Promise<void> {
  const { doc, tableName } = db();
  await doc.send(new DeleteCommand({ TableName: tableName, Key: sessionKey(id) }));
}

/** Ends every session of an account but one (after a password change). */
export async function deleteSessionsOfAccount(accountId: string, keep?: string): Promise<number> {
  const sessions = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :s)',
    ExpressionAttributeValues: { ':pk': `ACCOUNT#${accountId}`, ':s': 'SESSION#' },
    ProjectionExpression: 'id',
  });
  const ended = sessions.map((item) => String(item.id)).filter((id) => id !== keep);
  for (const id of ended) await deleteSession(id);
  return ended.length;
}

// ---- attempt throttling (sign-in, sign-up) --------------------------------------------------

export interface ThrottlePolicy {
  /** Attempts are counted in a fixed window starting at the first one. */
  windowSeconds: number;
  /** The attempt that reaches `max` locks; while locked nothing is counted or checked. */
  max: number;
  lockSeconds: number;
}

export type AttemptGrant =
  | { allowed: true; attempts: number; windowStart: string }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one attempt BEFORE the guarded work (a password check) happens, in one conditional atomic
 * update: inside the window `attempts + 1` only while `attempts < max`; after the window (and any
 * lock) a fresh window. When neither condition holds the attempt is refused and nothing is counted.
 * Parallel requests cannot slip through: DynamoDB serialises the conditional updates of one item,
 * so at most `max` attempts per window are ever granted.
 */
export async function takeAttempt(
  what: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<AttemptGrant> {
  const { doc, tableName } = db();
  const nowIso = now.toISOString();
  const floor = new Date(now.getTime() - policy.windowSeconds * 1000).toISOString();
  const expiresAt = epoch(nowIso) + policy.windowSeconds + policy.lockSeconds;
  for (let round = 0; round < 3; round++) {
    try {
      const out = await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: throttleKey(what),
          UpdateExpression: 'SET attempts = attempts + :one, expiresAt = :exp',
          ConditionExpression: 'windowStart > :floor AND attempts < :max',
          ExpressionAttributeValues: {
            ':one': 1,
            ':floor': floor,
            ':max': policy.max,
            ':exp': expiresAt,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      const attempts = Number(out.Attributes?.attempts);
      const windowStart = String(out.Attributes?.windowStart);
      if (attempts >= policy.max) await lock(what, now, policy);
      return { allowed: true, attempts, windowStart };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: throttleKey(what),
          UpdateExpression:
            'SET attempts = :one, windowStart = :now, expiresAt = :exp, entity = :entity REMOVE lockedUntil',
          ConditionExpression:
            'attribute_not_exists(pk) OR (windowStart <= :floor AND (attribute_not_exists(lockedUntil) OR lockedUntil <= :now))',
          ExpressionAttributeValues: {
            ':one': 1,
            ':now': nowIso,
            ':floor': floor,
            ':exp': expiresAt,
            ':entity': 'throttle',
          },
        }),
      );
      if (policy.max <= 1) await lock(what, now, policy);
      return { allowed: true, attempts: 1, windowStart: nowIso };
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
    // Both refused: locked, or another request opened a new window meanwhile (then count again).
    const state = await getThrottle(what);
    const wait = state ? secondsLocked(state, now, policy) : 0;
    if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
  }
  return { allowed: false, retryAfterSeconds: 1 };
}

async function lock(what: string, now: Date, policy: ThrottlePolicy) {
  const { doc, tableName } = db();
  await doc.send(
    new UpdateCommand({
      TableName: tableName,
      Key: throttleKey(what),
      UpdateExpression: 'SET lockedUntil = :until',
      ExpressionAttributeValues: {
        ':until': new Date(now.getTime() + policy.lockSeconds * 1000).toISOString(),
      },
    }),
  );
}

export interface ThrottleState {
  attempts: number;
  windowStart: string;
  lockedUntil?: string;
}

export async function getThrottle(what: string): Promise<ThrottleState | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: throttleKey(what), ConsistentRead: true }),
  );
  return out.Item
    ? {
        attempts: Number(out.Item.attempts),
        windowStart: String(out.Item.windowStart),
        ...(out.Item.lockedUntil ? { lockedUntil: String(out.Item.lockedUntil) } : {}),
      }
    : undefined;
}

/** Seconds until attempts are taken again (0: not locked). */
export function secondsLocked(state: ThrottleState, now: Date, policy: ThrottlePolicy): number {
  const windowEnd = Date.parse(state.windowStart) + policy.windowSeconds * 1000;
  const lockEnd = state.lockedUntil ? Date.parse(state.lockedUntil) : 0;
  const full = state.attempts >= policy.max && windowEnd > now.getTime();
  const until = Math.max(lockEnd, full ? Math.max(windowEnd, lockEnd) : 0);
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/**
 * After a success: the counter starts again, unless attempts were counted after this one (a
 * parallel guesser's count is not wiped by the owner's success).
 */
export async function resetAttempts(what: string, grantedAttempts: number): Promise<void> {
  const { doc, tableName } = db();
  try {
    await doc.send(
      new DeleteCommand({
        TableName: tableName,
        Key: throttleKey(what),
        ConditionExpression: 'attempts <= :mine',
        ExpressionAttributeValues: { ':mine': grantedAttempts },
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}

/** Gives back one counted attempt of the same window (a success, or a refusal by another limit). */
export async function refundAttempt(what: string, windowStart: string): Promise<void> {
  const { doc, tableName } = db();
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: throttleKey(what),
        UpdateExpression: 'SET attempts = attempts - :one',
        ConditionExpression: 'windowStart = :w AND attempts > :zero',
        ExpressionAttributeValues: { ':one': 1, ':zero': 0, ':w': windowStart },
      }),
    );
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
  }
}

// ---- API keys -------------------------------------------------------------------------------

export const MAX_ACTIVE_API_KEYS = 10;

export async function insertApiKey(
  record: ApiKeyRecord,
  extra: TransactItem[] = [],
): Promise<void> {
  const active = (await listApiKeys(record.sellerId)).filter((k) => !k.revokedAt);
  if (active.length >= MAX_ACTIVE_API_KEYS) {
    throw new AppError('apiKey.limitReached', `At most ${MAX_ACTIVE_API_KEYS} active keys`, {
      max: MAX_ACTIVE_API_KEYS,
    });
  }
  const { doc, tableName } = db();
  await doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...apiKeyKey(record.keyId),
              ...apiKeyOwnerIndex(record.sellerId, record.createdAt, record.keyId),
              entity: 'apiKey',
              ...record,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...extra,
      ],
    }),
  );
}

export async function getApiKey(keyId: string): Promise<ApiKeyRecord | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(new GetCommand({ TableName: tableName, Key: apiKeyKey(keyId) }));
  return strip(out.Item) as ApiKeyRecord | undefined;
}

export async function listApiKeys(sellerId: string): Promise<ApiKeyRecord[]> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :s)',
      ExpressionAttributeValues: { ':pk': `SELLER#${sellerId}`, ':s': 'APIKEY#' },
      ScanIndexForward: false,
      Limit: 100,
    }),
  );
  return (out.Items ?? []).map((item) => strip(item) as unknown as ApiKeyRecord);
}

/** Revokes a key of this seller; another seller's key is "not found" (ids don't leak). */
export async function revokeApiKey(
  keyId: string,
  sellerId: string,
  now: Date,
  extra: TransactItem[] = [],
): Promise<void> {
  const { doc, tableName } = db();
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: apiKeyKey(keyId),
              UpdateExpression: 'SET revokedAt = :now',
              ConditionExpression: 'sellerId = :s AND attribute_not_exists(revokedAt)',
              ExpressionAttributeValues: { ':now': now.toISOString(), ':s': sellerId },
            },
          },
          ...extra,
        ],
      }),
    );
  } catch (err) {
    if (failedConditions(err)?.includes(0))
      throw new AppError('apiKey.notFound', 'No such active API key');
    throw err;
  }
}

/** Revokes every active key of a seller (its suspension); returns the revoked key ids. */
export async function revokeAllApiKeys(sellerId: string, now: Date): Promise<string[]> {
  const active = (await listApiKeys(sellerId)).filter((k) => !k.revokedAt);
  const revoked: string[] = [];
  for (const key of active) {
    try {
      await revokeApiKey(key.keyId, sellerId, now);
      revoked.push(key.keyId);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  return revoked;
}
