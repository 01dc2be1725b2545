import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthStack } from './stack-fixture';

describe('cdk-nag AwsSolutions', () => {
  it('reports no unsuppressed error', () => {
    // A fresh app: the aspect must be added before the first synthesis.
    const { stack } = synthStack({ nag: true });
    const annotations = Annotations.fromStack(stack);

    const errors = annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    const warnings = annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    const summary = (list: typeof errors) =>
      list.map((a) => `${String(a.entry.data).split(':')[0]} at ${a.id}`);
    if (warnings.length) console.info(`cdk-nag warnings:\n  ${summary(warnings).join('\n  ')}`);

    expect(summary(errors)).toEqual([]);
  });
});
