import { beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../../shared/db/audit';
import { officerSession, type TestCredentials } from '../../helpers/auth';
import { call } from '../../helpers/call';

/**
 * Officer inputs: a correction adds a version and the old stays readable, two corrections of the
 * same version cannot both win, bad figures and bad CSV lines change nothing, and every change is
 * in the audit trail.
 */
let officer: TestCredentials;
beforeAll(async () => {
  officer = await officerSession();
});

const put = (body: unknown) => call('POST /api/officer/inputs', { headers: officer.headers, body });
const list = async (year: number) => {
  const res = await call('GET /api/officer/inputs', {
    headers: officer.headers,
    query: { year: String(year) },
  });
  expect(res.status).toBe(200);
  return res.body;
};
const grdp = (currentPrices: number, expectedVersion: number) => ({
  input: { kind: 'grdp', year: 2034, area: 'P96', value: { currentPrices } },
  source: { type: 'url', reference: 'https://camau.gov.vn/grdp-2034' },
  expectedVersion,
});

describe('officer inputs', { timeout: 60_000 }, () => {
  it('a correction adds a version; the history keeps the old one with its source and author', async () => {
    expect((await put(grdp(120_000_000_000_000, 0))).status).toBe(201);
    const corrected = await put({
      ...grdp(121_500_000_000_000, 1),
      source: { type: 'document', reference: 'Niên giám thống kê 2034, bảng 2.1' },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.body.input).toMatchObject({ version: 2, enteredBy: officer.accountId });
    const body = await list(2034);
    const [entry] = body.inputs.grdp;
    expect(entry.current.value).toEqual({ currentPrices: 121_500_000_000_000 });
    expect(entry.history.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(entry.history[0]).toMatchObject({
      value: { currentPrices: 120_000_000_000_000 },
      source: { type: 'url', reference: 'https://camau.gov.vn/grdp-2034' },
    });
    const audit = await listAudit({ action: 'statsInput.corrected', limit: 10 });
    expect(audit.items.some((a) => a.target?.id === 'statsInput:grdp:2034|P96')).toBe(true);
  });

  it('two officers correcting the same version: one wins, the other gets 409 and writes nothing', async () => {
    await put({ ...grdp(1, 0), input: { ...grdp(1, 0).input, year: 2035 } });
    const answers = await Promise.all(
      [2, 3, 4].map((v) => put({ ...grdp(v, 1), input: { ...grdp(v, 1).input, year: 2035 } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409]);
    expect(answers.find((a) => a.status === 409)?.body.error.code).toBe(
      'statsInput.versionConflict',
    );
    const body = await list(2035);
    expect(body.inputs.grdp[0].history).toHaveLength(2);
    // correcting a version that does not exist is a conflict too
    const ghost = await put({ ...grdp(9, 7), input: { ...grdp(9, 7).input, year: 2035 } });
    expect(ghost.status).toBe(409);
  });

  it('bad figures are refused with their reason and change nothing', async () => {
    const cases: Array<[unknown, number, string]> = [
      [
        {
          input: { kind: 'tmbl', period: 'Y2036', area: 'P96', value: { total: 10, goods: 11 } },
          source: { type: 'estimate' },
          expectedVersion: 0,
        },
        422,
        'statsInput.invalid',
      ],
      [{ ...grdp(1.5, 0), input: { ...grdp(1.5, 0).input, year: 2036 } }, 400, 'request.invalid'],
      [{ ...grdp(-1, 0), input: { ...grdp(-1, 0).input, year: 2036 } }, 400, 'request.invalid'],
      [
        { ...grdp(5, 0), input: { ...grdp(5, 0).input, year: 2036 }, source: { type: 'url' } },
        422,
        'statsInput.invalid',
      ],
      [
        {
          ...grdp(5, 0),
          input: { ...grdp(5, 0).input, year: 2036 },
          source: { type: 'url', reference: 'not a url' },
        },
        422,
        'statsInput.invalid',
      ],
      [
        {
          input: {
            kind: 'sectorRatio',
            year: 2036,
            sector: '47',
            value: { outputRatio: 1.2, valueAddedRatio: 0.3 },
          },
          source: { type: 'estimate' },
          expectedVersion: 0,
        },
        400,
        'request.invalid',
      ],
    ];
    for (const [body, status, code] of cases) {
      const res = await put(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.body.error.code).toBe(code);
    }
    const after = await list(2036);
    expect(Object.values(after.inputs).flat()).toEqual([]);
  });

  it('a year of TMBL by commune from CSV: all lines or none', async () => {
    const upload = (csv: string) =>
      call('POST /api/officer/inputs/tmbl-csv', {
        headers: officer.headers,
        body: { year: 2037, source: { type: 'document', reference: 'Cục Thống kê, 2037' }, csv },
      });
    const bad = await upload(
      '\uFEFFcommune_code,total,goods\n31825,1000,900\n99999,5,1\n31840,1.000,5\n31843,10,20\n31825,1,1\n',
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('statsInput.invalidCsv');
    expect(bad.body.error.details.problems.map((p: { line: number }) => p.line)).toEqual([
      3, 4, 5, 6,
    ]);
    expect((await list(2037)).inputs.tmbl).toEqual([]);

    const good = await upload('commune_code,total,goods\r\n31825,1000,900\r\n31840,2000,1500\r\n');
    expect(good.status).toBe(201);
    expect(good.body.written).toBe(2);
    // a second upload corrects: version 2 of each
    const again = await upload('commune_code,total,goods\n31825,1100,900\n');
    expect(again.body.inputs[0]).toMatchObject({ key: 'Y2037|C31825', version: 2 });
    const tmbl = (await list(2037)).inputs.tmbl;
    const c25 = tmbl.find((t: { key: string }) => t.key === 'Y2037|C31825');
    expect(c25.history.map((v: { value: { total: number } }) => v.value.total)).toEqual([
      1000, 1100,
    ]);
  });
});
