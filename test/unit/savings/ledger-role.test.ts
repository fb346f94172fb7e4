import { describe, expect, it } from 'vitest';
import {
  amountsByLedgerRole,
  SAVINGS_LEDGER_ROLES,
  savingsLedgerRole,
} from '../../../src/domain/savings/ledger-role.js';

describe('savingsLedgerRole: where each kind and akad posts', () => {
  it('a conventional cooperative (no akad) posts as it always did', () => {
    expect(savingsLedgerRole('pokok', null)).toBe('simpananPokok');
    expect(savingsLedgerRole('wajib', null)).toBe('simpananWajib');
    expect(savingsLedgerRole('sukarela', null)).toBe('savingsSukarela');
    expect(savingsLedgerRole('berjangka', null)).toBe('savingsBerjangka');
  });

  it('wadiah sukarela stays on 2101, mudharabah sukarela goes to 2102 (dana syirkah temporer)', () => {
    expect(savingsLedgerRole('sukarela', 'wadiah')).toBe('savingsSukarela');
    expect(savingsLedgerRole('sukarela', 'mudharabah')).toBe('savingsMudharabah');
  });

  it('a mudharabah deposit stays on savingsBerjangka; wadiah pokok and wajib stay equity', () => {
    expect(savingsLedgerRole('berjangka', 'mudharabah_berjangka')).toBe('savingsBerjangka');
    expect(savingsLedgerRole('pokok', 'wadiah')).toBe('simpananPokok');
    expect(savingsLedgerRole('wajib', 'wadiah')).toBe('simpananWajib');
  });

  it('the table the sub-ledger check joins is the rule itself, every pair once', () => {
    expect(SAVINGS_LEDGER_ROLES).toHaveLength(16);
    for (const r of SAVINGS_LEDGER_ROLES) expect(r.role).toBe(savingsLedgerRole(r.kind, r.akad));
    expect(SAVINGS_LEDGER_ROLES.filter((r) => r.role === 'savingsMudharabah')).toEqual([
      { kind: 'sukarela', akad: 'mudharabah', role: 'savingsMudharabah' },
    ]);
  });

  it('sums amounts per role in a fixed order and leaves zeros out', () => {
    // a month-end's credited accounts: wadiah 1.000 and conventional 500 share 2101, mudharabah
    // 44.071 on 2102, a deposit's rolled-in 205.200 on its own account; a mudharabah account
    // whose fees equal its share nets to nothing
    expect(
      amountsByLedgerRole([
        { kind: 'berjangka', akad: 'mudharabah_berjangka', rupiah: 205_200n },
        { kind: 'sukarela', akad: 'mudharabah', rupiah: 44_071n },
        { kind: 'sukarela', akad: 'wadiah', rupiah: 1_000n },
        { kind: 'sukarela', akad: null, rupiah: 500n },
        { kind: 'sukarela', akad: 'mudharabah', rupiah: -44_071n },
        { kind: 'sukarela', akad: 'mudharabah', rupiah: 44_071n },
      ]),
    ).toEqual([
      { role: 'savingsSukarela', rupiah: 1_500n },
      { role: 'savingsMudharabah', rupiah: 44_071n },
      { role: 'savingsBerjangka', rupiah: 205_200n },
    ]);
    expect(amountsByLedgerRole([{ kind: 'sukarela', akad: 'mudharabah', rupiah: 0n }])).toEqual([]);
  });
});
