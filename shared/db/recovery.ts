import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Account } from '../accounts/account';
import { AppError } from '../errors';
import { getAccount, type TransactItem } from './accounts';
import { db } from './client';
import { failedConditions, isConditionFailure } from './errors';
import {
  accountKey,
  mailSentKey,
  oneTimePasswordKey,
  passwordResetKey,
  passwordResetOwnerIndex,
} from './keys';
import { queryAll } from './query';

/**
 * Account recovery: password-reset links (by email) and officer-issued one-time passwords, and
 * the lookups notifications need (a seller's accounts, mail sent at most once). Secrets are
 * stored only as hashes; each is consumed by a conditional delete in the same transaction as the
 * password it sets, so it works once even under parallel use.
 */
const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * One transaction, tried again (at most 4 times, after a short random wait) while DynamoDB
 * cancels it only for a conflict with another transaction on the same items (parallel uses of one
 * secret): the retry then meets the winner's result as a failed condition.
 */
async function transactOnce(items: TransactItem[]): Promise<void> {
  const { doc } = db();
  for (let attempt = 1; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (err) {
      const conflict =
        err instanceof TransactionCanceledException &&
        !failedConditions(err)?.length &&
        (err.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
      if (!conflict || attempt >= 4) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
    }
  }
}

export interface PasswordReset {
  tokenHash: string;
  accountId: string;
  createdAt: string;
  expiresAt: string;
}

export async function insertPasswordReset(reset: PasswordReset): Promise<void> {
  const { doc, tableName } = db();
  await doc.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...passwordResetKey(reset.tokenHash),
        ...passwordResetOwnerIndex(reset.accountId, reset.createdAt, reset.tokenHash),
        entity: 'passwordReset',
        accountId: reset.accountId,
        tokenHash: reset.tokenHash,
        createdAt: reset.createdAt,
        expiresAtIso: reset.expiresAt,
        // TTL only tidies up; expiry is checked on use.
        expiresAt: epoch(reset.expiresAt) + 86_400,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
}

export async function getPasswordReset(tokenHash: string): Promise<PasswordReset | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({
      TableName: tableName,
      Key: passwordResetKey(tokenHash),
      ConsistentRead: true,
    }),
  );
  if (!out.Item) return undefined;
  return {
    tokenHash,
    accountId: String(out.Item.accountId),
    createdAt: String(out.Item.createdAt),
    expiresAt: String(out.Item.expiresAtIso),
  };
}

/** The account update that sets a new password hash on the version it was read at. */
function passwordUpdate(account: Account, passwordHash: string, fromOneTime: boolean, now: Date) {
  return {
    Update: {
      TableName: db().tableName,
      Key: accountKey(account.id),
      // After a one-time password: it no longer signs in (see Account.passwordFromOneTime).
      UpdateExpression: fromOneTime
        ? 'SET passwordHash = :h, mustChangePassword = :m, updatedAt = :now, version = version + :one, passwordFromOneTime = :m'
        : 'SET passwordHash = :h, mustChangePassword = :m, updatedAt = :now, version = version + :one REMOVE passwordFromOneTime',
      ConditionExpression: 'version = :v AND #status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':h': passwordHash,
        ':m': fromOneTime,
        ':now': now.toISOString(),
        ':one': 1,
        ':v': account.version,
        ':active': 'active',
      },
    },
  };
}

/**
 * Uses a reset link: deletes its item (it must still exist and be unexpired) and sets the new
 * password, in one transaction with `extra` (the audit record). Of parallel uses exactly one
 * commits; the others find the item gone: `auth.resetTokenInvalid`, nothing written.
 */
export async function consumePasswordReset(
  reset: PasswordReset,
  account: Account,
  passwordHash: string,
  now: Date,
  extra: TransactItem[] = [],
): Promise<void> {
  const { tableName } = db();
  try {
    await transactOnce([
      {
        Delete: {
          TableName: tableName,
          Key: passwordResetKey(reset.tokenHash),
          ConditionExpression: 'accountId = :a AND expiresAtIso > :now',
          ExpressionAttributeValues: { ':a': account.id, ':now': now.toISOString() },
        },
      },
      passwordUpdate(account, passwordHash, false, now),
      ...extra,
    ]);
  } catch (err) {
    const failed = failedConditions(err);
    if (failed?.includes(0))
      throw new AppError('auth.resetTokenInvalid', 'The link was used, has expired or is wrong');
    if (failed?.includes(1))
      throw new AppError('auth.resetTokenInvalid', 'The account changed meanwhile; try again');
    throw err;
  }
}

/** After a reset: the account's other links stop working too. */
export async function deletePasswordResetsOfAccount(accountId: string): Promise<number> {
  const { doc, tableName } = db();
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :s)',
    ExpressionAttributeValues: { ':pk': `ACCOUNT#${accountId}`, ':s': 'PWRESET#' },
    ProjectionExpression: 'tokenHash',
  });
  for (const item of items)
    await doc.send(
      new DeleteCommand({ TableName: tableName, Key: passwordResetKey(String(item.tokenHash)) }),
    );
  return items.length;
}

// ---- officer-issued one-time passwords -----------------------------------------------------

export interface OneTimePassword {
  accountId: string;
  /** scrypt hash (shared/accounts/password.ts), like a password. */
  passwordHash: string;
  createdAt: string;
  expiresAt: string;
  /** The officer's account. */
  issuedBy: string;
}

/** Issues (or replaces: one per account) a one-time password, with its audit record. */
export async function putOneTimePassword(
  otp: OneTimePassword,
  extra: TransactItem[] = [],
): Promise<void> {
  const { doc, tableName } = db();
  await doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...oneTimePasswordKey(otp.accountId),
              entity: 'oneTimePassword',
              accountId: otp.accountId,
              passwordHash: otp.passwordHash,
              createdAt: otp.createdAt,
              issuedBy: otp.issuedBy,
              expiresAtIso: otp.expiresAt,
              expiresAt: epoch(otp.expiresAt) + 86_400,
            },
          },
        },
        ...extra,
      ],
    }),
  );
}

export async function getOneTimePassword(accountId: string): Promise<OneTimePassword | undefined> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({
      TableName: tableName,
      Key: oneTimePasswordKey(accountId),
      ConsistentRead: true,
    }),
  );
  if (!out.Item) return undefined;
  return {
    accountId,
    passwordHash: String(out.Item.passwordHash),
    createdAt: String(out.Item.createdAt),
    expiresAt: String(out.Item.expiresAtIso),
    issuedBy: String(out.Item.issuedBy),
  };
}

/**
 * Signs in with a one-time password: deletes it (the same one that was checked, unexpired) and
 * makes it the account's password with "must change" set, in one transaction with `extra`.
 * False when another sign-in used it first, it expired, or the account changed meanwhile.
 */
export async function consumeOneTimePassword(
  otp: OneTimePassword,
  account: Account,
  now: Date,
  extra: TransactItem[] = [],
): Promise<boolean> {
  const { tableName } = db();
  try {
    await transactOnce([
      {
        Delete: {
          TableName: tableName,
          Key: oneTimePasswordKey(otp.accountId),
          ConditionExpression: 'createdAt = :c AND expiresAtIso > :now',
          ExpressionAttributeValues: { ':c': otp.createdAt, ':now': now.toISOString() },
        },
      },
      passwordUpdate(account, otp.passwordHash, true, now),
      ...extra,
    ]);
    return true;
  } catch (err) {
    if (failedConditions(err)?.length) return false;
    throw err;
  }
}

// ---- notifications ---------------------------------------------------------------------------

/**
 * The active accounts acting for a seller (today one: the sign-up's). Found through the
 * `SELLER#<id> / ACCOUNT#<accountId>` items sign-up writes; accounts created before those
 * items existed are found among the seller accounts (byStatus `ACCOUNTS#seller`, filtered).
 */
export async function sellerAccounts(sellerId: string): Promise<Account[]> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':pk': `SELLER#${sellerId}`, ':s': 'ACCOUNT#' },
    }),
  );
  let ids = (out.Items ?? []).map((item) => String(item.accountId));
  if (!ids.length) {
    const legacy = await queryAll({
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk',
      FilterExpression: 'sellerId = :s',
      ExpressionAttributeValues: { ':pk': 'ACCOUNTS#seller', ':s': sellerId },
      ProjectionExpression: 'id',
    });
    ids = legacy.map((item) => String(item.id));
  }
  const accounts = await Promise.all(ids.map((id) => getAccount(id)));
  return accounts.filter(
    (a): a is Account => a !== undefined && a.status === 'active' && a.sellerId === sellerId,
  );
}

/**
 * Claims the sending of one notification (`what` names the change: `order-placed#CS…`). True for
 * the first claim only: a stream batch retried after a failure does not mail twice. At most once:
 * a claim whose send then fails is not retried (mail is best effort; the portal shows the truth).
 */
export async function claimMail(what: string, now: Date): Promise<boolean> {
  const { doc, tableName } = db();
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...mailSentKey(what),
          entity: 'mailSent',
          at: now.toISOString(),
          // Kept 90 days: long past any stream retry.
          expiresAt: Math.floor(now.getTime() / 1000) + 90 * 86_400,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (err) {
    if (isConditionFailure(err)) return false;
    throw err;
  }
}
