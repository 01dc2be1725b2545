import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';

const outboxDir = vi.hoisted(() => {
  const { mkdtempSync: mk } = require('node:fs') as typeof import('node:fs');
  const { tmpdir: tmp } = require('node:os') as typeof import('node:os');
  const dir = `${mk(`${tmp()}/choso-outbox-unit-`)}/outbox`;
  Object.assign(process.env, { TABLE_NAME: 'unit', HOST_KIND: 'local', MAIL_OUTBOX_DIR: dir });
  return dir;
});

import { createOutboxHandler, linkify } from '../../../infra/local/outbox';
import {
  newOneTimePassword,
  ONE_TIME_PASSWORD_ALPHABET,
  ONE_TIME_PASSWORD_PATTERN,
} from '../../../shared/accounts/recovery';
import { failMailForTests, sendMail } from '../../../shared/mail/mail';
import { notificationsOf } from '../../../shared/mail/notifications';
import { listOutbox, readOutboxMail, writeOutboxMail } from '../../../shared/mail/outbox';
import {
  orderPaidMail,
  orderPlacedMail,
  passwordChangedMail,
  passwordResetMail,
  sellerStatusMail,
} from '../../../shared/mail/templates';

const SITE = 'https://cho.example';

describe('templates', () => {
  it('are Vietnamese first, with one English line and the signature', () => {
    const mails = [
      passwordResetMail('a@x.vn', 'HTX A', `${SITE}/dat-lai-mat-khau/#token=abc`),
      passwordChangedMail('a@x.vn', 'HTX A', SITE),
      sellerStatusMail('a@x.vn', 'HTX A', 'approved', SITE),
      sellerStatusMail('a@x.vn', 'HTX A', 'rejected', SITE, 'Sai mã số thuế'),
      sellerStatusMail('a@x.vn', 'HTX A', 'suspended', SITE, 'Hàng giả'),
      sellerStatusMail('a@x.vn', 'HTX A', 'reinstated', SITE),
      orderPlacedMail(
        'a@x.vn',
        'HTX A',
        { code: 'CS1', total: 1_250_000, amountPaid: 0, lines: 2, payment: 'cod' },
        SITE,
      ),
      orderPaidMail(
        'a@x.vn',
        'HTX A',
        { code: 'CS1', total: 1_250_000, amountPaid: 1_250_000, lines: 2, payment: 'vietqr' },
        SITE,
      ),
    ];
    expect(mails.map((m) => m.kind)).toEqual([
      'passwordReset',
      'passwordChanged',
      'sellerApproved',
      'sellerRejected',
      'sellerSuspended',
      'sellerReinstated',
      'orderPlaced',
      'orderPaid',
    ]);
    for (const m of mails) {
      expect(m.text.startsWith('Xin chào HTX A,')).toBe(true);
      expect(m.text.match(/^English: /gm)).toHaveLength(1);
      expect(m.text.trimEnd().endsWith('— Chợ Số Cà Mau')).toBe(true);
      expect(m.subject).toMatch(/ \/ [A-Z]/);
      expect(m.to).toBe('a@x.vn');
    }
    expect(mails[0]?.text).toContain(`\n${SITE}/dat-lai-mat-khau/#token=abc\n`);
    expect(mails[0]?.text).toContain('30 phút');
    expect(mails[3]?.text).toContain('Lý do: Sai mã số thuế');
    expect(mails[4]?.text).toContain('Lý do: Hàng giả');
    expect(mails[2]?.text).not.toContain('Lý do');
    expect(mails[6]?.text).toContain('tổng 1.250.000\u00a0₫');
    expect(mails[6]?.text).toContain('trả tiền khi nhận hàng');
    expect(
      orderPlacedMail(
        'a',
        'B',
        { code: 'C', total: 5, amountPaid: 0, lines: 1, payment: 'vietqr' },
        SITE,
      ).text,
    ).toContain('VietQR');
    expect(mails[7]?.subject).toBe('Đơn CS1 đã thanh toán / Order paid');
  });
});

describe('notificationsOf (which committed changes are mailed)', () => {
  const order = {
    entity: 'order',
    code: 'CS9',
    sellerId: 'sl-1',
    sellerName: 'HTX',
    total: 100_000,
    amountPaid: 0,
    lines: [{}],
    payment: 'vietqr',
    paymentStatus: 'unpaid',
  };
  const seller = { entity: 'seller', id: 'sl-1', legalName: 'HTX', status: 'pending', version: 1 };

  it('mails a placed order once, and a payment when it turns paid or overpaid', () => {
    expect(notificationsOf('INSERT', undefined, order).map((n) => n.what)).toEqual([
      'order-placed#CS9',
    ]);
    expect(notificationsOf('MODIFY', order, { ...order, version: 2 })).toEqual([]);
    const paid = { ...order, paymentStatus: 'paid', amountPaid: 100_000 };
    const [n] = notificationsOf('MODIFY', order, paid);
    expect(n?.what).toBe('order-paid#CS9');
    expect(n?.sellerId).toBe('sl-1');
    expect(n?.mail('x@y.vn', SITE).text).toContain('100.000\u00a0₫');
    expect(notificationsOf('MODIFY', paid, { ...paid, status: 'shipped' })).toEqual([]);
    expect(notificationsOf('MODIFY', order, { ...order, paymentStatus: 'overpaid' })).toHaveLength(
      1,
    );
    expect(notificationsOf('MODIFY', order, { ...order, paymentStatus: 'partial' })).toEqual([]);
    expect(notificationsOf('REMOVE', order, undefined)).toEqual([]);
    expect(notificationsOf('INSERT', undefined, { ...order, code: undefined })).toEqual([]);
  });

  it('mails each seller status change by the action that made it, with the reason when there is one', () => {
    const cases: Array<[Record<string, unknown>, string, string | undefined]> = [
      [{ status: 'approved', lastStatusAction: 'approve' }, 'sellerApproved', undefined],
      [
        { status: 'rejected', lastStatusAction: 'reject', statusReason: 'Thiếu giấy phép' },
        'sellerRejected',
        'Thiếu giấy phép',
      ],
      [
        { status: 'suspended', lastStatusAction: 'suspend', statusReason: 'Hàng giả' },
        'sellerSuspended',
        'Hàng giả',
      ],
      [{ status: 'suspended' }, 'sellerSuspended', undefined],
      [
        { status: 'approved', lastStatusAction: 'reinstate', statusReason: 'cũ' },
        'sellerReinstated',
        undefined,
      ],
    ];
    for (const [change, kind, reason] of cases) {
      const after = { ...seller, ...change, version: 2 };
      const [n] = notificationsOf('MODIFY', seller, after);
      expect(n?.what).toBe('seller#sl-1#v2');
      const mail = n?.mail('x@y.vn', SITE);
      expect(mail?.kind).toBe(kind);
      if (reason) expect(mail?.text).toContain(`Lý do: ${reason}`);
      else expect(mail?.text).not.toContain('Lý do');
    }
    expect(notificationsOf('MODIFY', seller, { ...seller, legalName: 'New', version: 2 })).toEqual(
      [],
    );
    expect(notificationsOf('MODIFY', seller, { ...seller, status: 'pending', version: 2 })).toEqual(
      [],
    );
    // A rejected seller's corrected profile goes back to pending: not a new rejection.
    const rejected = { ...seller, status: 'rejected', lastStatusAction: 'reject', version: 2 };
    expect(
      notificationsOf('MODIFY', rejected, { ...rejected, status: 'pending', version: 3 }),
    ).toEqual([]);
    expect(notificationsOf('INSERT', undefined, seller)).toEqual([]);
    expect(
      notificationsOf('MODIFY', { ...seller, status: 'approved' }, { ...seller, status: 'weird' }),
    ).toEqual([]);
  });
});

describe('the local outbox', () => {
  it('sendMail writes a file there; list and read find it; failures are reported, not thrown', async () => {
    const outcome = await sendMail(
      passwordChangedMail('seller@x.vn', 'HTX', SITE),
      new Date('2026-12-02T01:02:03.004Z'),
    );
    expect(outcome).toMatchObject({ ok: true, via: 'outbox' });
    const names = readdirSync(outboxDir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^20261202T010203004Z-[0-9a-f-]{36}\.json$/);
    const [listed] = listOutbox(outboxDir);
    expect(listed).toMatchObject({
      to: 'seller@x.vn',
      from: 'no-reply@choso.vn',
      kind: 'passwordChanged',
    });
    expect(readOutboxMail(outboxDir, listed?.id ?? '')).toEqual(listed);
    expect(readOutboxMail(outboxDir, '../secrets')).toBeUndefined();
    expect(readOutboxMail(outboxDir, '00000000-0000-0000-0000-000000000000')).toBeUndefined();
    expect(listOutbox(join(outboxDir, 'missing'))).toEqual([]);
    expect(readOutboxMail(join(outboxDir, 'missing'), listed?.id ?? '')).toBeUndefined();

    failMailForTests('disk full');
    const failed = await sendMail(passwordChangedMail('seller@x.vn', 'HTX', SITE));
    failMailForTests(undefined);
    expect(failed).toEqual({ ok: false, via: 'outbox', error: 'disk full' });
  });

  it('lists newest first and ignores files that are not mail', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'choso-ob-')), 'o');
    const mail = (at: string, id: string) => ({
      ...passwordChangedMail('a@x.vn', 'A', SITE),
      at,
      id,
      from: 'f@x.vn',
    });
    writeOutboxMail(dir, mail('2026-12-01T00:00:00.000Z', '11111111-1111-1111-1111-111111111111'));
    writeOutboxMail(dir, mail('2026-12-02T00:00:00.000Z', '22222222-2222-2222-2222-222222222222'));
    writeFileSync(join(dir, 'notes.txt'), 'x');
    expect(listOutbox(dir).map((m) => m.id[0])).toEqual(['2', '1']);
  });

  it('serves the list and one mail as escaped HTML with links; nothing else', () => {
    const handler = createOutboxHandler({ dir: outboxDir });
    const get = (path: string, method = 'GET') => {
      const res = new PassThrough() as unknown as ServerResponse & {
        status?: number;
        text: string;
      };
      let text = '';
      Object.assign(res, {
        writeHead(status: number) {
          res.status = status;
          return res;
        },
        end(chunk?: string) {
          text += chunk ?? '';
          res.text = text;
        },
      });
      const req = Object.assign(new PassThrough(), { method }) as unknown as IncomingMessage;
      const handled = handler(req, res, new URL(path, 'http://localhost'));
      return { handled, status: res.status, text: res.text };
    };
    expect(get('/ban-hang/').handled).toBe(false);
    const list = get('/_outbox/');
    expect([list.handled, list.status]).toEqual([true, 200]);
    const id = /href="\/_outbox\/([0-9a-f-]{36})"/.exec(list.text)?.[1];
    expect(id).toBeDefined();
    const one = get(`/_outbox/${id}`);
    expect(one.status).toBe(200);
    expect(one.text).toContain(`<a href="${SITE}/quen-mat-khau/">`);
    expect(get('/_outbox/nope').status).toBe(404);
    expect(get('/_outbox/', 'POST').status).toBe(405);
    expect(get('/_outbox', 'HEAD').text).toBe('');
  });

  it('linkify escapes HTML and links only http(s) URLs', () => {
    expect(linkify('<b>x</b> https://a.vn/p?x=1&y=2 javascript:alert(1)')).toBe(
      '&lt;b&gt;x&lt;/b&gt; <a href="https://a.vn/p?x=1&amp;y=2">https://a.vn/p?x=1&amp;y=2</a> javascript:alert(1)',
    );
  });
});

describe('one-time passwords', () => {
  it('are three groups of four from the look-alike-free alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const otp = newOneTimePassword();
      expect(otp).toMatch(ONE_TIME_PASSWORD_PATTERN);
      seen.add(otp);
    }
    expect(seen.size).toBe(200);
    expect(ONE_TIME_PASSWORD_ALPHABET).not.toMatch(/[01ILO]/);
    let i = 0;
    expect(newOneTimePassword(() => i++ % ONE_TIME_PASSWORD_ALPHABET.length)).toBe(
      'ABCD-EFGH-JKMN',
    );
  });
});
