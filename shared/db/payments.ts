import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  type QueryCommandInput,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { AppError } from '../errors';
import { ledgerEntry, orderLedgerEntry } from '../ledger/entry';
import type { Order } from '../orders/order';
import type { PaymentConnection } from '../payments/connection';
import { MAX_ACTIVE_CONNECTIONS } from '../payments/connection';
import {
  decidePayment,
  findOrderCode,
  type RefundReason,
  type UnmatchedReason,
} from '../payments/match-transfer';
import type { TransferSource } from '../payments/providers/common';
import type { BankTransfer } from '../payments/transfer';
import { db } from './client';
import { ledgerPut } from './ledger';
import { counterSalePut, holdRelease, orderKey, orderReplace, refundPut, toOrder } from './orders';

/**
 * Payments in the single table:
 * - PAYCONN#<id> / PAYCONN: a seller's payment connection (secret sealed, never in the clear).
 *   byOwner: SELLER#<sellerId> / PAYCONN#<createdAt>#<id>.
 * - TRANSFER#<transferId> / TRANSFER: one bank transfer as a provider reported it. Its Put on
 *   attribute_not_exists(pk) is the claim on provider + provider transaction id (the transfer id
 *   is a hash of both): at most once, ever. It also carries what became of it (state, order,
 *   first result) and is its own queue entry:
 *   byOwner: SELLER#<sellerId> / TRANSFER#<state>#<receivedAt>#<transferId> (a seller's queue);
 *   byStatus: TRANSFERS#<state> / <receivedAt>#<transferId> for the officers' queues (unmatched,
 *   review).
 * - ORDER#<code> / PAYMENT#<transferId>: a payment of an order, in the order's item collection:
 *   the order's amountPaid is always the sum of these (written in the same transaction).
 * No Scan anywhere.
 */

export const connectionKey = (id: string) => ({ pk: `PAYCONN#${id}`, sk: 'PAYCONN' });
/** A seller's count of active connections: the limit is held by a conditional update of it. */
export const connectionCountKey = (sellerId: string) => ({
  pk: `PAYCONNCOUNT#${sellerId}`,
  sk: 'PAYCONNCOUNT',
});

/** A connection's stored item: key, listed under its seller by creation time, then `fields`. */
const connectionItem = (connection: PaymentConnection, fields: object) => ({
  ...connectionKey(connection.id),
  gsi1pk: `SELLER#${connection.sellerId}`,
  gsi1sk: `PAYCONN#${connection.createdAt}#${connection.id}`,
  entity: 'paymentConnection',
  ...fields,
});

export const transferKey = (id: string) => ({ pk: `TRANSFER#${id}`, sk: 'TRANSFER' });
export const paymentKey = (orderCode: string, transferId: string) => ({
  pk: `ORDER#${orderCode}`,
  sk: `PAYMENT#${transferId}`,
});

/** The transfer id: a hash of the source and the provider's transaction id (URL-safe, fixed length). */
export const transferIdOf = (source: TransferSource, providerTransactionId: string) =>
  `T${createHash('sha256').update(`${source}\u0000${providerTransactionId}`).digest('hex').slice(0, 31)}`;
export const TRANSFER_ID = /^T[0-9a-f]{31}$/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const backoff = (attempt: number) =>
  sleep(Math.floor(Math.random() * Math.min(250, 5 * 2 ** attempt)));

async function getItem(key: { pk: string; sk: string }) {
  const { doc, tableName } = db();
  const out = await doc.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return out.Item;
}

// ---- connections ----------------------------------------------------------------------------

const CONNECTION_FIELDS = [
  'id',
  'sellerId',
  'provider',
  'sepayAuth',
  'sealed',
  'secretLast4',
  'createdAt',
  'disabledAt',
] as const satisfies readonly (keyof PaymentConnection)[];

function toConnection(item: Record<string, unknown>): PaymentConnection {
  const out: Record<string, unknown> = {};
  for (const f of CONNECTION_FIELDS) if (item[f] !== undefined) out[f] = item[f];
  return out as unknown as PaymentConnection;
}

export async function listConnections(sellerId: string): Promise<PaymentConnection[]> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': `SELLER#${sellerId}`, ':prefix': 'PAYCONN#' },
      ScanIndexForward: false,
      Limit: 100,
    }),
  );
  return (out.Items ?? []).map(toConnection);
}

/**
 * Makes sure the seller's active-connection counter exists: a seller from before the counter gets
 * one holding its current number of active connections (only the first of racing writers wins;
 * they all count the same connections).
 */
async function ensureConnectionCount(sellerId: string): Promise<void> {
  const { doc, tableName } = db();
  if (await getItem(connectionCountKey(sellerId))) return;
  const active = (await listConnections(sellerId)).filter((c) => !c.disabledAt).length;
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...connectionCountKey(sellerId), entity: 'paymentConnectionCount', active },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

const limitReached = () =>
  new AppError(
    'paymentConnection.limitReached',
    `At most ${MAX_ACTIVE_CONNECTIONS} active payment connections`,
    { max: MAX_ACTIVE_CONNECTIONS },
  );

/**
 * Stores a new connection with the caller's audit items; refuses beyond the active limit. The
 * limit holds under parallel creations: the seller's counter is raised in the same transaction,
 * on condition it is below the limit.
 */
export async function insertConnection(
  connection: PaymentConnection,
  extra: Record<string, unknown>[] = [],
): Promise<void> {
  await ensureConnectionCount(connection.sellerId);
  const { doc, tableName } = db();
  const fields: Record<string, unknown> = {};
  for (const f of CONNECTION_FIELDS) if (connection[f] !== undefined) fields[f] = connection[f];
  const items = [
    {
      Update: {
        TableName: tableName,
        Key: connectionCountKey(connection.sellerId),
        UpdateExpression: 'SET active = active + :one',
        ConditionExpression: 'active < :max',
        ExpressionAttributeValues: { ':one': 1, ':max': MAX_ACTIVE_CONNECTIONS },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: connectionItem(connection, fields),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    ...extra,
  ];
  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items as never }));
      return;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') throw limitReached();
      // Parallel creations touch the same counter: try again, the condition decides.
      if (!reasons.some((r) => r.Code === 'TransactionConflict') || attempt >= 20) throw err;
      await backoff(attempt);
    }
  }
}

export async function getConnection(id: string): Promise<PaymentConnection | undefined> {
  const item = await getItem(connectionKey(id));
  return item?.entity === 'paymentConnection' ? toConnection(item) : undefined;
}

/**
 * Disables one of the seller's connections (its webhooks are refused from then on). Disabling a
 * disabled one answers it as it is; another seller's is "not found".
 */
export async function disableConnection(
  id: string,
  sellerId: string,
  now: Date,
  extra: Record<string, unknown>[] = [],
): Promise<PaymentConnection> {
  await ensureConnectionCount(sellerId);
  const { doc, tableName } = db();
  const items = [
    {
      Update: {
        TableName: tableName,
        Key: connectionCountKey(sellerId),
        UpdateExpression: 'SET active = active - :one',
        ConditionExpression: 'active > :zero',
        ExpressionAttributeValues: { ':one': 1, ':zero': 0 },
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: connectionKey(id),
        UpdateExpression: 'SET disabledAt = :at',
        ConditionExpression:
          'entity = :entity AND sellerId = :seller AND attribute_not_exists(disabledAt)',
        ExpressionAttributeValues: {
          ':at': now.toISOString(),
          ':entity': 'paymentConnection',
          ':seller': sellerId,
        },
      },
    },
    ...extra,
  ];
  for (let attempt = 0; ; attempt++) {
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items as never }));
      break;
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      // Not the seller's, unknown, or already disabled: answered below as it is.
      if (reasons[1]?.Code === 'ConditionalCheckFailed') break;
      if (!reasons.some((r) => r.Code === 'TransactionConflict') || attempt >= 20) throw err;
      await backoff(attempt);
    }
  }
  const connection = await getConnection(id);
  if (!connection || connection.sellerId !== sellerId)
    throw new AppError('paymentConnection.notFound', 'No such payment connection');
  return connection;
}

/** Replaces the sealed secret (re-sealed under the current key) if it is still `previous`. */
export async function resealConnection(
  id: string,
  previous: PaymentConnection['sealed'],
  next: PaymentConnection['sealed'],
): Promise<void> {
  const { doc, tableName } = db();
  try {
    await doc.send(
      new UpdateCommand({
        TableName: tableName,
        Key: connectionKey(id),
        UpdateExpression: 'SET sealed = :next',
        ConditionExpression: 'sealed = :previous',
        ExpressionAttributeValues: { ':next': next, ':previous': previous },
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
  }
}

// ---- transfers ------------------------------------------------------------------------------

export const TRANSFER_STATES = [
  'matched',
  'unmatched',
  'review',
  'ignored',
  'notSale',
  'counterSale',
] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];
/** States an officer's queue lists across sellers (gsi2). */
const QUEUED: readonly TransferState[] = ['unmatched', 'review'];

export interface TransferActor {
  accountId: string;
  role: string;
}

/** What the first processing of a transfer decided: what a duplicate delivery answers. */
export interface TransferResult {
  orderCode: string;
  amountPaid: number;
  paymentStatus: Order['paymentStatus'];
  sale: boolean;
  refund?: { id: string; amount: number; reason: RefundReason };
}

export interface TransferRecord extends Omit<BankTransfer, 'amount'> {
  id: string;
  /** Whole VND; 0 when a delivery kept for review had no readable amount. */
  amount: number;
  state: TransferState;
  /** unmatched: why; ignored: `outgoing`, `providerTest`, `notSuccessful`; review: what was wrong. */
  reason?: string;
  /** The order code the transfer names (when it names one). */
  orderCode?: string;
  result?: TransferResult;
  /** Who resolved it by hand and how (match, not a sale, counter sale). */
  resolution?: {
    action: 'match' | 'notSale' | 'counterSale';
    by: TransferActor;
    at: string;
    counterSaleId?: string;
  };
  /** Review only: the delivery as received (capped), for a person to read. */
  rawBody?: string;
  /** When the bank text (which can hold the buyer's name) was removed with the order's buyer data. */
  textPurgedAt?: string;
  version: number;
}

const TRANSFER_FIELDS = [
  'id',
  'provider',
  'providerTransactionId',
  'connectionId',
  'sellerId',
  'accountNumber',
  'amount',
  'content',
  'codeHint',
  'bankReference',
  'bankTime',
  'receivedAt',
  'state',
  'reason',
  'orderCode',
  'result',
  'resolution',
  'rawBody',
  'textPurgedAt',
  'version',
] as const satisfies readonly (keyof TransferRecord)[];

function toTransfer(item: Record<string, unknown>): TransferRecord {
  const out: Record<string, unknown> = {};
  for (const f of TRANSFER_FIELDS) if (item[f] !== undefined) out[f] = item[f];
  return out as unknown as TransferRecord;
}

function transferIndexes(record: TransferRecord) {
  const sk = `${record.receivedAt}#${record.id}`;
  return {
    gsi1pk: `SELLER#${record.sellerId}`,
    gsi1sk: `TRANSFER#${record.state}#${sk}`,
    ...(QUEUED.includes(record.state) ? { gsi2pk: `TRANSFERS#${record.state}`, gsi2sk: sk } : {}),
  };
}

function transferItem(record: TransferRecord) {
  const fields: Record<string, unknown> = {};
  for (const f of TRANSFER_FIELDS) if (record[f] !== undefined) fields[f] = record[f];
  return { ...transferKey(record.id), ...transferIndexes(record), entity: 'transfer', ...fields };
}

/** The claim: the transfer's first and only Put. */
function transferClaim(record: TransferRecord) {
  const { tableName } = db();
  return {
    Put: {
      TableName: tableName,
      Item: transferItem(record),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/** A resolution by hand: the whole record replaced, on condition it is still as read. */
function transferResolve(record: TransferRecord, expectedVersion: number) {
  const { tableName } = db();
  return {
    Put: {
      TableName: tableName,
      Item: transferItem(record),
      ConditionExpression: 'entity = :transfer AND #version = :expected AND #state = :unmatched',
      ExpressionAttributeNames: { '#version': 'version', '#state': 'state' },
      ExpressionAttributeValues: {
        ':transfer': 'transfer',
        ':expected': expectedVersion,
        ':unmatched': 'unmatched',
      },
    },
  };
}

export async function getTransfer(id: string): Promise<TransferRecord | undefined> {
  const item = await getItem(transferKey(id));
  return item?.entity === 'transfer' ? toTransfer(item) : undefined;
}

/** A new transfer record from a normalised transfer (state decided by the caller). */
export function newTransferRecord(
  transfer: BankTransfer,
  state: TransferState,
  extra: Partial<TransferRecord> = {},
): TransferRecord {
  return {
    ...transfer,
    id: transferIdOf(transfer.provider, transfer.providerTransactionId),
    state,
    version: 1,
    ...extra,
  };
}

/**
 * Records a transfer that pays nothing (ignored, kept for review, or unmatched from the start):
 * the claim alone. A duplicate answers the record stored first.
 */
export async function recordTransferOnly(
  record: TransferRecord,
): Promise<{ record: TransferRecord; duplicate: boolean }> {
  const { doc } = db();
  try {
    await doc.send(new TransactWriteCommand({ TransactItems: [transferClaim(record)] as never }));
    return { record, duplicate: false };
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
    const existing = await getTransfer(record.id);
    if (!existing) throw err;
    return { record: existing, duplicate: true };
  }
}

const refundIdOf = (orderCode: string, transferId: string) =>
  `RF-${orderCode}-${transferId.slice(1, 11).toUpperCase()}`;

export interface SettleOptions {
  now: Date;
  piiDays: number;
}

type SettleMode =
  /** A delivery (or a manual entry): claim the transfer; if it pays nothing, store it unmatched. */
  | { kind: 'new'; orderCode?: string; unmatchedIsError?: boolean }
  /** Someone matches a stored unmatched transfer to an order by hand. */
  | { kind: 'resolve'; previous: TransferRecord; orderCode: string; by: TransferActor };

/**
 * The one path every transfer takes to an order: one transaction holding the order's new
 * amountPaid and payment status (conditional on the version read), the transfer's claim (or its
 * resolution), the payment record, the buyer's unpaid hold released, the ledger `sale` when the
 * order becomes paid in full, and the refund-due record for money beyond the total or for an
 * order that had ended. A concurrent change of the order re-reads and decides again, so no amount
 * is lost; a duplicate answers the first record and writes nothing.
 */
export async function settleTransfer(
  transfer: BankTransfer,
  mode: SettleMode,
  options: SettleOptions,
): Promise<{ record: TransferRecord; duplicate: boolean }> {
  const { doc } = db();
  const transferId = transferIdOf(transfer.provider, transfer.providerTransactionId);
  const named = mode.orderCode;
  const found = named ? { code: named } : findOrderCode(transfer);
  if (!('code' in found)) {
    if (mode.kind === 'new' && mode.unmatchedIsError) throw unmatchedError(found.reason);
    return recordTransferOnly(newTransferRecord(transfer, 'unmatched', { reason: found.reason }));
  }
  const orderCode = found.code;
  for (let attempt = 0; attempt < 40; attempt++) {
    const raw = await getItem(orderKey(orderCode));
    const order = raw?.entity === 'order' ? toOrder(raw) : undefined;
    const decision = decidePayment({
      facts: transfer,
      order,
      sellerId: transfer.sellerId,
      now: options.now,
      trustAccount: mode.kind === 'resolve',
    });
    if (decision.kind === 'unmatched') {
      if (mode.kind === 'resolve' || mode.unmatchedIsError) throw unmatchedError(decision.reason);
      return recordTransferOnly(
        newTransferRecord(transfer, 'unmatched', { reason: decision.reason, orderCode }),
      );
    }
    const previous = order as Order;
    const next = decision.next;
    const refund = decision.refund
      ? { id: refundIdOf(orderCode, transferId), ...decision.refund }
      : undefined;
    const result: TransferResult = {
      orderCode,
      amountPaid: next.amountPaid,
      paymentStatus: next.paymentStatus,
      sale: decision.sale,
      ...(refund ? { refund } : {}),
    };
    const at = options.now.toISOString();
    const record: TransferRecord =
      mode.kind === 'resolve'
        ? {
            ...mode.previous,
            state: 'matched',
            orderCode,
            result,
            resolution: { action: 'match', by: mode.by, at },
            version: mode.previous.version + 1,
          }
        : newTransferRecord(transfer, 'matched', { orderCode, result });
    const holdPk = raw?.holdKey as string | undefined;
    const items: Record<string, unknown>[] = [
      orderReplace(next, previous.version, options.piiDays, holdPk),
      mode.kind === 'resolve'
        ? transferResolve(record, mode.previous.version)
        : transferClaim(record),
      paymentPut(orderCode, record),
      ...holdRelease(previous, holdPk),
    ];
    if (decision.sale) items.push(ledgerPut(orderLedgerEntry(next, 'sale', options.now)));
    if (refund)
      items.push(
        refundPut({
          id: refund.id,
          sellerId: previous.sellerId,
          orderCode,
          amount: refund.amount,
          reason: refund.reason,
          state: 'open',
          createdAt: at,
        }),
      );
    try {
      await doc.send(new TransactWriteCommand({ TransactItems: items as never }));
      return { record, duplicate: false };
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      const reasons = err.CancellationReasons ?? [];
      if (reasons[1]?.Code === 'ConditionalCheckFailed') {
        // Claimed (or resolved) before us: the first result stands.
        const existing = await getTransfer(transferId);
        if (!existing) throw err;
        if (mode.kind === 'resolve') return answerRepeatedResolve(existing, 'match', orderCode);
        return { record: existing, duplicate: true };
      }
      const conflict =
        reasons[0]?.Code === 'ConditionalCheckFailed' ||
        reasons.some((r) => r.Code === 'TransactionConflict');
      if (!conflict) throw err;
      await backoff(attempt);
    }
  }
  throw new Error('A payment kept conflicting with other changes of its order');
}

function unmatchedError(reason: UnmatchedReason): AppError {
  if (reason === 'orderNotFound' || reason === 'otherSeller')
    return new AppError('order.notFound', 'No such order');
  return new AppError('transfer.notMatchable', 'This transfer cannot pay that order', { reason });
}

function paymentPut(orderCode: string, record: TransferRecord) {
  const { tableName } = db();
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...paymentKey(orderCode, record.id),
        entity: 'payment',
        orderCode,
        transferId: record.id,
        sellerId: record.sellerId,
        source: record.provider,
        amount: record.amount,
        receivedAt: record.receivedAt,
        ...(record.bankReference ? { bankReference: record.bankReference } : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

export interface PaymentRecord {
  orderCode: string;
  transferId: string;
  sellerId: string;
  source: TransferSource;
  amount: number;
  receivedAt: string;
  bankReference?: string;
}

/** The payments of one order, oldest first (its amountPaid is their sum). */
export async function listOrderPayments(orderCode: string): Promise<PaymentRecord[]> {
  const { doc, tableName } = db();
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :payment)',
      ExpressionAttributeValues: { ':pk': `ORDER#${orderCode}`, ':payment': 'PAYMENT#' },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []).map((item) => {
    const {
      orderCode: code,
      transferId,
      sellerId,
      source,
      amount,
      receivedAt,
      bankReference,
    } = item;
    return {
      orderCode: String(code),
      transferId: String(transferId),
      sellerId: String(sellerId),
      source: source as TransferSource,
      amount: Number(amount),
      receivedAt: String(receivedAt),
      ...(bankReference ? { bankReference: String(bankReference) } : {}),
    };
  });
}

/**
 * With an order's buyer data, the bank texts of the transfers tied to it go too (the text often
 * holds the buyer's name and phone): every transfer that paid the order (its payment records) and
 * every transfer of the seller's unmatched and review queues naming it. The content (and a kept
 * raw body) is emptied, `textPurgedAt` set; amounts, ids, times and results stay. Idempotent: the
 * purge job runs it before purging the order, so a failure in between is redone on the next run.
 */
export async function purgeTransferTexts(
  order: Pick<Order, 'code' | 'sellerId'>,
  now: Date,
): Promise<number> {
  const { doc, tableName } = db();
  const ids = new Set((await listOrderPayments(order.code)).map((p) => p.transferId));
  for (const state of QUEUED) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
          FilterExpression: 'orderCode = :code',
          ExpressionAttributeValues: {
            ':pk': `SELLER#${order.sellerId}`,
            ':prefix': `TRANSFER#${state}#`,
            ':code': order.code,
          },
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) ids.add(String(item.id));
      start = page.LastEvaluatedKey;
    } while (start);
  }
  let purged = 0;
  for (const id of ids) {
    try {
      await doc.send(
        new UpdateCommand({
          TableName: tableName,
          Key: transferKey(id),
          UpdateExpression: 'SET content = :empty, textPurgedAt = :at REMOVE rawBody',
          ConditionExpression: 'entity = :transfer AND attribute_not_exists(textPurgedAt)',
          ExpressionAttributeValues: {
            ':empty': '',
            ':at': now.toISOString(),
            ':transfer': 'transfer',
          },
        }),
      );
      purged++;
    } catch (err) {
      // Already purged (a repeated run), or no such transfer: nothing to do.
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }
  return purged;
}

// ---- the unmatched queue --------------------------------------------------------------------

const CURSOR = /^[A-Za-z0-9_-]{1,1024}$/;

/**
 * Transfers in a state, newest first: one seller's (byOwner) or, for officers, every seller's
 * unmatched or review queue (byStatus). Opaque cursor bound to the partition it came from.
 */
export async function listTransfers(query: {
  state: TransferState;
  sellerId?: string;
  limit: number;
  cursor?: string;
}): Promise<{ items: TransferRecord[]; nextCursor?: string }> {
  const { doc, tableName } = db();
  const bySeller = query.sellerId !== undefined;
  if (!bySeller && !QUEUED.includes(query.state))
    throw new AppError('request.invalid', 'Across sellers, only the unmatched and review queues', {
      issues: [{ in: 'query', path: 'state', code: 'custom', message: 'unmatched or review' }],
    });
  const pkName = bySeller ? 'gsi1pk' : 'gsi2pk';
  const pk = bySeller ? `SELLER#${query.sellerId}` : `TRANSFERS#${query.state}`;
  const input: QueryCommandInput = {
    TableName: tableName,
    IndexName: bySeller ? 'gsi1' : 'gsi2',
    KeyConditionExpression: bySeller
      ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)'
      : 'gsi2pk = :pk',
    ExpressionAttributeValues: {
      ':pk': pk,
      ...(bySeller ? { ':prefix': `TRANSFER#${query.state}#` } : {}),
    },
    ScanIndexForward: false,
    Limit: query.limit,
    ...(query.cursor ? { ExclusiveStartKey: decodeCursor(query.cursor, pkName, pk) } : {}),
  };
  const out = await doc.send(new QueryCommand(input));
  const items = (out.Items ?? []).filter((i) => i.entity === 'transfer').map(toTransfer);
  return {
    items,
    ...(out.LastEvaluatedKey ? { nextCursor: encodeCursor(out.LastEvaluatedKey) } : {}),
  };
}

function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function decodeCursor(cursor: string, pkName: string, pk: string): Record<string, string> {
  const invalid = () => new AppError('query.invalidCursor', 'The cursor is not valid here');
  if (!CURSOR.test(cursor)) throw invalid();
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null) throw invalid();
  const entries = Object.entries(key as Record<string, unknown>);
  if (
    entries.length !== 4 ||
    !entries.every(([, v]) => typeof v === 'string' && v.length <= 300) ||
    (key as Record<string, unknown>)[pkName] !== pk
  )
    throw invalid();
  return key as Record<string, string>;
}

/** Answers a repeated hand resolution: the same action again is fine, another one is a conflict. */
function answerRepeatedResolve(
  existing: TransferRecord,
  action: 'match' | 'notSale' | 'counterSale',
  orderCode?: string,
): { record: TransferRecord; duplicate: boolean } {
  const same =
    existing.resolution?.action === action &&
    (action !== 'match' || existing.orderCode === orderCode);
  if (same) return { record: existing, duplicate: true };
  throw new AppError('transfer.alreadyResolved', 'This transfer was already dealt with', {
    state: existing.state,
    ...(existing.orderCode && existing.state === 'matched'
      ? { orderCode: existing.orderCode }
      : {}),
  });
}

/** Loads a transfer the caller may act on: the seller's own, or any for an officer. */
export async function getActionableTransfer(
  id: string,
  sellerId: string | undefined,
): Promise<TransferRecord> {
  const record = await getTransfer(id);
  if (!record || (sellerId !== undefined && record.sellerId !== sellerId))
    throw new AppError('transfer.notFound', 'No such transfer');
  return record;
}

/** Matches an unmatched transfer to an order of the transfer's seller (same transaction as automatic). */
export async function matchTransfer(
  record: TransferRecord,
  orderCode: string,
  by: TransferActor,
  options: SettleOptions,
) {
  if (record.state !== 'unmatched') return answerRepeatedResolve(record, 'match', orderCode);
  if (record.amount <= 0)
    throw new AppError('transfer.notMatchable', 'This transfer has no amount', {
      reason: 'noAmount',
    });
  return settleTransfer(record, { kind: 'resolve', previous: record, orderCode, by }, options);
}

/** "Not a sale" (a personal transfer): recorded with who and when, nothing else changes. */
export async function markNotSale(record: TransferRecord, by: TransferActor, now: Date) {
  if (record.state !== 'unmatched') return answerRepeatedResolve(record, 'notSale');
  const next: TransferRecord = {
    ...record,
    state: 'notSale',
    resolution: { action: 'notSale', by, at: now.toISOString() },
    version: record.version + 1,
  };
  return resolveAlone(next, record, 'notSale');
}

async function resolveAlone(
  next: TransferRecord,
  previous: TransferRecord,
  action: 'notSale' | 'counterSale',
  extra: Record<string, unknown>[] = [],
) {
  const { doc } = db();
  try {
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [transferResolve(next, previous.version), ...extra] as never,
      }),
    );
    return { record: next, duplicate: false };
  } catch (err) {
    if (!(err instanceof TransactionCanceledException)) throw err;
    const existing = await getTransfer(previous.id);
    if (!existing || existing.state === 'unmatched') throw err;
    return answerRepeatedResolve(existing, action);
  }
}

/**
 * "Counter sale": the transfer was an in-person sale paid by the seller's static QR. It becomes an
 * offline sale in the ledger (method vietqr) and a counter-sale record, with the resolution, in
 * one transaction.
 */
export async function markCounterSale(
  record: TransferRecord,
  by: TransferActor,
  seller: { communeCode: string; sector: { code: string; classification: string } },
  kind: 'goods' | 'service',
  now: Date,
) {
  if (record.state !== 'unmatched') return answerRepeatedResolve(record, 'counterSale');
  if (record.amount <= 0)
    throw new AppError('transfer.notMatchable', 'This transfer has no amount', {
      reason: 'noAmount',
    });
  const counterSaleId = `CT-${record.id.slice(1, 21)}`;
  const occurredAt = new Date(record.bankTime ?? record.receivedAt);
  const goodsAmount = kind === 'goods' ? record.amount : 0;
  const servicesAmount = kind === 'service' ? record.amount : 0;
  const entry = ledgerEntry({
    kind: 'sale',
    goodsAmount,
    servicesAmount,
    deliveryFee: 0,
    channel: 'offline',
    method: 'vietqr',
    sellerId: record.sellerId,
    seller: {
      communeCode: seller.communeCode,
      sectorCode: seller.sector.code,
      classification: seller.sector.classification,
    },
    occurredAt,
    reference: { type: 'counterSale', id: counterSaleId },
    recordedAt: now,
  });
  const sale = {
    id: counterSaleId,
    sellerId: record.sellerId,
    items: [],
    goodsAmount,
    servicesAmount,
    amount: record.amount,
    method: 'vietqr',
    note: `Bank transfer ${record.bankReference ?? record.providerTransactionId}`.slice(0, 500),
    occurredAt: occurredAt.toISOString(),
    recordedAt: now.toISOString(),
    stockWarnings: [],
  };
  const next: TransferRecord = {
    ...record,
    state: 'counterSale',
    resolution: { action: 'counterSale', by, at: now.toISOString(), counterSaleId },
    version: record.version + 1,
  };
  return resolveAlone(next, record, 'counterSale', [counterSalePut(sale), ledgerPut(entry)]);
}

/** The local seed's write: a connection put as is (idempotent on its id unless `replace`). */
export async function putConnectionIfAbsent(
  connection: PaymentConnection,
  options: { replace?: boolean } = {},
): Promise<boolean> {
  const { doc, tableName } = db();
  try {
    await doc.send(
      new PutCommand({
        TableName: tableName,
        Item: connectionItem(connection, connection),
        ...(options.replace ? {} : { ConditionExpression: 'attribute_not_exists(pk)' }),
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}
