/**
 * Per-function `dynamodb:LeadingKeys` allow-lists (infra/key-access.ts) in the synthesized stack.
 * That the lists are complete is shown by test/integration/http/key-access.test.ts (DynamoDB Local
 * does not enforce IAM); this file checks that the stack puts exactly those lists on every table
 * grant, and nothing unconditioned.
 */
import { Stack } from 'aws-cdk-lib';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import { TABLE_ACTIONS } from '../../infra/aws/api-function';
import { leadingKeysOf } from '../../infra/aws/stack';
import {
  DESCRIBE_TABLE,
  KEY_ACCESS,
  leadingKeyAllowed,
  leadingKeyMatches,
} from '../../infra/key-access';
import { actionsOf, fixture, resourcesOf, type Statement, statementsOfRole } from './stack-fixture';

const ITEM_ACTIONS = new Set([...TABLE_ACTIONS.read, ...TABLE_ACTIONS.write]);

type Conditioned = Statement & { Condition?: Record<string, Record<string, unknown>> };

const roleIdOf = (name: string) => {
  const { stack } = fixture();
  const fn = stack.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return Stack.of(stack).getLogicalId(fn.role.node.defaultChild as CfnRole);
};

const dynamoStatements = (name: string) =>
  (statementsOfRole(fixture().template, roleIdOf(name)) as Conditioned[]).filter(
    (s) => s.Effect === 'Allow' && actionsOf(s).some((a) => a.startsWith('dynamodb:')),
  );

describe('LeadingKeys allow-lists on the table grants', () => {
  it('every function of the stack has a list, and every list a function', () => {
    const names = [...fixture().stack.functions.keys()].sort();
    expect(Object.keys(KEY_ACCESS).sort()).toEqual(names);
  });

  it('conditions every item and query grant on exactly the function’s list', () => {
    for (const name of fixture().stack.functions.keys()) {
      const itemGrants = dynamoStatements(name).filter((s) =>
        actionsOf(s).some((a) => ITEM_ACTIONS.has(a)),
      );
      // Nothing else on the table but DescribeTable (health) and the stream reads (consumer).
      for (const statement of dynamoStatements(name)) {
        if (itemGrants.includes(statement)) continue;
        expect(
          actionsOf(statement).every((a) => !ITEM_ACTIONS.has(a)),
          name,
        ).toBe(true);
      }
      expect(itemGrants.length, name).toBeGreaterThan(0);
      for (const statement of itemGrants) {
        expect(statement.Condition, `${name}: ${JSON.stringify(statement)}`).toEqual({
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...(KEY_ACCESS[name] ?? [])] },
        });
      }
    }
  });

  it('grants DescribeTable (which names no key) only to the health function, on the table only', () => {
    for (const name of fixture().stack.functions.keys()) {
      const describe = dynamoStatements(name).filter((s) =>
        actionsOf(s).includes('dynamodb:DescribeTable'),
      );
      if (!DESCRIBE_TABLE.includes(name)) {
        expect(describe, name).toEqual([]);
        continue;
      }
      expect(describe).toHaveLength(1);
      expect(actionsOf(describe[0] as Statement)).toEqual(['dynamodb:DescribeTable']);
      expect(JSON.stringify(describe[0]?.Resource)).not.toContain('/index/');
    }
  });

  it('keeps the credential partitions off the public functions’ lists', () => {
    for (const name of ['api-catalog', 'api-pages', 'api-openData', 'api-orders', 'api-webhooks']) {
      for (const key of [
        'ACCOUNT#a',
        'LOGIN#email:x',
        'SESSION#s',
        'APIKEY#k',
        'THROTTLE#x',
        'PWRESET#h',
        'ONETIMEPW#a',
        'AUDIT#LOG',
      ]) {
        expect(leadingKeyAllowed(name, key), `${name} ${key}`).toBe(false);
      }
    }
    // Only the functions that sign in or manage accounts reach password material.
    const withLogins = Object.keys(KEY_ACCESS).filter((name) =>
      leadingKeyAllowed(name, 'LOGIN#email:a@b.vn'),
    );
    expect(withLogins.sort()).toEqual(['api-accounts', 'api-officer']);
  });

  it('keeps every role’s inline policies under the 10,240-character IAM limit', () => {
    const { template } = fixture();
    const policies = Object.values(resourcesOf(template, 'AWS::IAM::Policy'));
    for (const policy of policies) {
      // Tokens (Fn::GetAtt, Fn::Join of ARNs) resolve to ARNs of about 120 characters at most.
      const text = JSON.stringify(policy.Properties.PolicyDocument).replace(
        /\{"Fn::(?:GetAtt|Join|Sub|ImportValue)"[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/g,
        `"${'x'.repeat(120)}"`,
      );
      expect(text.length).toBeLessThan(10_240);
    }
  });

  it('refuses to synthesize a function without a list', () => {
    expect(() =>
      leadingKeysOf({
        name: 'api-newGroup',
        kind: 'api',
        id: 'newGroup',
        entryPath: '/nowhere.ts',
        routes: [],
        tables: { main: 'read' },
      }),
    ).toThrow(/no partition list for api-newGroup/);
  });

  it('matches like IAM StringLike', () => {
    expect(leadingKeyMatches('SELLER#*', 'SELLER#abc')).toBe(true);
    expect(leadingKeyMatches('SELLER#*', 'SELLERS#pending')).toBe(false);
    expect(leadingKeyMatches('SYSTEM#heartbeat#*', 'SYSTEM#entityCounts')).toBe(false);
    expect(leadingKeyMatches('LISTING#?', 'LISTING#3')).toBe(true);
    expect(leadingKeyMatches('LISTING#?', 'LISTING#12')).toBe(false);
    expect(leadingKeyMatches('AUDIT#LOG', 'AUDIT#LOGX')).toBe(false);
    expect(leadingKeyMatches('A.B', 'AxB')).toBe(false);
  });
});
