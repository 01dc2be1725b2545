import { describe, expect, it } from 'vitest';
import { sentMail } from '../../../shared/mail/mail';
import { deliver, type Notification } from '../../../shared/mail/notifications';
import { passwordChangedMail } from '../../../shared/mail/templates';
import { anotherSessionFor, sellerSession } from '../../helpers/auth';

/**
 * deliver: the first delivery of a change mails every account of the seller and says how each
 * send went; any later delivery of the same change (a stream retry) sends nothing.
 */
describe('deliver', () => {
  it('mails each account of the seller on the first delivery only', async () => {
    const first = await sellerSession();
    const second = await anotherSessionFor(first.sellerId);
    const what = `test#${first.sellerId}#${Date.now()}`;
    const notification: Notification = {
      what,
      sellerId: first.sellerId,
      mail: (to, site) => passwordChangedMail(to, 'HTX', site),
    };
    const now = new Date();
    const before = sentMail().length;

    const outcomes = await deliver(notification, 'https://cho.example', now);
    expect(outcomes).toHaveLength(2);
    for (const o of outcomes)
      expect(o).toEqual({ ok: true, via: 'memory', id: expect.any(String) });
    const sent = sentMail().slice(before);
    expect(sent.map((m) => m.to).sort()).toEqual([first.email, second.email].sort());
    expect(sent[0]?.text).toContain('https://cho.example/quen-mat-khau/');

    expect(await deliver(notification, 'https://cho.example', now)).toEqual([]);
    expect(sentMail().length).toBe(before + 2);
  });

  it('a seller without accounts: claimed, nothing sent', async () => {
    const before = sentMail().length;
    const notification: Notification = {
      what: `test#nobody#${Date.now()}`,
      sellerId: `sl-nobody-${Date.now()}`,
      mail: (to, site) => passwordChangedMail(to, 'X', site),
    };
    expect(await deliver(notification, 'https://cho.example', new Date())).toEqual([]);
    expect(sentMail().length).toBe(before);
  });
});
