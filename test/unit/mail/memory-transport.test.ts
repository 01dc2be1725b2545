import { describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  // A test host without an outbox directory: neither SES nor files.
  Object.assign(process.env, { TABLE_NAME: 'unit', HOST_KIND: 'test', MAIL_FROM: 'shop@choso.vn' });
  delete process.env.MAIL_OUTBOX_DIR;
});

import { failMailForTests, sendMail, sentMail } from '../../../shared/mail/mail';
import { passwordChangedMail } from '../../../shared/mail/templates';

describe('sendMail without an outbox directory off AWS', () => {
  it('keeps the mail in memory (never SES), stamped with id, time and sender', async () => {
    const mail = passwordChangedMail('seller@x.vn', 'HTX', 'https://cho.example');
    const at = new Date('2026-12-02T03:04:05.006Z');
    const outcome = await sendMail(mail, at);
    expect(outcome).toEqual({ ok: true, via: 'memory', id: expect.any(String) });
    if (!outcome.ok) throw new Error('not sent');
    expect(outcome.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(sentMail()).toEqual([
      { ...mail, id: outcome.id, at: '2026-12-02T03:04:05.006Z', from: 'shop@choso.vn' },
    ]);
  });

  it('a failing transport is reported as memory and keeps nothing', async () => {
    const before = sentMail().length;
    failMailForTests('throttled');
    try {
      expect(await sendMail(passwordChangedMail('a@x.vn', 'A', 'https://x.vn'))).toEqual({
        ok: false,
        via: 'memory',
        error: 'throttled',
      });
    } finally {
      failMailForTests(undefined);
    }
    expect(sentMail()).toHaveLength(before);
  });
});
