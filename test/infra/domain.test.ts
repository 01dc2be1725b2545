/**
 * The custom domain option (`-c domain -c certificateArn`, optional `-c hostedZoneId
 * -c hostedZoneName`): checks at synth, and what the stack does with and without it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { customDomain, isHostName } from '../../infra/aws/domain';
import { ChoSoStack } from '../../infra/aws/stack';
import { prepareFunctionEntries, repoRoot } from '../../infra/bundle-entries';
import { fixture, functionLogicalId, resourcesOf } from './stack-fixture';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
const DOMAIN = 'choso.camau.gov.vn';

describe('customDomain (context checks)', () => {
  it('is undefined without domain and certificate', () => {
    expect(customDomain({})).toBeUndefined();
  });

  it('takes a host name with a us-east-1 certificate, normalising case and a trailing dot', () => {
    expect(customDomain({ domain: 'ChoSo.CaMau.gov.vn.', certificateArn: CERT })).toEqual({
      name: DOMAIN,
      certificateArn: CERT,
    });
    expect(
      customDomain({
        domain: DOMAIN,
        certificateArn: CERT,
        hostedZoneId: 'Z0123456789ABCDEFGHIJ',
        hostedZoneName: 'camau.gov.vn.',
      }),
    ).toEqual({
      name: DOMAIN,
      certificateArn: CERT,
      hostedZone: { id: 'Z0123456789ABCDEFGHIJ', name: 'camau.gov.vn' },
    });
  });

  it('wants both or neither of domain and certificateArn', () => {
    expect(() => customDomain({ domain: DOMAIN })).toThrow(/go together.*only domain/);
    expect(() => customDomain({ certificateArn: CERT })).toThrow(
      /go together.*only certificateArn/,
    );
    expect(() => customDomain({ hostedZoneId: 'Z123', hostedZoneName: 'camau.gov.vn' })).toThrow(
      /need -c domain/,
    );
  });

  it.each([
    'https://choso.camau.gov.vn',
    'choso.camau.gov.vn:443',
    'choso.camau.gov.vn/path',
    '*.camau.gov.vn',
    'localhost',
    'choso_camau.gov.vn',
    '-choso.gov.vn',
    'choso-.gov.vn',
    'choso..gov.vn',
    'choso.camau.gov.123',
    `${'a'.repeat(64)}.vn`,
    'chợsố.vn',
    '',
  ])('refuses the domain %j', (domain) => {
    expect(() => customDomain({ domain, certificateArn: CERT })).toThrow(
      /-c domain must be a host name/,
    );
  });

  it('knows punycode and long names', () => {
    expect(isHostName('xn--ch-s-5oa.vn')).toBe(true);
    expect(isHostName('choso.xn--vietnam-abc')).toBe(true);
    expect(isHostName(`${`${'a'.repeat(63)}.`.repeat(4)}vn`)).toBe(false); // 258 characters
  });

  it('refuses a certificate outside us-east-1 or that is not an ACM certificate ARN', () => {
    expect(() =>
      customDomain({ domain: DOMAIN, certificateArn: CERT.replace('us-east-1', 'ap-southeast-1') }),
    ).toThrow(/must be in us-east-1.*ap-southeast-1/);
    for (const bad of [
      'not-an-arn',
      CERT.replace(':acm:', ':iam:'),
      CERT.replace('123456789012', '1234'),
      CERT.replace('certificate/', 'certificate/x'),
    ]) {
      expect(() => customDomain({ domain: DOMAIN, certificateArn: bad })).toThrow(
        /ACM certificate ARN/,
      );
    }
  });

  it('refuses a hosted zone without its pair, a bad zone id, or a zone not holding the domain', () => {
    const base = { domain: DOMAIN, certificateArn: CERT };
    expect(() => customDomain({ ...base, hostedZoneId: 'Z0123' })).toThrow(/go together/);
    expect(() => customDomain({ ...base, hostedZoneName: 'camau.gov.vn' })).toThrow(/go together/);
    expect(() =>
      customDomain({ ...base, hostedZoneId: 'zone-1', hostedZoneName: 'camau.gov.vn' }),
    ).toThrow(/zone id/);
    expect(() =>
      customDomain({ ...base, hostedZoneId: 'Z0123', hostedZoneName: 'baclieu.gov.vn' }),
    ).toThrow(/does not contain/);
    // A suffix that is not a whole label does not contain it either.
    expect(() =>
      customDomain({ ...base, hostedZoneId: 'Z0123', hostedZoneName: 'au.gov.vn' }),
    ).toThrow(/does not contain/);
  });
});

type Distribution = {
  Aliases?: string[];
  ViewerCertificate?: Record<string, unknown>;
};
const distributionOf = (template: Template) =>
  Object.values(resourcesOf(template, 'AWS::CloudFront::Distribution'))[0]?.Properties
    .DistributionConfig as Distribution;

function envOf(template: Template, stack: ChoSoStack, name: string): Record<string, unknown> {
  const fn = resourcesOf(template, 'AWS::Lambda::Function')[functionLogicalId(stack, name)];
  if (!fn) throw new Error(`no function ${name}`);
  return (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
}

function synthWithDomain(domain: Parameters<typeof customDomain>[0]) {
  const cdkJson = JSON.parse(readFileSync(join(repoRoot, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] } });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  const parsed = customDomain(domain);
  const stack = new ChoSoStack(app, 'ChoSo', {
    functions: prepareFunctionEntries(),
    appVersion: 'test',
    ...(parsed ? { domain: parsed } : {}),
  });
  return { stack, template: Template.fromStack(stack) };
}

describe('the stack with a custom domain', () => {
  const { stack, template } = synthWithDomain({
    domain: DOMAIN,
    certificateArn: CERT,
    hostedZoneId: 'Z0123456789ABCDEFGHIJ',
    hostedZoneName: 'camau.gov.vn',
  });

  it('answers on the name with the certificate, TLS 1.2_2021 at least, SNI only', () => {
    const config = distributionOf(template);
    expect(config.Aliases).toEqual([DOMAIN]);
    expect(config.ViewerCertificate).toEqual({
      AcmCertificateArn: CERT,
      MinimumProtocolVersion: 'TLSv1.2_2021',
      SslSupportMethod: 'sni-only',
    });
  });

  it('gives the functions the name as their site: mail links and the first CORS origin', () => {
    const mailing = [...stack.functions.keys()].filter(
      (name) => 'SITE_URL' in envOf(template, stack, name),
    );
    expect(mailing.length).toBeGreaterThan(0);
    for (const name of mailing)
      expect(envOf(template, stack, name).SITE_URL).toBe(`https://${DOMAIN}`);
    for (const name of stack.functions.keys()) {
      const cors = JSON.stringify(envOf(template, stack, name).CORS_ALLOWED_ORIGINS);
      // https://<domain>,https://<default domain token>
      expect(cors.startsWith(`{"Fn::Join":["",["https://${DOMAIN},https://",`), cors).toBe(true);
      expect(cors).toContain('DomainName');
    }
  });

  it('outputs the CNAME target and adds alias records to the hosted zone', () => {
    const outputs = template.toJSON().Outputs as Record<
      string,
      { Value: unknown; Description?: string }
    >;
    expect(outputs.SiteUrl?.Value).toBe(`https://${DOMAIN}`);
    expect(JSON.stringify(outputs.CnameTarget?.Value)).toContain('DomainName');
    expect(outputs.CnameTarget?.Description).toContain(DOMAIN);
    const records = Object.values(resourcesOf(template, 'AWS::Route53::RecordSet'));
    expect(records.map((r) => r.Properties.Type).sort()).toEqual(['A', 'AAAA']);
    for (const record of records) {
      expect(record.Properties).toMatchObject({
        Name: `${DOMAIN}.`,
        HostedZoneId: 'Z0123456789ABCDEFGHIJ',
      });
      expect(JSON.stringify(record.Properties.AliasTarget)).toContain('DomainName');
    }
  });

  it('stays clean under cdk-nag without the CFR4 suppression (a real certificate now)', () => {
    const errors = Annotations.fromStack(stack).findError(
      '*',
      Match.stringLikeRegexp('AwsSolutions-.*'),
    );
    expect(errors.map((e) => `${String(e.entry.data).split(':')[0]} at ${e.id}`)).toEqual([]);
    const metadata = JSON.stringify(template.toJSON().Resources);
    expect(metadata).not.toContain('AwsSolutions-CFR4');
  });

  it('without a hosted zone: the CNAME output says to point the name at it, no records', () => {
    const bare = synthWithDomain({ domain: DOMAIN, certificateArn: CERT });
    const outputs = bare.template.toJSON().Outputs as Record<string, { Description?: string }>;
    expect(outputs.CnameTarget?.Description).toMatch(/CNAME/);
    expect(resourcesOf(bare.template, 'AWS::Route53::RecordSet')).toEqual({});
  });
});

describe('the stack without a custom domain', () => {
  it('has no alias, the default certificate, no CNAME output, and the default domain as site', () => {
    const { stack, template } = fixture();
    const config = distributionOf(template);
    expect(config.Aliases).toBeUndefined();
    expect(JSON.stringify(config.ViewerCertificate ?? {})).not.toContain('AcmCertificateArn');
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs.CnameTarget).toBeUndefined();
    expect(JSON.stringify(outputs.SiteUrl?.Value)).toContain('DomainName');
    for (const name of stack.functions.keys()) {
      expect(JSON.stringify(envOf(template, stack, name).CORS_ALLOWED_ORIGINS)).not.toContain(
        'gov.vn',
      );
    }
  });

  it('refuses a bad domain given to the stack directly', () => {
    expect(
      () =>
        new ChoSoStack(new App(), 'Bad', {
          functions: [],
          domain: { name: 'https://choso.vn', certificateArn: CERT },
        }),
    ).toThrow(/host name/);
    expect(
      () =>
        new ChoSoStack(new App(), 'Bad', {
          functions: [],
          domain: { name: DOMAIN, certificateArn: CERT.replace('us-east-1', 'eu-west-1') },
        }),
    ).toThrow(/us-east-1/);
  });
});
