import { describe, expect, it } from 'vitest';
import { chunk } from '../../../shared/catalog/import/import-file';
import {
  type BatchWriter,
  ImportStoppedError,
  ImportWriteError,
  writeAllOrNothing,
} from '../../../shared/catalog/import/write';

/** An in-memory table: committed batches, with failures on demand. */
function fakeWriter(
  options: {
    failOnBatch?: number;
    keep?: number[];
    removeFails?: boolean;
    stopAfter?: number;
  } = {},
) {
  const table = new Set<number>();
  const log: string[] = [];
  let batch = 0;
  const writer: BatchWriter<number> = {
    async insert(items) {
      batch++;
      if (batch === options.failOnBatch) {
        log.push(`fail ${batch}`);
        throw new Error('TransactionCanceled');
      }
      for (const i of items) table.add(i);
      log.push(`insert ${items[0]}..${items.at(-1)}`);
    },
    async remove(items) {
      if (options.removeFails) throw new Error('throttled');
      const kept = items.filter((i) => options.keep?.includes(i));
      for (const i of items) if (!kept.includes(i)) table.delete(i);
      log.push(`remove ${items[0]}..${items.at(-1)}`);
      return { kept };
    },
    ...(options.stopAfter !== undefined
      ? { shouldStop: () => log.length >= (options.stopAfter ?? 0) }
      : {}),
  };
  return { writer, table, log };
}

const items = Array.from({ length: 250 }, (_, i) => i);

describe('writeAllOrNothing', () => {
  it('writes every batch in order', async () => {
    const { writer, table, log } = fakeWriter();
    expect(await writeAllOrNothing(chunk(items, 99), writer)).toEqual({ batches: 3, written: 250 });
    expect(table.size).toBe(250);
    expect(log).toEqual(['insert 0..98', 'insert 99..197', 'insert 198..249']);
  });

  it('undoes the committed batches, newest first, when a later one fails, and rethrows', async () => {
    const { writer, table, log } = fakeWriter({ failOnBatch: 3 });
    await expect(writeAllOrNothing(chunk(items, 99), writer)).rejects.toThrowError(
      'TransactionCanceled',
    );
    expect(table.size).toBe(0);
    expect(log).toEqual([
      'insert 0..98',
      'insert 99..197',
      'fail 3',
      'remove 99..197',
      'remove 0..98',
    ]);
  });

  it('names what compensation could not remove', async () => {
    const { writer, table } = fakeWriter({ failOnBatch: 2, keep: [5] });
    const err = await writeAllOrNothing(chunk(items, 99), writer).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportWriteError);
    expect((err as ImportWriteError).kept).toEqual([5]);
    expect((err as ImportWriteError).cause).toEqual(new Error('TransactionCanceled'));
    expect([...table]).toEqual([5]);
  });

  it('reports a failed compensation with everything it left', async () => {
    const { writer } = fakeWriter({ failOnBatch: 2, removeFails: true });
    const err = (await writeAllOrNothing(chunk(items, 99), writer).catch(
      (e: unknown) => e,
    )) as ImportWriteError;
    expect(err.compensationFailures).toBe(1);
    expect(err.kept).toHaveLength(99);
  });

  it('stops before the time runs out and undoes what it wrote', async () => {
    const { writer, table } = fakeWriter({ stopAfter: 1 });
    const err = await writeAllOrNothing(chunk(items, 99), writer).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportStoppedError);
    expect(table.size).toBe(0);
  });
});

describe('chunk', () => {
  it('splits in order into batches of at most n', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunk([], 3)).toEqual([]);
    expect(() => chunk([1], 0)).toThrowError(RangeError);
  });
});
