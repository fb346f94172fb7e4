import * as journal from '../db/journal.repo.js';
import type { AccountBalanceRecord } from '../db/ledger.repo.js';
import { findOrganization } from '../db/organizations.repo.js';
import * as accounting from '../domain/accounting/financial-statements.js';
import { AppError } from '../domain/errors.js';
import {
  formatPeriodId,
  type ReportDocument,
  type ReportRow,
  type ReportSection,
} from '../reports/table.js';
import { inOrg, type Deps, type OrgContext } from './context.js';
import {
  SHARIA_STATEMENT_KINDS,
  shariaStatement,
  type ShariaStatementKind,
} from './sharia/statements.js';
import { accountBalances, type PeriodRange } from './statements-data.js';

export const STATEMENT_KINDS = [
  'neraca-saldo',
  'neraca',
  'phu',
  'perubahan-ekuitas',
  'arus-kas',
  'buku-besar',
  // a KSPPS only (services/sharia/statements.ts)
  ...SHARIA_STATEMENT_KINDS,
] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];

export const STATEMENT_TITLES: Record<StatementKind, string> = {
  'neraca-saldo': 'Neraca Saldo',
  neraca: 'Neraca',
  phu: 'Laporan Perhitungan Hasil Usaha',
  'perubahan-ekuitas': 'Laporan Perubahan Ekuitas',
  'arus-kas': 'Laporan Arus Kas',
  'buku-besar': 'Buku Besar',
  'dana-zakat': 'Laporan Sumber dan Penyaluran Dana Zakat',
  'dana-kebajikan': 'Laporan Sumber dan Penggunaan Dana Kebajikan',
  'rekonsiliasi-bagi-hasil': 'Laporan Rekonsiliasi Pendapatan dan Bagi Hasil',
};

const isShariaKind = (k: StatementKind): k is ShariaStatementKind =>
  (SHARIA_STATEMENT_KINDS as readonly string[]).includes(k);

export interface StatementRequest {
  kind: StatementKind;
  range: PeriodRange;
  compare: boolean;
  /** buku besar only */
  accountCode?: string;
}

const YEAR_END = ['ledger.year-end'];

export function shiftPeriod(period: string, months: number): string {
  const y = Number(period.slice(0, 4));
  const m = Number(period.slice(5, 7)) - 1 + months;
  const yy = y + Math.floor(m / 12);
  const mm = ((m % 12) + 12) % 12;
  return `${yy}-${String(mm + 1).padStart(2, '0')}`;
}

/** The comparison: the previous month for a one-month range, the same months a year earlier otherwise. */
export function priorRange(range: PeriodRange): PeriodRange {
  if (range.from === range.to)
    return { from: shiftPeriod(range.from, -1), to: shiftPeriod(range.to, -1) };
  return { from: shiftPeriod(range.from, -12), to: shiftPeriod(range.to, -12) };
}

const toDomain = (r: AccountBalanceRecord): accounting.AccountBalance => ({
  role: r.role,
  code: r.code,
  name: r.name,
  type: r.type,
  normalBalance: r.normalBalance,
  parentCode: r.parentCode,
  isPostable: r.isPostable,
  cashFlowClass: r.cashFlowClass,
  openingNet: r.openingDebitRupiah,
  debit: r.debitRupiah,
  credit: r.creditRupiah,
});

const rp = (v: bigint) => ({ rupiah: v });
/** The amount columns of the trial balance and of the equity changes, in their order. */
const TRIAL_BALANCE_AMOUNTS = [
  'openingDebit',
  'openingCredit',
  'debit',
  'credit',
  'closingDebit',
  'closingCredit',
] as const;
const EQUITY_AMOUNTS = ['opening', 'increase', 'decrease', 'closing'] as const;
/** A row of a label and amounts (trial balance and equity changes, their lines and totals). */
const amountRow = (label: string, amounts: bigint[], style?: 'grand-total'): ReportRow => ({
  cells: [label, ...amounts.map(rp)],
  ...(style ? { style } : {}),
});
const money = (header: string) => ({ header, kind: 'rupiah' as const });

/**
 * A section's lines and its total. `heading` puts the section's title above lines that have no
 * group of their own (the dana syirkah temporer accounts sit in the liabilities' group of the
 * chart) and indents them under it.
 */
function sectionRows(
  s: accounting.StatementSection,
  compare: boolean,
  heading = false,
): ReportRow[] {
  const indent = heading ? 1 : 0;
  const head: ReportRow[] = heading
    ? [{ cells: [s.title, null, ...(compare ? [null] : [])], style: 'header' }]
    : [];
  const rows: ReportRow[] = s.lines.map((l) => ({
    cells: [
      l.code ? `${l.code}  ${l.name}` : l.name,
      rp(l.amount),
      ...(compare ? [l.prior === null ? null : rp(l.prior)] : []),
    ],
    level: l.level + indent,
    style: l.isGroup ? 'header' : 'normal',
  }));
  rows.unshift(...head);
  rows.push({
    cells: [
      `JUMLAH ${s.title}`,
      rp(s.total),
      ...(compare ? [s.priorTotal === null ? null : rp(s.priorTotal)] : []),
    ],
    style: 'total',
  });
  return rows;
}

function rangeLabel(range: PeriodRange): string {
  return range.from === range.to
    ? `Periode ${formatPeriodId(range.to)}`
    : `Periode ${formatPeriodId(range.from)} s.d. ${formatPeriodId(range.to)}`;
}

/** Builds any statement as a ReportDocument (the same object feeds the screen, PDF and Excel). */
export async function statement(
  deps: Deps,
  ctx: OrgContext,
  req: StatementRequest,
): Promise<ReportDocument> {
  if (req.range.from > req.range.to) throw new AppError('VALIDATION_FAILED', {}, 'from after to');
  if (isShariaKind(req.kind)) return shariaStatement(deps, ctx, req.kind, req.range);
  const org = await inOrg(deps, ctx, ({ tx }) => findOrganization(tx, ctx.organizationId));
  if (!org) throw new AppError('ORG_NOT_FOUND');
  // PSAK 101: a KSPPS shows its mudharabah funds as dana syirkah temporer and the funds' share as
  // bagi hasil untuk pemilik dana (docs/domain/sharia-statements.md)
  const presentation = { sharia: org.cooperative_type === 'KSPPS' };
  const base = {
    title: STATEMENT_TITLES[req.kind],
    organization: org.name,
    period: rangeLabel(req.range),
    generatedAt: deps.clock().toISOString().slice(0, 16).replace('T', ' '),
  };
  const prior = priorRange(req.range);
  const cmpHeader = req.compare
    ? [
        money(
          req.range.from === req.range.to ? formatPeriodId(prior.to) : `${prior.from.slice(0, 4)}`,
        ),
      ]
    : [];
  const curHeader = money(
    req.range.from === req.range.to ? formatPeriodId(req.range.to) : `${req.range.to.slice(0, 4)}`,
  );

  switch (req.kind) {
    case 'neraca-saldo': {
      const tb = accounting.trialBalance(
        (await accountBalances(deps, ctx, req.range)).map(toDomain),
      );
      return {
        ...base,
        orientation: 'landscape',
        sections: [
          {
            columns: [
              { header: 'Akun', kind: 'text', width: 3 },
              money('Saldo awal debit'),
              money('Saldo awal kredit'),
              money('Mutasi debit'),
              money('Mutasi kredit'),
              money('Saldo akhir debit'),
              money('Saldo akhir kredit'),
            ],
            rows: [
              ...tb.rows.map((r) =>
                amountRow(
                  `${r.code}  ${r.name}`,
                  TRIAL_BALANCE_AMOUNTS.map((k) => r[k]),
                ),
              ),
              amountRow(
                'JUMLAH',
                TRIAL_BALANCE_AMOUNTS.map((k) => tb.totals[k]),
                'grand-total',
              ),
            ],
          },
        ],
        notes: [tb.balanced ? 'Neraca saldo seimbang.' : 'PERHATIAN: neraca saldo TIDAK seimbang.'],
      };
    }
    case 'neraca': {
      const cur = (await accountBalances(deps, ctx, req.range)).map(toDomain);
      const pri = req.compare ? (await accountBalances(deps, ctx, prior)).map(toDomain) : null;
      const bs = accounting.balanceSheet(cur, pri, presentation);
      const cols = [{ header: 'Pos', kind: 'text' as const, width: 3 }, curHeader, ...cmpHeader];
      const right = [
        bs.kewajiban,
        ...(bs.danaSyirkahTemporer ? [bs.danaSyirkahTemporer] : []),
        bs.ekuitas,
      ];
      const rightTitle = bs.danaSyirkahTemporer
        ? 'LIABILITAS, DANA SYIRKAH TEMPORER DAN EKUITAS'
        : 'KEWAJIBAN DAN EKUITAS';
      return {
        ...base,
        period: `Per akhir ${formatPeriodId(req.range.to)}`,
        sections: [
          { title: 'ASET', columns: cols, rows: sectionRows(bs.aset, req.compare) },
          {
            title: rightTitle,
            columns: cols,
            rows: right.flatMap((x) => sectionRows(x, req.compare, x === bs.danaSyirkahTemporer)),
          },
          {
            columns: cols,
            rows: [
              {
                cells: [
                  `JUMLAH ${rightTitle}`,
                  rp(right.reduce((t, x) => t + x.total, 0n)),
                  ...(req.compare
                    ? [rp(right.reduce((t, x) => t + (x.priorTotal ?? 0n), 0n))]
                    : []),
                ],
                style: 'grand-total',
              },
            ],
          },
        ],
        notes: [
          bs.balanced
            ? bs.danaSyirkahTemporer
              ? 'Aset = liabilitas + dana syirkah temporer + ekuitas: seimbang.'
              : 'Aset = kewajiban + ekuitas: seimbang.'
            : 'PERHATIAN: neraca TIDAK seimbang.',
          ...(bs.danaSyirkahTemporer
            ? [
                'Dana syirkah temporer: simpanan mudharabah dan simpanan mudharabah berjangka anggota, dana yang dikelola koperasi dengan bagi hasil; bukan utang (koperasi tidak menjamin pokoknya bila rugi) dan bukan ekuitas (PSAK 101).',
              ]
            : []),
        ],
      };
    }
    case 'phu': {
      const cur = (
        await accountBalances(deps, ctx, req.range, { excludeSourceTypes: YEAR_END })
      ).map(toDomain);
      const pri = req.compare
        ? (await accountBalances(deps, ctx, prior, { excludeSourceTypes: YEAR_END })).map(toDomain)
        : null;
      const is = accounting.incomeStatement(cur, pri, presentation);
      const cols = [{ header: 'Pos', kind: 'text' as const, width: 3 }, curHeader, ...cmpHeader];
      const sharia = is.bagiHasilPemilikDana
        ? [
            {
              title: is.bagiHasilPemilikDana.title,
              columns: cols,
              rows: [
                ...sectionRows(is.bagiHasilPemilikDana, req.compare),
                {
                  cells: [
                    'PENDAPATAN USAHA SETELAH BAGI HASIL UNTUK PEMILIK DANA (HAK KOPERASI)',
                    rp(is.pendapatanSetelahBagiHasil ?? 0n),
                    ...(req.compare
                      ? [
                          is.priorPendapatanSetelahBagiHasil === null
                            ? null
                            : rp(is.priorPendapatanSetelahBagiHasil),
                        ]
                      : []),
                  ],
                  style: 'grand-total' as const,
                },
              ],
            },
          ]
        : [];
      const nonUsaha = is.pendapatanNonUsaha
        ? [
            {
              title: is.pendapatanNonUsaha.title,
              columns: cols,
              rows: sectionRows(is.pendapatanNonUsaha, req.compare),
            },
          ]
        : [];
      return {
        ...base,
        sections: [
          {
            title: is.pendapatan.title,
            columns: cols,
            rows: sectionRows(is.pendapatan, req.compare),
          },
          ...sharia,
          { title: 'BEBAN', columns: cols, rows: sectionRows(is.beban, req.compare) },
          ...nonUsaha,
          {
            columns: cols,
            rows: [
              {
                cells: [
                  'SISA HASIL USAHA (SHU)',
                  rp(is.shu),
                  ...(req.compare ? [is.priorShu === null ? null : rp(is.priorShu)] : []),
                ],
                style: 'grand-total',
              },
            ],
          },
        ],
        notes: [
          `Pendapatan dari partisipasi anggota: Rp ${is.memberIncome.toString()}; dari non-anggota: Rp ${is.nonMemberIncome.toString()}.`,
        ],
      };
    }
    case 'perubahan-ekuitas': {
      const equitySection = async (range: PeriodRange, title?: string): Promise<ReportSection> => {
        const ec = accounting.equityChanges(
          (await accountBalances(deps, ctx, range)).map(toDomain),
        );
        return {
          ...(title ? { title } : {}),
          columns: [
            { header: 'Ekuitas', kind: 'text', width: 3 },
            money('Saldo awal'),
            money('Penambahan'),
            money('Pengurangan'),
            money('Saldo akhir'),
          ],
          rows: [
            ...ec.rows.map((r) =>
              amountRow(
                r.code ? `${r.code}  ${r.name}` : r.name,
                EQUITY_AMOUNTS.map((k) => r[k]),
              ),
            ),
            amountRow(
              'JUMLAH EKUITAS',
              EQUITY_AMOUNTS.map((k) => ec.totals[k]),
              'grand-total',
            ),
          ],
        };
      };
      // the comparison period first, then the period: the equity's path in time order
      return {
        ...base,
        sections: req.compare
          ? [
              await equitySection(prior, rangeLabel(prior)),
              await equitySection(req.range, rangeLabel(req.range)),
            ]
          : [await equitySection(req.range)],
      };
    }
    case 'arus-kas': {
      const flowOf = async (range: PeriodRange) =>
        accounting.cashFlow(
          (await accountBalances(deps, ctx, range, { excludeSourceTypes: YEAR_END })).map(toDomain),
        );
      const cf = await flowOf(req.range);
      const pcf = req.compare ? await flowOf(prior) : null;
      const cols = [
        { header: 'Uraian', kind: 'text' as const, width: 3 },
        ...(pcf ? [curHeader, ...cmpHeader] : [money('Jumlah')]),
      ];
      // the comparison column: the same line (by account) of the prior period's flow
      const row = (label: string, cur: bigint | null, pri: bigint | null) => ({
        cells: [
          label,
          cur === null ? null : rp(cur),
          ...(pcf ? [pri === null ? null : rp(pri)] : []),
        ],
      });
      return {
        ...base,
        sections: [
          ...cf.sections.map((s, i) => {
            const ps = pcf?.sections[i];
            const priorOf = new Map(ps?.lines.map((l) => [l.code, l.amount]) ?? []);
            const onlyPrior =
              ps?.lines.filter((l) => !s.lines.some((c) => c.code === l.code)) ?? [];
            return {
              title: s.title,
              columns: cols,
              rows: [
                ...s.lines.map((l) => row(l.name, l.amount, priorOf.get(l.code) ?? null)),
                ...onlyPrior.map((l) => row(l.name, null, l.amount)),
                {
                  ...row(
                    `Kas bersih dari ${s.title.replace('Arus kas dari ', '')}`,
                    s.total,
                    ps?.total ?? null,
                  ),
                  style: 'total' as const,
                },
              ],
            };
          }),
          {
            columns: cols,
            rows: [
              {
                ...row('Kenaikan (penurunan) bersih kas', cf.netChange, pcf?.netChange ?? null),
                style: 'total',
              },
              row('Kas dan setara kas awal periode', cf.cashOpening, pcf?.cashOpening ?? null),
              {
                ...row(
                  'Kas dan setara kas akhir periode',
                  cf.cashClosing,
                  pcf?.cashClosing ?? null,
                ),
                style: 'grand-total',
              },
            ],
          },
        ],
        notes: [
          cf.reconciles
            ? 'Arus kas cocok dengan saldo kas.'
            : 'PERHATIAN: arus kas tidak cocok dengan saldo kas.',
        ],
      };
    }
    case 'buku-besar': {
      if (!req.accountCode) throw new AppError('VALIDATION_FAILED', {}, 'accountCode required');
      const code = req.accountCode;
      const rows = await accountBalances(deps, ctx, req.range);
      const acc = rows.find((r) => r.code === code);
      if (!acc) throw new AppError('ACCOUNT_NOT_FOUND');
      const lines = await inOrg(deps, ctx, ({ tx }) =>
        journal.accountLines(
          tx,
          ctx.organizationId,
          acc.id,
          { fromDate: `${req.range.from}-01`, toDate: `${shiftPeriod(req.range.to, 1)}-01` },
          5000,
        ),
      );
      const sign = acc.normalBalance === 'debit' ? 1n : -1n;
      let running = acc.openingDebitRupiah * sign;
      const body: ReportRow[] = [
        { cells: [null, null, 'Saldo awal', null, null, rp(running)], style: 'header' },
      ];
      for (const l of lines) {
        if (l.entry_date >= `${shiftPeriod(req.range.to, 1)}-01`) continue;
        running += (l.debit_rupiah - l.credit_rupiah) * sign;
        body.push({
          cells: [
            { date: l.entry_date },
            `${l.series}/${l.fiscal_year}/${l.number}`,
            l.description,
            rp(l.debit_rupiah),
            rp(l.credit_rupiah),
            rp(running),
          ],
        });
      }
      body.push({
        cells: [null, null, 'Saldo akhir', rp(acc.debitRupiah), rp(acc.creditRupiah), rp(running)],
        style: 'grand-total',
      });
      return {
        ...base,
        subtitle: `${acc.code} ${acc.name} (saldo normal ${acc.normalBalance === 'debit' ? 'debit' : 'kredit'})`,
        orientation: 'landscape',
        sections: [
          {
            columns: [
              { header: 'Tanggal', kind: 'date' },
              { header: 'Bukti', kind: 'text' },
              { header: 'Keterangan', kind: 'text', width: 4 },
              money('Debit'),
              money('Kredit'),
              money('Saldo'),
            ],
            rows: body,
          },
        ],
      };
    }
  }
}

/** A ReportDocument as JSON: rupiah become decimal strings. */
export function documentJson(doc: ReportDocument): unknown {
  return JSON.parse(
    JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  );
}
