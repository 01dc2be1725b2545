import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { SellerSignUpSchema } from '../../../shared/sellers/seller';
import { issueMessage } from '../../../web/lib/issues';

/**
 * Field messages follow the field's label in the error summary ("Mã số thuế: …"): a typed field
 * empty says "Vui lòng nhập", a list field "Vui lòng chọn", and no message repeats its label.
 */
const issuesOf = (input: Record<string, unknown>) => {
  const out = z.safeParse(SellerSignUpSchema, input);
  if (out.success) throw new Error('expected issues');
  return out.error.issues;
};
const at = (issues: ReturnType<typeof issuesOf>, path: string) => {
  const issue = issues.find((i) => i.path.join('.') === path);
  if (!issue) throw new Error(`no issue at ${path}`);
  return issue;
};

describe('issueMessage', () => {
  it('an empty tax code is typed: "Vui lòng nhập", not "chọn"; an empty commune or sector is chosen', () => {
    const issues = issuesOf({ taxCode: '', communeCode: '', sectorCode: '' });
    expect(issueMessage(at(issues, 'taxCode'), '').vi).toBe('Vui lòng nhập.');
    expect(issueMessage(at(issues, 'communeCode'), '').vi).toBe('Vui lòng chọn.');
    expect(issueMessage(at(issues, 'sectorCode'), '').vi).toBe('Vui lòng chọn.');
  });

  it('a wrong check digit names the three forms (10 digits, branch, 12-digit household) without repeating the label', () => {
    const issue = at(issuesOf({ taxCode: '0101234568' }), 'taxCode');
    const { vi, en } = issueMessage(issue, '0101234568');
    expect(vi).not.toMatch(/^Mã số thuế/);
    expect(vi).toMatch(/10 số/);
    expect(vi).toMatch(/0101234567-001/);
    expect(vi).toMatch(/12 số/);
    expect(en).toMatch(/check digit/);
  });

  it.each([
    ['phone', '0123', /^Số/],
    ['email', 'htx@', /^Email/],
  ])('%s: the message does not start with the label', (path, value, label) => {
    const issue = at(issuesOf({ [path]: value }), path);
    expect(issueMessage(issue, value).vi).not.toMatch(label);
  });

  it('a fraction where a whole number goes says so in plain words, with an example', () => {
    const issue = { code: 'invalid_type', path: ['stock'], expected: 'int' };
    expect(issueMessage(issue, '1,5').vi).toBe(
      'Hãy nhập số chẵn, không có phần lẻ sau dấu phẩy (ví dụ 12).',
    );
    expect(issueMessage(issue, '1,5').vi).not.toMatch(/số nguyên/i);
  });
});
