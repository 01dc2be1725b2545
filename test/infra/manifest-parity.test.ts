import { describe, expect, it } from 'vitest';
import { createTableInput, type TableDefinition, tables } from '../../infra/tables';
import { fixture, type Resource, resourcesOf } from './stack-fixture';

type Props = Record<string, unknown>;
const byName = (a: { AttributeName: string }, b: { AttributeName: string }) =>
  a.AttributeName.localeCompare(b.AttributeName);

/**
 * Differences between a synthesized AWS::DynamoDB::Table and its definition. The expectation is
 * built from infra/tables.ts (through createTableInput, which DynamoDB Local also uses), never from
 * the stack's own code.
 */
function tableDifferences(props: Props, def: TableDefinition): string[] {
  const input = createTableInput(def, 'parity');
  const differences: string[] = [];
  const check = (what: string, actual: unknown, expected: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      differences.push(`${what}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
    }
  };
  check('KeySchema', props.KeySchema, input.KeySchema);
  check(
    'AttributeDefinitions',
    [...((props.AttributeDefinitions as { AttributeName: string }[]) ?? [])].sort(byName),
    [...input.AttributeDefinitions].sort(byName),
  );
  const indexes = (list: unknown) =>
    [...((list as { IndexName: string }[] | undefined) ?? [])].sort((a, b) =>
      a.IndexName.localeCompare(b.IndexName),
    );
  check(
    'GlobalSecondaryIndexes',
    indexes(props.GlobalSecondaryIndexes),
    indexes(input.GlobalSecondaryIndexes),
  );
  check(
    'StreamSpecification',
    props.StreamSpecification,
    input.StreamSpecification
      ? { StreamViewType: input.StreamSpecification.StreamViewType }
      : undefined,
  );
  check(
    'TimeToLiveSpecification',
    props.TimeToLiveSpecification,
    def.timeToLiveAttribute ? { AttributeName: def.timeToLiveAttribute, Enabled: true } : undefined,
  );
  check('BillingMode', props.BillingMode, input.BillingMode);
  return differences;
}

function tableResource(id: TableDefinition['id']): Resource {
  const { stack, template } = fixture();
  const logicalId = stack.getLogicalId(stack.tables[id].node.defaultChild as never);
  const resource = resourcesOf(template, 'AWS::DynamoDB::Table')[logicalId];
  if (!resource) throw new Error(`table ${id} not in the template`);
  return resource;
}

describe('tables', () => {
  it('creates exactly the tables infra/tables.ts defines', () => {
    const { template } = fixture();

    expect(Object.keys(resourcesOf(template, 'AWS::DynamoDB::Table'))).toHaveLength(tables.length);
  });

  it.each(tables.map((def) => [def.id, def] as const))(
    "builds table '%s' with the keys, indexes, stream and TTL of infra/tables.ts",
    (id, def) => {
      expect(tableDifferences(tableResource(id).Properties, def)).toEqual([]);
    },
  );

  it('notices when a definition and the template disagree', () => {
    const def = tables[0] as TableDefinition;
    const drifted: TableDefinition = {
      ...def,
      globalSecondaryIndexes: [
        ...def.globalSecondaryIndexes,
        {
          indexName: 'gsi9',
          accessPattern: 'drift',
          partitionKey: { name: 'gsi9pk', type: 'S' },
        },
      ],
      stream: 'KEYS_ONLY',
    };

    const differences = tableDifferences(tableResource(def.id).Properties, drifted);

    expect(differences.map((d) => d.split(':')[0])).toEqual([
      'AttributeDefinitions',
      'GlobalSecondaryIndexes',
      'StreamSpecification',
    ]);
  });

  it.each(tables.map((def) => [def.id] as const))(
    "keeps table '%s' safe: point-in-time recovery, deletion protection, retained on delete",
    (id) => {
      const table = tableResource(id);

      expect(table.Properties.PointInTimeRecoverySpecification).toEqual({
        PointInTimeRecoveryEnabled: true,
      });
      expect(table.Properties.DeletionProtectionEnabled).toBe(true);
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.UpdateReplacePolicy).toBe('Retain');
    },
  );
});
