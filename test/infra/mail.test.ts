import { readFileSync } from 'node:fs';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { sendsMail } from '../../infra/aws/stack';
import { routes, streamConsumers } from '../../infra/routes';
import { actionsOf, fixture, resourcesOf, type Statement, statementsOfRole } from './stack-fixture';

/**
 * Mail on AWS (Amazon SES): only the functions whose manifest entries say `mail` may send, only
 * `ses:SendEmail`, only through the stack's identity and configuration set and from MAIL_FROM;
 * bounces and complaints are suppressed and published. The local outbox leaves no trace.
 */
const roleStatements = (fnName: string): Statement[] => {
  const { stack, template } = fixture();
  const fn = stack.functions.get(fnName);
  if (!fn) throw new Error(fnName);
  return statementsOfRole(template, stack.getLogicalId(fn.role.node.defaultChild as never));
};
const sesStatements = (fnName: string) =>
  roleStatements(fnName).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));

describe('mail through Amazon SES', () => {
  it('is sent by the password-reset routes and the stream consumer, as the manifest says', () => {
    const mailing = routes.filter((r) => r.mail).map((r) => r.path);
    expect(mailing).toEqual([
      '/api/auth/password-reset/request',
      '/api/auth/password-reset/confirm',
    ]);
    expect(streamConsumers.filter((c) => c.mail).map((c) => c.id)).toEqual(['tableStream']);
    const { functions } = fixture();
    expect(
      functions
        .filter(sendsMail)
        .map((f) => f.name)
        .sort(),
    ).toEqual(['api-accounts', 'stream-tableStream']);
  });

  it('grants exactly ses:SendEmail on the identity and configuration set, from MAIL_FROM, to those functions only', () => {
    const { stack, functions } = fixture();
    const identity = stack.getLogicalId(stack.mailIdentity.node.defaultChild as never);
    for (const entry of functions) {
      const statements = sesStatements(entry.name);
      if (!sendsMail(entry)) {
        expect(statements, entry.name).toEqual([]);
        continue;
      }
      expect(statements, entry.name).toHaveLength(1);
      const [statement] = statements as [Statement & { Condition?: unknown }];
      expect(statement.Effect).toBe('Allow');
      expect(actionsOf(statement)).toEqual(['ses:SendEmail']);
      const resources = JSON.stringify(statement.Resource);
      expect(resources).toContain(identity);
      expect(resources).toContain(':configuration-set/');
      expect(resources).not.toContain('"*"');
      expect(statement.Condition).toEqual({
        StringEquals: { 'ses:FromAddress': 'no-reply@choso.vn' },
      });
    }
  });

  it('gives the sending functions MAIL_FROM, the configuration set and the site URL, and no one else', () => {
    const { stack, template, functions } = fixture();
    const lambdas = resourcesOf(template, 'AWS::Lambda::Function');
    for (const entry of functions) {
      const fn = stack.functions.get(entry.name);
      const id = stack.getLogicalId(fn?.fn.node.defaultChild as never);
      const env =
        (lambdas[id]?.Properties.Environment as { Variables: Record<string, unknown> } | undefined)
          ?.Variables ?? {};
      expect('MAIL_FROM' in env, entry.name).toBe(sendsMail(entry));
      expect('SES_CONFIGURATION_SET' in env, entry.name).toBe(sendsMail(entry));
      expect('MAIL_OUTBOX_DIR' in env, entry.name).toBe(false);
      if (sendsMail(entry)) {
        expect(env.MAIL_FROM).toBe('no-reply@choso.vn');
        expect(JSON.stringify(env.SITE_URL)).toContain('DomainName');
      }
    }
  });

  it("verifies the sender's domain with DKIM and sends through the configuration set", () => {
    const { template } = fixture();
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'choso.vn',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: Match.anyValue() } },
    });
    const outputs = Object.keys(template.toJSON().Outputs);
    expect(outputs.filter((o) => o.startsWith('MailDkim'))).toHaveLength(3);
    expect(outputs).toContain('MailEventsTopicArn');
  });

  it('suppresses bounced and complaining addresses and publishes those events to an encrypted topic', () => {
    const { template } = fixture();
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    const [destination] = Object.values(
      resourcesOf(template, 'AWS::SES::ConfigurationSetEventDestination'),
    );
    const config = destination?.Properties.EventDestination as {
      MatchingEventTypes: string[];
      SnsDestination: unknown;
    };
    expect(config.MatchingEventTypes.sort()).toEqual(
      ['bounce', 'complaint', 'deliveryDelay', 'reject'].sort(),
    );
    const topics = Object.entries(resourcesOf(template, 'AWS::SNS::Topic')).filter(([id]) =>
      JSON.stringify(config.SnsDestination).includes(id),
    );
    expect(topics).toHaveLength(1);
    expect(topics[0]?.[1].Properties.KmsMasterKeyId).toBeDefined();
    // SES may publish to it (the topic policy CDK adds), over TLS only.
    const policies = JSON.stringify(resourcesOf(template, 'AWS::SNS::TopicPolicy'));
    expect(policies).toContain('ses.amazonaws.com');
    expect(policies).toContain('aws:SecureTransport');
  });
});

describe('the local outbox', () => {
  it('leaves no trace in the AWS template or the bundled entries', () => {
    const { template, functions } = fixture();
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toMatch(/_outbox|outbox/i);
    expect(text).not.toContain('MAIL_OUTBOX_DIR');
    for (const entry of functions) {
      if (entry.kind !== 'api' || !entry.source) continue;
      expect(entry.source).not.toMatch(/infra\/local|outbox/);
    }
    // The handlers reach the outbox only through shared/mail (MAIL_OUTBOX_DIR, unset on AWS).
    for (const route of routes.filter((r) => r.mail)) {
      expect(readFileSync(route.handler, 'utf8')).not.toContain('infra/local');
    }
  });
});
