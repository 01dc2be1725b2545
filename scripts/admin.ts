import { randomUUID } from 'node:crypto';
import * as z from 'zod';

/**
 * The admin command, for what the API does not do (a person with access to the deployment):
 * - `create-admin <email> [display name]`: an admin with a one-time password (printed once; the
 *   first sign-in must change it).
 * - `disable <email> <reason…>` / `enable <email>`: any account, admins included (the API lets
 *   admins disable officers' and sellers' sign-ins only). Disabling ends its sessions at once;
 *   both are recorded in the audit trail (actor: the admin command).
 * Local (default): the database under DATA_DIR (a running `npm start` or DynamoDB Local on it).
 * AWS: `npm run admin -- --aws <command> …` with TABLE_NAME and AWS credentials set.
 */
const USAGE = [
  'usage: npm run admin -- [--aws] create-admin <email> [display name]',
  '       npm run admin -- [--aws] disable <email> <reason…>',
  '       npm run admin -- [--aws] enable <email>',
].join('\n');
const args = process.argv.slice(2);
const aws = args[0] === '--aws';
const [command, email, ...rest] = aws ? args.slice(1) : args;
const parsedEmail = z.email().safeParse(email);
const known = ['create-admin', 'disable', 'enable'];
if (!command || !known.includes(command) || !parsedEmail.success) {
  console.error(USAGE);
  process.exit(2);
}
if (command === 'disable' && rest.join(' ').trim().length < 3) {
  console.error('Give a reason (at least 3 characters).\n' + USAGE);
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
  if (command === 'create-admin') {
    const { createStaffAccount } = await import('../functions/_http/staff-accounts');
    const { account, oneTimePassword } = await createStaffAccount(
      {
        id: `ac-${randomUUID()}`,
        email: parsedEmail.data,
        displayName: rest.join(' ') || 'Quản trị viên',
        role: 'admin',
      },
      new Date(),
    );
    console.log(
      `Admin created: ${account.email}\nOne-time password (shown once): ${oneTimePassword}`,
    );
  } else {
    const { emailLogin } = await import('../shared/accounts/account');
    const { deleteSessionsOfAccount, findAccountByLogin, setAccountStatus } = await import(
      '../shared/db/accounts'
    );
    const { auditEvent } = await import('../shared/audit/audit');
    const { auditPuts } = await import('../shared/db/audit');
    const account = await findAccountByLogin(emailLogin(parsedEmail.data));
    if (!account) {
      console.error(`No account with ${parsedEmail.data}.`);
      process.exitCode = 1;
    } else {
      const status = command === 'disable' ? 'disabled' : 'active';
      const now = new Date();
      const reason = rest.join(' ').trim();
      await setAccountStatus(
        account,
        status,
        now,
        auditPuts(
          auditEvent({
            id: randomUUID(),
            at: now.toISOString(),
            action: command === 'disable' ? 'account.disabled' : 'account.enabled',
            actor: { kind: 'system', name: 'admin-command' },
            target: {
              kind: 'account',
              id: account.id,
              ...(account.sellerId ? { sellerId: account.sellerId } : {}),
            },
            details: { role: account.role, ...(reason ? { reason } : {}) },
          }),
        ),
        { includeAdmins: true },
      );
      const ended = status === 'disabled' ? await deleteSessionsOfAccount(account.id) : 0;
      console.log(
        `${account.email} (${account.role}) is now ${status}${ended ? `; ${ended} sessions ended` : ''}.`,
      );
    }
  }
} catch (err) {
  const code = (err as { code?: string }).code;
  console.error(
    code === 'account.loginTaken' ? `An account with ${parsedEmail.data} exists already.` : err,
  );
  process.exitCode = 1;
} finally {
  await stop();
}
