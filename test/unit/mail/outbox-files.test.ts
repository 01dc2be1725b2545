import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StoredMail } from '../../../shared/mail/mail';
import { listOutbox, readOutboxMail, writeOutboxMail } from '../../../shared/mail/outbox';

/** The outbox directory as files: permissions, order, stray files. */
const fresh = () => join(mkdtempSync(join(tmpdir(), 'choso-outbox-files-')), 'outbox');
const id = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
const mail = (n: number, at: string): StoredMail => ({
  kind: 'passwordChanged',
  to: `s${n}@x.vn`,
  subject: 'S',
  text: 'T\n',
  id: id(n),
  at,
  from: 'no-reply@choso.vn',
});

describe('outbox files', () => {
  it('are readable by the owner only, named by time then id, pretty JSON ending in a newline', () => {
    const dir = fresh();
    const m = mail(1, '2026-12-02T01:02:03.004Z');
    writeOutboxMail(dir, m);
    const names = readdirSync(dir);
    expect(names).toEqual([`20261202T010203004Z-${id(1)}.json`]);
    const file = join(dir, names[0] ?? '');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readOutboxMail(dir, id(1))).toEqual(m);
  });

  it('lists newest first whatever order the directory gives', () => {
    const dir = fresh();
    // Written in a shuffled order, over several days and times.
    const order = [7, 2, 11, 0, 5, 9, 3, 13, 1, 8, 12, 4, 10, 6];
    for (const n of order) {
      const at = new Date(Date.UTC(2026, 11, 1 + (n % 5), n, n)).toISOString();
      writeOutboxMail(dir, mail(n, at));
    }
    const listed = listOutbox(dir).map((m) => m.at);
    expect(listed).toHaveLength(order.length);
    expect(listed).toEqual([...listed].sort().reverse());
  });

  it('finds a mail by id among files that are not mail', () => {
    const dir = fresh();
    mkdirSync(dir, { recursive: true });
    for (const stray of ['a.txt', 'notes', 'zz.json', '.hidden', 'README.md', '00.json'])
      writeFileSync(join(dir, stray), 'x');
    writeOutboxMail(dir, mail(3, '2026-12-02T00:00:00.000Z'));
    for (const stray of ['b.txt', 'y', 'm.json', 'q']) writeFileSync(join(dir, stray), 'x');
    expect(readOutboxMail(dir, id(3))?.to).toBe('s3@x.vn');
    expect(listOutbox(dir).map((m) => m.id)).toEqual([id(3)]);
  });
});
