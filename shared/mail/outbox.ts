import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoredMail } from './mail';

/**
 * The local host's outbox: one JSON file per mail in a directory (DATA_DIR/outbox), named so that
 * names sort by time. Written whole then renamed, so a reader never sees half a mail.
 */
const FILE = /^(\d{8}T\d{9}Z)-([0-9a-f-]{36})\.json$/;

export function writeOutboxMail(dir: string, mail: StoredMail): void {
  mkdirSync(dir, { recursive: true });
  const stamp = mail.at.replace(/[-:.]/g, '');
  const name = `${stamp}-${mail.id}.json`;
  const tmp = join(dir, `.${name}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(mail, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, join(dir, name));
}

/** The outbox, newest first. */
export function listOutbox(dir: string): StoredMail[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => FILE.test(name));
  } catch {
    return [];
  }
  return names
    .sort()
    .reverse()
    .map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as StoredMail);
}

/** One mail by id (a UUID; anything else is not found). */
export function readOutboxMail(dir: string, id: string): StoredMail | undefined {
  if (!/^[0-9a-f-]{36}$/.test(id)) return undefined;
  try {
    const name = readdirSync(dir).find((n) => FILE.exec(n)?.[2] === id);
    return name ? (JSON.parse(readFileSync(join(dir, name), 'utf8')) as StoredMail) : undefined;
  } catch {
    return undefined;
  }
}
