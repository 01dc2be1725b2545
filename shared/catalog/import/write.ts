/**
 * How an import writes: products go in batches, one DynamoDB transaction each (a transaction holds
 * at most 100 items), one after another. If a batch fails, the batches already committed are
 * removed again (compensation), newest first, and the original error is rethrown: an import
 * commits every row it decided to import, or none. The I/O comes in as functions, so this is
 * tested without a database; shared/db does the writing.
 */
export interface BatchWriter<P> {
  /** Writes one batch atomically (one transaction). */
  insert(batch: readonly P[]): Promise<void>;
  /**
   * Undoes a committed batch. Returns what it could not remove (e.g. a product an order already
   * touched); those stay, and are reported.
   */
  remove(batch: readonly P[]): Promise<{ kept: readonly P[] }>;
  /** Asked before each batch: true stops the import (and compensates), e.g. when time runs out. */
  shouldStop?(): boolean;
}

export class ImportWriteError extends Error {
  constructor(
    message: string,
    /** Items committed before the failure and not removed by compensation. */
    readonly kept: readonly unknown[],
    /** Compensation itself failed for these batches (left in place). */
    readonly compensationFailures: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ImportWriteError';
  }
}

/** Thrown (as the cause) when shouldStop() asked to stop before all batches were written. */
export class ImportStoppedError extends Error {
  constructor(readonly batchesWritten: number) {
    super(`Import stopped after ${batchesWritten} batches (time limit)`);
    this.name = 'ImportStoppedError';
  }
}

export interface WriteOutcome {
  batches: number;
  written: number;
}

/**
 * Writes all batches or none. On failure: compensates, then throws. When compensation left
 * nothing behind, the original error is rethrown as is (so an AppError keeps its code); otherwise
 * an ImportWriteError names what stayed.
 */
export async function writeAllOrNothing<P>(
  batches: readonly (readonly P[])[],
  writer: BatchWriter<P>,
): Promise<WriteOutcome> {
  const committed: Array<readonly P[]> = [];
  try {
    for (const batch of batches) {
      if (writer.shouldStop?.()) throw new ImportStoppedError(committed.length);
      await writer.insert(batch);
      committed.push(batch);
    }
  } catch (err) {
    const kept: P[] = [];
    let failures = 0;
    for (const batch of committed.reverse()) {
      try {
        kept.push(...(await writer.remove(batch)).kept);
      } catch {
        failures++;
        kept.push(...batch);
      }
    }
    if (kept.length === 0 && failures === 0) throw err;
    throw new ImportWriteError(
      `Import failed and ${kept.length} written items could not be removed`,
      kept,
      failures,
      { cause: err },
    );
  }
  return { batches: committed.length, written: committed.reduce((n, b) => n + b.length, 0) };
}
