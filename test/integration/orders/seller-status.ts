import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { db } from '../../../shared/db/client';

/** Test-only: sets a seller's status directly (the officer route is tested elsewhere). */
export async function setSellerStatusForTest(sellerId: string, status: string): Promise<void> {
  const { doc, tableName } = db();
  await doc.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { pk: `SELLER#${sellerId}`, sk: 'PROFILE' },
      UpdateExpression: 'SET #s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': status },
    }),
  );
}
