/**
 * Which partitions of the table each function may touch: its `dynamodb:LeadingKeys` allow-list.
 * The stack (infra/aws/stack.ts) puts each list as a `ForAllValues:StringLike` condition on the
 * function's table grant, so a compromised or buggy function cannot read or write partitions
 * outside its list (password hashes, other people's sessions, the audit log...).
 *
 * LeadingKeys is the partition key of what a request names: the table's `pk` for an item
 * operation (each item of a transaction or batch get on its own), the index's partition key
 * (`gsi1pk`, `gsi2pk`) for a Query on an index. Patterns use IAM's StringLike (`*`, `?`).
 *
 * How the lists are known to be complete: DynamoDB Local does not enforce IAM, so
 * test/integration/http/key-access.test.ts runs every function as Lambda would (its generated
 * entry, in a module graph of its own) through every route, the stream consumer and the jobs,
 * records every partition key each one sends on the wire, and fails on any key outside the
 * function's list. A key layout change in shared/db therefore fails that test until the list
 * here follows.
 */
export type KeyAccess = Readonly<Record<string, readonly string[]>>;

/** Resolving the caller: a session (SESSION#, its ACCOUNT#) or an API key (APIKEY#, its SELLER#). */
const SIGNED_IN = ['SESSION#*', 'ACCOUNT#*', 'APIKEY#*', 'SELLER#*'] as const;
/** Writing audit events (shared/db/audit.ts): the log and its index items; never reading them. */
const AUDIT_WRITE = ['AUDIT#LOG', 'AUDIT#REF#*'] as const;
/** The storefront's reads: the listing feed on gsi2, products, their sellers. */
const STOREFRONT = ['LISTING#*', 'PRODUCT#*', 'SELLER#*'] as const;
/** Statistics cells (STATS#, small-area STATSS#) and the officers' inputs. */
const STATS_READ = ['STATS#*', 'STATSS#*', 'INPUT#*'] as const;

/**
 * By function name (infra/bundle-entries.ts: `api-<group>`, `stream-<id>`, `job-<id>`). Every
 * function of the manifest has a list (the key-access test checks that too).
 */
export const KEY_ACCESS: KeyAccess = {
  'api-system': ['SYSTEM#*', 'SESSION#*', 'ACCOUNT#*'],
  'api-accounts': [
    ...SIGNED_IN,
    ...AUDIT_WRITE,
    'LOGIN#*',
    'TAXCODE#*',
    'THROTTLE#*',
    'PWRESET#*',
    'ONETIMEPW#*',
  ],
  'api-sellers': [...SIGNED_IN, ...AUDIT_WRITE, 'BANKCHANGE#*'],
  'api-officer': [
    ...SIGNED_IN,
    // Reads the whole trail (log, by account/seller on gsi1, by action on gsi2) and writes to it.
    'AUDIT#*',
    'LOGIN#*',
    'ONETIMEPW#*',
    'BANKCHANGE#*',
    'PRODUCT#*',
    // gsi2 queues: sellers and accounts by status/role, bank changes waiting.
    'SELLERS#*',
    'ACCOUNTS#*',
    'BANKCHANGES#*',
  ],
  'api-catalog': [...STOREFRONT],
  'api-pages': ['LISTING#*', 'SELLER#*'],
  'api-sellerCatalog': [...SIGNED_IN, 'PRODUCT#*'],
  'api-sellerImports': [...SIGNED_IN, 'PRODUCT#*'],
  'api-sellerUploads': [...SIGNED_IN],
  // Checkout: stock, service capacity, the buyer's holds, per-address rate, idempotency.
  'api-orders': [
    'ORDER#*',
    'PRODUCT#*',
    'CAPACITY#*',
    'BUYERHOLD#*',
    'SELLER#*',
    'ORDERRATE#*',
    'IDEMPOTENCY#orders#*',
  ],
  // The seller's steps: stock and capacity back on cancel, refunds, counter sales in the ledger.
  'api-sellerOrders': [
    ...SIGNED_IN,
    'ORDER#*',
    'PRODUCT#*',
    'CAPACITY#*',
    'BUYERHOLD#*',
    'LEDGER#*',
    'REFUND#*',
    'COUNTERSALE#*',
  ],
  'api-payments': [
    ...SIGNED_IN,
    ...AUDIT_WRITE,
    'ORDER#*',
    'BUYERHOLD#*',
    'LEDGER#*',
    'PAYCONN#*',
    'PAYCONNCOUNT#*',
    'TRANSFER#*',
    'TRANSFERS#*',
  ],
  // A delivery: the connection, the transfer record, and when it pays an order its money state.
  'api-webhooks': ['PAYCONN#*', 'TRANSFER#*', 'ORDER#*', 'BUYERHOLD#*', 'LEDGER#*'],
  'api-stats': ['SESSION#*', 'ACCOUNT#*', ...AUDIT_WRITE, ...STATS_READ],
  'api-statsExport': ['SESSION#*', 'ACCOUNT#*', ...STATS_READ],
  'api-openData': ['STATS#*', 'STATSS#*'],
  'stream-tableStream': [
    'STREAMREC#*',
    'STATS#*',
    'STATSS#*',
    'SYSTEM#*',
    'MAILSENT#*',
    'SELLER#*',
    'ACCOUNT#*',
  ],
  'job-heartbeat': ['SYSTEM#heartbeat#*'],
  'job-expireOrders': ['ORDERS#EXPIRING', 'ORDER#*', 'PRODUCT#*', 'CAPACITY#*', 'BUYERHOLD#*'],
  'job-purgeBuyerData': ['ORDERS#PURGE', 'ORDER#*', 'TRANSFER#*', 'SELLER#*'],
};

/**
 * Functions that may also call DescribeTable (no key: not covered by LeadingKeys, granted on the
 * table alone): the health route reads the table's status.
 */
export const DESCRIBE_TABLE: readonly string[] = ['api-system'];

/** IAM StringLike: `*` any run of characters, `?` exactly one, everything else literal. */
export function leadingKeyMatches(pattern: string, key: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 's').test(key);
}

/** Whether `key` is on the function's list (a function without a list is allowed nothing). */
export function leadingKeyAllowed(functionName: string, key: string, access = KEY_ACCESS): boolean {
  return (access[functionName] ?? []).some((pattern) => leadingKeyMatches(pattern, key));
}
