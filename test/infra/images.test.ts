import { Stack } from 'aws-cdk-lib';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { mergeAccess, routes } from '../../infra/routes';
import {
  actionsOf,
  fixture,
  functionLogicalId,
  resourcesOf,
  statementsOfRole,
} from './stack-fixture';

describe('product images', () => {
  it('lets exactly the functions whose routes name `images` put/get objects, on the image prefix only', () => {
    const { stack, template, functions } = fixture();
    for (const entry of functions) {
      const fn = stack.functions.get(entry.name);
      if (!fn) throw new Error(entry.name);
      const roleId = Stack.of(stack).getLogicalId(fn.role.node.defaultChild as CfnRole);
      // The page-render function's read of the site bucket's page templates is not an image
      // grant: test/infra/page-routes.test.ts pins it (two keys, GetObject only, that function only).
      const s3 = statementsOfRole(template, roleId).filter(
        (s) =>
          actionsOf(s).some((a) => a.startsWith('s3:')) &&
          !JSON.stringify(s.Resource).includes('SiteBucket'),
      );
      const wanted = entry.routes.some((r) => r.images);

      expect(s3.length > 0, `${entry.name} s3`).toBe(wanted);
      const access = mergeAccess(
        entry.routes.map((r) => (r.images ? { main: r.images } : {})),
      ).main;
      const objectActions = new Set<string>();
      for (const statement of s3) {
        if (actionsOf(statement).includes('s3:ListBucket')) {
          // Listing only under the image prefix, so a missing key answers 404 (never for writers).
          expect(actionsOf(statement)).toEqual(['s3:ListBucket']);
          expect((statement as unknown as { Condition: unknown }).Condition).toEqual({
            StringLike: { 's3:prefix': ['images/img/*'] },
          });
          expect(access, entry.name).not.toBe('write');
          continue;
        }
        for (const action of actionsOf(statement)) objectActions.add(action);
        expect(JSON.stringify(statement.Resource)).toContain('/images/img/*');
      }
      if (wanted) {
        // Exactly the object actions the access names: the upload function never reads.
        const expected = [
          ...(access !== 'read' ? ['s3:PutObject'] : []),
          ...(access !== 'write' ? ['s3:GetObject'] : []),
        ];
        expect([...objectActions].sort(), entry.name).toEqual(expected.sort());
      }
      const resource = resourcesOf(template, 'AWS::Lambda::Function')[
        functionLogicalId(stack, entry.name)
      ];
      const environment = resource?.Properties.Environment as
        | { Variables: Record<string, unknown> }
        | undefined;
      const variables = environment?.Variables ?? {};
      expect('IMAGES_BUCKET' in variables, `${entry.name} env`).toBe(wanted);
    }
    expect(routes.some((r) => r.images)).toBe(true);
  });

  it('keeps the images bucket private, encrypted and TLS-only, with browser PUTs allowed', () => {
    const { template } = fixture();
    const bucket = Object.values(resourcesOf(template, 'AWS::S3::Bucket')).find(
      (b) => b.Properties.CorsConfiguration,
    );
    expect(bucket?.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(JSON.stringify(bucket?.Properties.CorsConfiguration)).toContain('PUT');
  });

  it('gives a route its own timeout when it asks for more than the default', () => {
    const { stack } = fixture();
    const fn = stack.functions.get('api-sellerImports');
    expect((fn?.fn.node.defaultChild as CfnFunction | undefined)?.timeout).toBe(29);
    expect(
      (stack.functions.get('api-system')?.fn.node.defaultChild as CfnFunction | undefined)?.timeout,
    ).toBe(10);
  });
});
