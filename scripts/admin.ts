import { randomUUID } from 'node:crypto';
import * as z from 'zod';

/**
 * `npm run admin -- create-admin <email> [display name]`: makes an admin with a one-time password
 * (printed once; the first sign-in must change it).
 * Local (default): the database under DATA_DIR (a running `npm start` or DynamoDB Local on it).
 * AWS: `npm run admin -- --aws create-admin <email>` with TABLE_NAME and AWS credentials set.
 */
const args = process.argv.slice(2);
const aws = args[0] === '--aws';
const [command, email, ...nameParts] = aws ? args.slice(1) : args;
const parsedEmail = z.email().safeParse(email);
if (command !== 'create-admin' || !parsedEmail.success) {
  console.error('usage: npm run admin -- [--aws] create-admin <email> [display name]');
  process.exit(2);
}
let stop = async (): Promise<void> => {};
if (!aws) {
  const { connectLocalDatabase } = await import('../infra/local/connect');
  stop = (await connectLocalDatabase()).stop;
} else if (!process.env.TABLE_NAME) {
  console.error('Set TABLE_NAME to the deployed table (see the stack outputs).');
  process.exit(2);
}
try {
  const { createStaffAccount } = await import('../functions/_http/staff-accounts');
  const { account, oneTimePassword } = await createStaffAccount(
    {
      id: `ac-${randomUUID()}`,
      email: parsedEmail.data,
      displayName: nameParts.join(' ') || 'Quản trị viên',
      role: 'admin',
    },
    new Date(),
  );
  console.log(
    `Admin created: ${account.email}\nOne-time password (shown once): ${oneTimePassword}`,
  );
} catch (err) {
  const code = (err as { code?: string }).code;
  console.error(
    code === 'account.loginTaken' ? `An account with ${parsedEmail.data} exists already.` : err,
  );
  process.exitCode = 1;
} finally {
  await stop();
}
