import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type KillTarget, runCrashCycles } from '../helpers/crash-harness';

/**
 * Crash safety of `npm start` (see test/helpers/crash-harness.ts). Inside `npm test` it runs a few
 * cycles (one per kill target, about a minute); `npm run test:crash` runs CRASH_CYCLES (default
 * 20) with random targets, moments and load.
 */
const long = process.env.CRASH_CYCLES !== undefined;
const cycles = long ? Number(process.env.CRASH_CYCLES) || 20 : 3;
const targets: KillTarget[] | undefined = process.env.CRASH_TARGETS
  ? (process.env.CRASH_TARGETS.split(',') as KillTarget[])
  : long
    ? undefined
    : ['both', 'node', 'java'];
// CRASH_WITHOUT_BARRIER=true runs the host without its durability barrier: this test must then
// fail (given enough cycles), which shows it can see a lost write.
const hostEnv: Record<string, string> =
  process.env.CRASH_WITHOUT_BARRIER === 'true' ? { UNSAFE_NO_DURABILITY_BARRIER: 'true' } : {};

describe('local host under SIGKILL', () => {
  it(
    `loses no acknowledged write and no stream fold over ${cycles} kill/restart cycles`,
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'choso-crash-'));
      const lines: string[] = [];
      const report = await runCrashCycles({
        dataDir,
        cycles,
        ...(targets ? { targets } : {}),
        hostEnv,
        ...(process.env.CRASH_IN_FLIGHT ? { inFlight: Number(process.env.CRASH_IN_FLIGHT) } : {}),
        log: (line) => {
          lines.push(line);
          if (long) console.log(line);
        },
      });
      console.log(
        `crash test: ${report.cycles.length} cycles (${report.cycles.map((c) => c.target).join(', ')}), ` +
          `${report.acknowledgedCreates} acknowledged creations, ${report.acknowledgedArchives} archives`,
      );
      expect(report.cycles).toHaveLength(cycles);
      // The load did run: something was acknowledged before the kills.
      expect(report.acknowledgedCreates).toBeGreaterThan(0);
      expect(report.missingCreates, lines.join('\n')).toEqual([]);
      expect(report.notArchived, lines.join('\n')).toEqual([]);
      expect(report.counterDifferences).toEqual({});
      expect(report.javaLeftBehind).toEqual([]);
    },
    long ? cycles * 60_000 : 180_000,
  );
});
