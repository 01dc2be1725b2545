import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  currentSource,
  DATA_MODULES,
  expectedSource,
  renderDataModule,
} from '../../../scripts/data-modules';
import communes from '../../../shared/geo/camau-communes.generated';
import banks from '../../../shared/vietqr/banks.generated';

const root = resolve(import.meta.dirname, '..', '..', '..');
const json = (path: string) => JSON.parse(readFileSync(resolve(root, path), 'utf8'));

describe('generated data modules (JSON as a JSON.parse string)', () => {
  it.each(DATA_MODULES)('$module is up to date with $json', (entry) => {
    expect(currentSource(entry)).toBe(expectedSource(entry));
  });

  it('hold exactly the data of their JSON files', () => {
    expect(banks).toEqual(json('shared/vietqr/banks.json'));
    expect(communes).toEqual(json('shared/geo/camau-communes.json'));
  });

  it('keep quotes, backslashes, line separators and Vietnamese text intact', () => {
    const data = {
      q: 'it\'s "quoted"',
      b: 'a\\b\\\\c',
      n: 'line\nbreak\u2028sep',
      vi: 'Cà Mau',
    };
    const source = renderDataModule('x.json', JSON.stringify(data, null, 2));
    const literal = /JSON\.parse\((.*)\);/s.exec(source)?.[1] ?? '';
    // biome-ignore lint/security/noGlobalEval: evaluates the generated string literal alone
    expect(JSON.parse((0, eval)(literal) as string)).toEqual(data);
    expect(source).toContain("import type Data from './x.json';");
  });
});
