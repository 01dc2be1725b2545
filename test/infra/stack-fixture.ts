import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ChoSoStack } from '../../infra/aws/stack';
import { prepareFunctionEntries, repoRoot } from '../../infra/bundle-entries';

/**
 * The stack as `cdk synth` builds it (cdk.json's context and feature flags), except that esbuild
 * bundling is skipped ('aws:cdk:bundling-stacks': []) and a one-page placeholder build stands in for web/dist.
 */
export function synthStack(options: { nag?: boolean } = {}) {
  const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  if (options.nag) Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  const webDist = mkdtempSync(join(tmpdir(), 'cho-so-web-'));
  mkdirSync(join(webDist, 'home'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>placeholder</title>');
  const functions = prepareFunctionEntries();
  const stack = new ChoSoStack(app, 'ChoSo', { functions, webDist, appVersion: 'test' });
  return { app, stack, functions };
}

let cached: (ReturnType<typeof synthStack> & { template: Template }) | undefined;
/** One synthesized stack per test file (synthesis is the slow part). */
export function fixture() {
  if (!cached) {
    const built = synthStack();
    cached = { ...built, template: Template.fromStack(built.stack) };
  }
  return cached;
}

export type Resource = { Type: string; Properties: Record<string, unknown> } & Record<
  string,
  unknown
>;

export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** Logical id of a manifest function's AWS::Lambda::Function. */
export function functionLogicalId(stack: ChoSoStack, name: string): string {
  const fn = stack.functions.get(name);
  if (!fn) throw new Error(`no function ${name}`);
  return Stack.of(stack).getLogicalId(fn.fn.node.defaultChild as CfnFunction);
}

/** All IAM statements attached to a role (its AWS::IAM::Policy resources). */
export function statementsOfRole(template: Template, roleLogicalId: string) {
  const policies = resourcesOf(template, 'AWS::IAM::Policy');
  return Object.values(policies)
    .filter((policy) =>
      (policy.Properties.Roles as unknown[]).some(
        (role) => JSON.stringify(role) === JSON.stringify({ Ref: roleLogicalId }),
      ),
    )
    .flatMap(
      (policy) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
}

export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
}

export const actionsOf = (statement: Statement) =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];
