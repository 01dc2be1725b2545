import { describe, expect, it } from 'vitest';
import banksData from '../../../shared/vietqr/banks.json';
import {
  BANKS,
  BANKS_SOURCE,
  findBankByBin,
  findBankByCode,
  listBanksForPicker,
} from '../../../shared/vietqr/index';

describe('bank registry', () => {
  it('holds every bank of the copied list, with its source', () => {
    expect(BANKS).toHaveLength(banksData.count);
    expect(BANKS).toHaveLength(69);
    expect(BANKS_SOURCE.summary).toContain('vietqr.io');
    expect(BANKS_SOURCE.retrieved).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('has one entry per 6-digit BIN and one per code', () => {
    for (const bank of BANKS) {
      expect(bank.bin).toMatch(/^\d{6}$/);
      expect(bank.code.length).toBeGreaterThan(0);
      expect(bank.name.length).toBeGreaterThan(0);
      expect(typeof bank.inVietqrList).toBe('boolean');
    }
    expect(new Set(BANKS.map((bank) => bank.bin)).size).toBe(BANKS.length);
    expect(new Set(BANKS.map((bank) => bank.code.toUpperCase())).size).toBe(BANKS.length);
  });

  it('finds banks by BIN, including BINs outside 9704xx', () => {
    expect(findBankByBin('970415')?.shortName).toBe('VietinBank');
    expect(findBankByBin('971025')?.code).toBe('MOMO');
    expect(findBankByBin('963388')?.code).toBe('TIMO');
    expect(findBankByBin('546034')?.code).toBe('CAKE');
    expect(findBankByBin('970499')).toBeUndefined();
    expect(findBankByBin('')).toBeUndefined();
  });

  it('finds banks by code, case-insensitively, then by alternative code', () => {
    expect(findBankByCode('VCB')?.bin).toBe('970436');
    expect(findBankByCode('vcb')?.bin).toBe('970436');
    expect(findBankByCode(' icb ')?.bin).toBe('970415');
    expect(findBankByCode('CTG')?.bin).toBe('970415');
    expect(findBankByCode('nope')).toBeUndefined();
  });

  it('lets a primary code win over another bank’s alternative code (BVB)', () => {
    expect(findBankByCode('BVB')?.bin).toBe('970438');
    expect(findBankByBin('970454')?.altCodes).toContain('BVB');
  });

  it('lists for pickers only banks in the VietQR lists, sorted by short name', () => {
    const picker = listBanksForPicker();
    const names = picker.map((bank) => bank.shortName.toLowerCase());

    expect(names).toEqual([...names].sort());
    expect(picker.every((bank) => bank.inVietqrList && bank.vietqrStatus !== 'not-supported')).toBe(
      true,
    );
    expect(picker.map((bank) => bank.code)).toContain('MOMO');
    expect(picker.map((bank) => bank.bin)).not.toContain('970460'); // SBV card table only
  });

  it('freezes entries so callers cannot change the registry', () => {
    expect(Object.isFrozen(BANKS)).toBe(true);
    expect(Object.isFrozen(BANKS[0])).toBe(true);
    expect(listBanksForPicker()).not.toBe(listBanksForPicker());
  });
});
