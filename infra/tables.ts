/**
 * THE table definitions, as plain data. The CDK stack (infra/aws/stack.ts), the local host
 * (infra/local/) and the test harness (test/helpers/) all build their tables from this file;
 * test/infra/manifest-parity.test.ts fails if the synthesized template disagrees.
 *
 * One table, single-table design. Access patterns (key layouts live in shared/db/keys.ts):
 * - main table  pk/sk         an entity and its children by id (ORDER#id, SELLER#id, ...)
 * - gsi1 (byOwner)   gsi1pk/gsi1sk  what one owner has, newest first (a seller's products, orders)
 * - gsi2 (byStatus)  gsi2pk/gsi2sk  work queues by status and time (pending sellers, expiring orders)
 * The stream (new and old images) feeds projections (statistics cells, counters).
 * TTL attribute `expiresAt` only tidies up: DynamoDB Local never expires items, so nothing may
 * depend on TTL deletion for correctness.
 */
export type AttributeType = 'S' | 'N' | 'B';
export interface KeyAttribute {
  name: string;
  type: AttributeType;
}
export interface IndexDefinition {
  indexName: string;
  /** Access pattern the index serves (ElectroDB style naming). */
  accessPattern: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
}
export interface TableDefinition {
  /** Stable id used in manifests (`tables: { main: 'read' }`) and CDK construct ids. */
  id: TableId;
  /** Env variable that carries the physical table name to handlers. */
  envName: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  globalSecondaryIndexes: IndexDefinition[];
  stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
  timeToLiveAttribute?: string;
}
export type TableId = 'main';

export const mainTable: TableDefinition = {
  id: 'main',
  envName: 'TABLE_NAME',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: 'gsi1',
      accessPattern: 'byOwner',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
    {
      indexName: 'gsi2',
      accessPattern: 'byStatus',
      partitionKey: { name: 'gsi2pk', type: 'S' },
      sortKey: { name: 'gsi2sk', type: 'S' },
    },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  timeToLiveAttribute: 'expiresAt',
};

export const tables: readonly TableDefinition[] = [mainTable];

/** The CreateTable request for DynamoDB Local and tests (on-demand, stream on), as plain data. */
export function createTableInput(def: TableDefinition, tableName: string) {
  const keyAttrs = [
    def.partitionKey,
    def.sortKey,
    ...def.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ].filter((a): a is KeyAttribute => a !== undefined);
  const unique = [...new Map(keyAttrs.map((a) => [a.name, a])).values()];
  const keySchema = (pk: KeyAttribute, sk?: KeyAttribute) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: unique.map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: keySchema(def.partitionKey, def.sortKey),
    ...(def.globalSecondaryIndexes.length
      ? {
          GlobalSecondaryIndexes: def.globalSecondaryIndexes.map((i) => ({
            IndexName: i.indexName,
            KeySchema: keySchema(i.partitionKey, i.sortKey),
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
    ...(def.stream
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: def.stream } }
      : {}),
  };
}
