import { Annotations, Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';
import type { ChoSoStack } from './stack';

/**
 * Every cdk-nag (AwsSolutions) finding we accept, each with its reason, narrowed with appliesTo
 * to the exact permission or resource where the rule allows it. Anything not listed here fails
 * test/infra/nag.test.ts.
 */
export function addNagSuppressions(stack: ChoSoStack): void {
  // --- our functions ----------------------------------------------------------------------------
  for (const fn of stack.functions.values()) {
    NagSuppressions.addResourceSuppressions(
      fn.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "Table grants cover the table's own global secondary indexes (table/index/*): the " +
            'indexes named in infra/tables.ts, which handlers query by access pattern.',
          appliesTo: [
            { regex: '/^Resource::<[A-Za-z0-9]+Table[A-F0-9]{8}\\.Arn>\\/index\\/\\*$/' },
          ],
        },
      ],
      true,
    );
  }
  for (const fn of stack.functions.values()) {
    NagSuppressions.addResourceSuppressions(
      fn.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'Product images: s3:PutObject/GetObject on the images/img/* prefix of the images bucket ' +
            'only (infra/routes.ts `images`); object keys are new ids per upload, so no narrower ARN exists.',
          appliesTo: [
            { regex: '/^Resource::<ImagesBucket[A-F0-9]{8}\\.Arn>\\/images\\/img\\/\\*$/' },
          ],
        },
      ],
      true,
    );
  }
  for (const fn of [...stack.functions.values()].filter((f) => f.kind === 'stream')) {
    NagSuppressions.addResourceSuppressions(
      fn.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'dynamodb:ListStreams (added by the DynamoDB event source) does not support ' +
            'resource-level permissions; reading the stream itself is limited to its ARN.',
          appliesTo: ['Resource::*'],
        },
      ],
      true,
    );
  }

  // --- HTTP API ---------------------------------------------------------------------------------
  NagSuppressions.addResourceSuppressions(
    stack.api,
    [
      {
        id: 'AwsSolutions-APIG4',
        reason:
          'Authorization is enforced by each handler from the route manifest (infra/routes.ts ' +
          '`auth`); public routes are public by design. An API Gateway authorizer would duplicate ' +
          'the session-token check and add latency.',
      },
    ],
    true,
  );

  // --- data -------------------------------------------------------------------------------------
  NagSuppressions.addResourceSuppressions(stack.signingSecret, [
    {
      id: 'AwsSolutions-SMG4',
      reason:
        'Signing keys are rotated by a deliberate operator action (new secret value, then the old ' +
        'key is kept for verification until sessions expire); automatic rotation would sign out ' +
        'every user at once.',
    },
  ]);
  NagSuppressions.addResourceSuppressions(stack.originVerifySecret, [
    {
      id: 'AwsSolutions-SMG4',
      reason:
        'CloudFront reads this value once, at deploy time (a dynamic reference in its origin ' +
        'headers), so a scheduled rotation would lock CloudFront out until the next deploy. ' +
        'Rotation is an operator action: put a new value, then deploy; the functions accept ' +
        'AWSCURRENT and AWSPREVIOUS meanwhile (docs/security.md).',
    },
  ]);
  for (const queue of stack.failureQueues) {
    NagSuppressions.addResourceSuppressions(queue, [
      {
        id: 'AwsSolutions-SQS3',
        reason:
          "This queue IS a dead-letter destination: the stream event source mapping's on-failure " +
          'target. Messages are inspected and replayed by hand, never consumed automatically.',
      },
    ]);
  }

  // --- CloudFront -------------------------------------------------------------------------------
  if (!stack.domain) {
    NagSuppressions.addResourceSuppressions(stack.distribution, [
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The distribution uses the default *.cloudfront.net certificate, whose security policy ' +
          'CloudFront fixes at TLSv1; TLSv1.2_2021 is configured and takes effect as soon as a ' +
          'custom domain with an ACM certificate is added (-c domain -c certificateArn).',
      },
    ]);
    Annotations.of(stack.distribution).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront:minimumProtocolVersionWithoutCertificate',
      'Kept on purpose so a custom certificate gets TLSv1.2_2021 (see AwsSolutions-CFR4).',
    );
  }
  NagSuppressions.addResourceSuppressions(stack.distribution, [
    {
      id: 'AwsSolutions-CFR1',
      reason:
        'A public market: buyers, tourists booking tours and the diaspora order from abroad, so ' +
        'no country is restricted.',
    },
  ]);
  if (!stack.webAclArn) {
    NagSuppressions.addResourceSuppressions(stack.distribution, [
      {
        id: 'AwsSolutions-CFR2',
        reason:
          'The WAF is opt-in (-c waf=true, its own us-east-1 stack; monthly cost in the README). ' +
          'Without it the API stage and per-route limits cap floods, and the API refuses requests ' +
          'that did not come through CloudFront.',
      },
    ]);
  }

  // --- CDK-managed BucketDeployment (uploads web/dist) ------------------------------------------
  const deployments = Stack.of(stack).node.children.filter((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (deployments.length) {
    NagSuppressions.addResourceSuppressions(
      deployments,
      [
        {
          id: 'AwsSolutions-IAM4',
          reason:
            "CDK's BucketDeployment handler (a CDK-managed singleton) uses the basic Lambda " +
            'execution role for its own logs.',
          appliesTo: [
            'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
          ],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "CDK's BucketDeployment grants: read the staged asset from the CDK assets bucket, " +
            'sync (put/delete) objects in the site bucket, and invalidate the distribution ' +
            '(CloudFront invalidations do not support resource-level permissions).',
          appliesTo: [
            'Action::s3:GetBucket*',
            'Action::s3:GetObject*',
            'Action::s3:List*',
            'Action::s3:Abort*',
            'Action::s3:DeleteObject*',
            { regex: '/^Resource::<SiteBucket[A-F0-9]{8}\\.Arn>\\/\\*$/' },
            {
              regex:
                // Tokens when environment-agnostic; literals with an env (`-c waf=true`).
                '/^Resource::arn:(<AWS::Partition>|aws):s3:::cdk-[a-z0-9]+-assets-(<AWS::AccountId>|\\d{12})-(<AWS::Region>|[a-z0-9-]+)\\/\\*$/',
            },
            'Resource::*',
          ],
        },
        {
          id: 'AwsSolutions-L1',
          reason:
            "CDK's BucketDeployment handler runtime is chosen by aws-cdk-lib (Python + AWS CLI " +
            'layer) and updated with it; it is not our code.',
        },
      ],
      true,
    );
  }
}
