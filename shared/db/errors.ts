import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';

/** Which items of a cancelled transaction failed their condition (indexes into TransactItems). */
export function failedConditions(err: unknown): number[] | undefined {
  if (!(err instanceof TransactionCanceledException)) return undefined;
  return (err.CancellationReasons ?? []).flatMap((reason, i) =>
    reason.Code === 'ConditionalCheckFailed' ? [i] : [],
  );
}

export const isConditionFailure = (err: unknown): boolean =>
  err instanceof ConditionalCheckFailedException;
