import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ParamsAndSecretsLayerVersion,
  ParamsAndSecretsLogLevel,
  ParamsAndSecretsVersions,
} from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionEntry, FunctionKind } from '../bundle-entries';
import type { TableAccess } from '../routes';
import { type TableId, tables as tableDefinitions } from '../tables';
import { bundlingEnvironment, lambdaArchitecture, lambdaRuntime, nodejsBundling } from './bundling';

/** Defaults every function shares; the timeout depends on what invokes it. */
export const functionDefaults = {
  memorySize: 1024,
  logRetention: RetentionDays.ONE_MONTH,
  timeout: {
    // API Gateway waits up to 30 s; a request that needs more than 10 s is a bug.
    api: Duration.seconds(10),
    // A batch of up to 100 stream records, each one transaction.
    stream: Duration.seconds(60),
    job: Duration.seconds(30),
  } satisfies Record<FunctionKind, Duration>,
} as const;

/** The secrets extension as shared/secrets.ts expects it (default port 2773, 5-minute cache). */
export const secretsExtension = () =>
  ParamsAndSecretsLayerVersion.fromVersion(ParamsAndSecretsVersions.V1_0_103, {
    cacheEnabled: true,
    secretsManagerTtl: Duration.minutes(5),
    logLevel: ParamsAndSecretsLogLevel.WARN,
  });

/**
 * The item actions shared/db uses, by access. Never Scan (no code path scans: a scan would read
 * every partition, password hashes included), DescribeTable or the batch writes, which nothing
 * sends. ConditionCheckItem is what a transaction's condition check needs, on either side.
 */
export const TABLE_ACTIONS: Record<Exclude<TableAccess, 'readWrite'>, readonly string[]> = {
  read: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
  ],
  write: [
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:ConditionCheckItem',
  ],
};

/**
 * Grants exactly the manifest's access (read, write or both) on the table and its indexes, and,
 * with `leadingKeys` (infra/key-access.ts), only on those partitions: every key a request names
 * (each item of a transaction or batch; the index's partition key for a Query on an index) must
 * match one of the patterns (`ForAllValues:StringLike` on `dynamodb:LeadingKeys`).
 */
export function grantTableAccess(
  grantee: IGrantable,
  table: ITable,
  access: TableAccess,
  leadingKeys?: readonly string[],
): void {
  const actions = new Set([
    ...(access !== 'write' ? TABLE_ACTIONS.read : []),
    ...(access !== 'read' ? TABLE_ACTIONS.write : []),
  ]);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [...actions],
      // Indexes are read-only: only Query reaches them.
      resources: [table.tableArn, ...(access !== 'write' ? [`${table.tableArn}/index/*`] : [])],
      ...(leadingKeys
        ? {
            conditions: {
              'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...leadingKeys] },
            },
          }
        : {}),
    }),
  );
}

export interface ManifestFunctionProps {
  entry: FunctionEntry;
  /** The stack's tables by manifest id. */
  tables: Record<TableId, ITable>;
  /** Variables beyond the table names (HOST_KIND, APP_VERSION, ...). */
  environment: Record<string, string>;
  description?: string;
  /**
   * Attach the AWS Parameters and Secrets Lambda Extension: shared/secrets.ts reads the signing
   * key from it on localhost (cached in the extension), so no Secrets Manager SDK is bundled.
   */
  secretsExtension?: boolean;
  /** Overrides the kind's default timeout. */
  timeout?: Duration;
  /** The partitions this function may touch (infra/key-access.ts); without it, the whole table. */
  leadingKeys?: readonly string[];
}

/**
 * One Lambda function of the manifest: bundled with THE settings (./bundling), its own log group
 * with retention, each table's name in the table's `envName`, and the grants the manifest names.
 */
export class ManifestFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;
  readonly kind: FunctionKind;

  constructor(scope: Construct, id: string, props: ManifestFunctionProps) {
    super(scope, id);
    const { entry } = props;
    this.kind = entry.kind;
    this.logGroup = new LogGroup(this, 'Logs', { retention: functionDefaults.logRetention });
    // Our own role instead of AWSLambdaBasicExecutionRole (logs:* on every log group): this
    // function may write to its own log group and nothing else until the manifest grants more.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${entry.name}: writes its log group, plus the manifest's grants`,
    });
    this.logGroup.grantWrite(this.role);

    const tableEnvironment: Record<string, string> = {};
    for (const def of tableDefinitions)
      tableEnvironment[def.envName] = props.tables[def.id].tableName;

    this.fn = new NodejsFunction(this, 'Function', {
      entry: entry.entryPath,
      handler: 'handler',
      runtime: lambdaRuntime,
      architecture: lambdaArchitecture,
      memorySize: functionDefaults.memorySize,
      timeout: props.timeout ?? functionDefaults.timeout[entry.kind],
      logGroup: this.logGroup,
      role: this.role,
      bundling: nodejsBundling(),
      ...(props.secretsExtension ? { paramsAndSecrets: secretsExtension() } : {}),
      description: props.description ?? `${entry.kind} ${entry.id} (infra/routes.ts)`,
      environment: { ...tableEnvironment, ...props.environment, ...bundlingEnvironment },
    });

    for (const [tableId, access] of Object.entries(entry.tables) as [TableId, TableAccess][]) {
      grantTableAccess(this.fn, props.tables[tableId], access, props.leadingKeys);
    }
  }
}
