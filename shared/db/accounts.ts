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

/**
 * Creates an account with its logins (each unique) and, for a seller sign-up, the seller profile
 * and its tax-code claim, all in one transaction: either everything exists afterwards or nothing.
 */
export async function insertAccount(
  account: Account,
  logins: string[],
  seller?: Seller,
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
  ];
  try {
    await doc.send(new TransactWriteCommand({ TransactItems: items }));
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
): Promise<void> {
  const { doc, tableName } = db();
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: accountKey(accountId),
        UpdateExpression:
          'SET passwordHash = :h, mustChangePassword = :f, updatedAt = :now, version = version + :one',
        ConditionExpression: 'version = :v',
        ExpressionAttributeValues: {
          ':h': passwordHash,
          ':f': false,
          ':now': now.toISOString(),
          ':one': 1,
          ':v': expectedVersion,
        },
      }),
    );
  } catch (err) {
    if (isConditionFailure(err))
      throw new AppError('auth.sessionExpired', 'The account changed meanwhile; sign in again');
    throw err;
  }
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

// ---- sign-in throttling ---------------------------------------------------------------------

export interface ThrottleState {
  failures: number;
  lockedUntil?: string;
}

export async function getThrottle(what: string): Promise<ThrottleState | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: throttleKey(what), ConsistentRead: true }),
  );
  return out.Item
    ? {
        failures: Number(out.Item.failures),
        lockedUntil: out.Item.lockedUntil as string | undefined,
      }
    : undefined;
}

/**
 * Counts a failed attempt in a fixed window (atomic ADD inside the window, a fresh window after
 * it) and locks once `max` is reached. Returns the state after the attempt.
 */
export async function recordFailedAttempt(
  what: string,
  now: Date,
  policy: { windowSeconds: number; max: number; lockSeconds: number },
): Promise<ThrottleState> {
  const { doc, tableName } = db();
  const nowIso = now.toISOString();
  const windowFloor = new Date(now.getTime() - policy.windowSeconds * 1000).toISOString();
  const lockUntil = new Date(now.getTime() + policy.lockSeconds * 1000).toISOString();
  const expiresAt = Math.floor(now.getTime() / 1000) + policy.windowSeconds + policy.lockSeconds;
  let failures: number;
  try {
    const out = await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: throttleKey(what),
        UpdateExpression: 'ADD failures :one SET expiresAt = :exp',
        ConditionExpression: 'windowStart > :floor',
        ExpressionAttributeValues: { ':one': 1, ':floor': windowFloor, ':exp': expiresAt },
        ReturnValues: 'ALL_NEW',
      }),
    );
    failures = Number(out.Attributes?.failures ?? 1);
  } catch (err) {
    if (!isConditionFailure(err)) throw err;
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...throttleKey(what),
          entity: 'throttle',
          failures: 1,
          windowStart: nowIso,
          expiresAt,
        },
      }),
    );
    failures = 1;
  }
  if (failures >= policy.max) {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: throttleKey(what),
        UpdateExpression: 'SET lockedUntil = :until',
        ExpressionAttributeValues: { ':until': lockUntil },
      }),
    );
    return { failures, lockedUntil: lockUntil };
  }
  return { failures };
}

export async function clearThrottle(what: string): Promise<void> {
  const { doc, tableName } = db();
  await doc.send(new DeleteCommand({ TableName: tableName, Key: throttleKey(what) }));
}

// ---- API keys -------------------------------------------------------------------------------

export const MAX_ACTIVE_API_KEYS = 10;

export async function insertApiKey(record: ApiKeyRecord): Promise<void> {
  const active = (await listApiKeys(record.sellerId)).filter((k) => !k.revokedAt);
  if (active.length >= MAX_ACTIVE_API_KEYS) {
    throw new AppError('apiKey.limitReached', `At most ${MAX_ACTIVE_API_KEYS} active keys`, {
      max: MAX_ACTIVE_API_KEYS,
    });
  }
  const { doc, tableName } = db();
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...apiKeyKey(record.keyId),
        ...apiKeyOwnerIndex(record.sellerId, record.createdAt, record.keyId),
        entity: 'apiKey',
        ...record,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
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
export async function revokeApiKey(keyId: string, sellerId: string, now: Date): Promise<void> {
  const { doc, tableName } = db();
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: apiKeyKey(keyId),
        UpdateExpression: 'SET revokedAt = :now',
        ConditionExpression: 'sellerId = :s AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: { ':now': now.toISOString(), ':s': sellerId },
      }),
    );
  } catch (err) {
    if (isConditionFailure(err)) throw new AppError('apiKey.notFound', 'No such active API key');
    throw err;
  }
}
