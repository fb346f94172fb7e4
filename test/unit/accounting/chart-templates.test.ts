import { describe, expect, it } from 'vitest';
import {
  chartTemplateFor,
  type CooperativeType,
} from '../../../src/domain/accounting/chart-templates.js';

const TYPES: CooperativeType[] = ['KSP', 'KSPPS', 'KONSUMEN', 'PRODUSEN', 'PEMASARAN', 'JASA'];
/** Roles the ledger, cash desks and year-end close post to in every cooperative. */
const CORE_ROLES = [
  'cash',
  'bank',
  'interOffice',
  'cashVariance',
  'simpananPokok',
  'simpananWajib',
  'shuCurrentYear',
  'shuUndistributed',
  'savingsSukarela',
  'taxPayable',
];

describe('chart-of-accounts templates', () => {
  it.each(TYPES)(
    '%s: unique codes, every parent exists, classes match, core roles present once',
    (type) => {
      const chart = chartTemplateFor(type);
      const codes = chart.map((a) => a.code);
      expect(new Set(codes).size).toBe(codes.length);
      for (const a of chart) {
        if (a.parentCode !== null) {
          const parent = chart.find((p) => p.code === a.parentCode);
          expect(parent, a.code).toBeDefined();
          expect(parent?.isPostable).toBe(false);
          expect(parent?.type).toBe(a.type);
        }
        expect(a.code.startsWith(a.parentCode ?? '')).toBe(true);
      }
      const roles = chart.flatMap((a) => (a.role ? [a.role] : []));
      expect(new Set(roles).size).toBe(roles.length);
      for (const r of CORE_ROLES) expect(roles, r).toContain(r);
    },
  );

  it('contra assets are credit-normal: accumulated depreciation and PPAP', () => {
    const ksp = chartTemplateFor('KSP');
    expect(ksp.find((a) => a.code === '1309')).toMatchObject({
      type: 'aset',
      normalBalance: 'credit',
    });
    expect(ksp.find((a) => a.code === '1119')).toMatchObject({
      type: 'aset',
      normalBalance: 'credit',
      role: 'ppap',
    });
  });

  it('a KSPPS books late charges to the social fund and has sharia receivables instead of loans', () => {
    const kspps = chartTemplateFor('KSPPS');
    const roles = new Set(kspps.flatMap((a) => (a.role ? [a.role] : [])));
    for (const r of [
      'murabahahReceivable',
      'deferredMargin',
      'ijarahReceivable',
      'qardh',
      'socialFund',
      'ujrahIncome',
      'marginIncome',
    ])
      expect(roles).toContain(r);
    expect(roles).not.toContain('penaltyIncome');
    expect(roles).not.toContain('loansMembers');
    expect(kspps.find((a) => a.role === 'socialFund')?.type).toBe('kewajiban');
  });

  it('member and non-member income sit in groups 41 and 42', () => {
    const ksp = chartTemplateFor('KSP');
    expect(ksp.find((a) => a.role === 'loanInterestIncomeMember')?.parentCode).toBe('41');
    expect(ksp.find((a) => a.role === 'loanInterestIncomeNonMember')?.parentCode).toBe('42');
    const konsumen = chartTemplateFor('KONSUMEN');
    expect(konsumen.find((a) => a.role === 'salesMembers')?.parentCode).toBe('41');
    expect(konsumen.find((a) => a.role === 'salesNonMembers')?.parentCode).toBe('42');
  });
});
