import * as importRepo from '../db/members-import.repo.js';
import { formatMemberNumber, reserveMemberNumbers } from '../db/members.repo.js';
import { businessDateWib } from '../domain/calendar.js';
import { AppError } from '../domain/errors.js';
import { amountsByLedgerRole } from '../domain/savings/ledger-role.js';
import {
  importRowChecker,
  type ImportRow,
  type RowProblem,
  type SheetRow,
} from '../domain/members/import-rows.js';
import type { Lang } from '../i18n/messages.js';
import { inOrg, type Deps, type OrgContext } from './context.js';
import { postEntry } from './ledger.js';
import { describeProblem } from './members/import-workbook.js';

export {
  IMPORT_COLUMNS,
  IMPORT_FILE_BYTES_MAX,
  IMPORT_ROWS_MAX,
  importTemplate,
  readImportWorkbook,
} from './members/import-workbook.js';
export { exportMembers } from './members/export.js';

/**
 * Moving a cooperative off its spreadsheets: a downloadable template, an import that checks every
 * row and then commits all of it in one transaction or nothing, and an export of members and
 * balances. Opening balances post one journal entry against the migration clearing account; the
 * accountant's opening entry for cash, loans and the rest clears it.
 */

/** Rows per statement when writing: one jsonb parameter of about 1.5 MB. */
export const IMPORT_BATCH_ROWS = 5_000;
/** Problems listed in the answer (the count says how many there are in all). */
const PROBLEMS_SHOWN_MAX = 500;

export interface ImportProgress {
  phase(name: 'read' | 'validate' | 'write' | 'done', done: number, total: number): void;
}

export interface ImportResult {
  imported: number;
  openingBalancesRupiah: { pokok: string; wajib: string; sukarela: string };
  entryId: string | null;
}

const KINDS = ['pokok', 'wajib', 'sukarela'] as const;

function batches<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IMPORT_BATCH_ROWS)
    out.push(items.slice(i, i + IMPORT_BATCH_ROWS));
  return out;
}

/**
 * Checks every row as it is read (the domain's import rules), keeping only the checked rows;
 * then writes members, their default accounts and opening balances in one transaction, set-based
 * in batches of IMPORT_BATCH_ROWS. Any problem: nothing written, AppError IMPORT_ROWS_INVALID with
 * every problem as a field error (the rows' own first; conflicts with the registry only when the
 * rows are clean).
 */
export async function importMembers(
  deps: Deps,
  ctx: OrgContext,
  input: { rows: AsyncIterable<SheetRow> | Iterable<SheetRow>; lang?: Lang; dryRun?: boolean },
  progress?: ImportProgress,
): Promise<ImportResult> {
  const lang = input.lang ?? 'id';
  const today = businessDateWib(deps.clock());
  const check = importRowChecker(today);
  const rows: ImportRow[] = [];
  const problems: RowProblem[] = [];
  let read = 0;
  for await (const r of input.rows) {
    const c = check(r);
    if (c.ok) rows.push(c.value);
    else problems.push(...c.problems);
    if (++read % IMPORT_BATCH_ROWS === 0) progress?.phase('validate', read, read);
  }
  const reject = (ps: RowProblem[]) => {
    const shown = ps.slice(0, PROBLEMS_SHOWN_MAX).map((x) => describeProblem(x, lang));
    throw new AppError('IMPORT_ROWS_INVALID', { count: ps.length }, undefined, shown);
  };
  if (problems.length > 0) reject(problems);
  if (rows.length === 0)
    throw new AppError('IMPORT_FILE_INVALID', { reason: 'tidak ada baris data' });
  progress?.phase('validate', rows.length, rows.length);

  return inOrg(deps, ctx, async (o) => {
    const coop = ctx.organizationId;
    // Conflicts with what is already registered, one query per batch.
    const clashes: RowProblem[] = [];
    for (const batch of batches(rows))
      for (const c of await importRepo.registeredClashes(o.tx, coop, batch)) {
        if (c.nik_taken) clashes.push({ row: c.row, field: 'nik', code: 'NIK_EXISTS' });
        if (c.number_taken)
          clashes.push({ row: c.row, field: 'memberNumber', code: 'MEMBER_NUMBER_TAKEN' });
      }
    if (clashes.length > 0) reject(clashes);
    const totals = { pokok: 0n, wajib: 0n, sukarela: 0n };
    for (const r of rows) for (const k of KINDS) totals[k] += r[k];
    const products = await importRepo.defaultProducts(o.tx, coop);
    for (const kind of KINDS)
      if (totals[kind] > 0n && !products.some((p) => p.kind === kind))
        throw new AppError('IMPORT_FILE_INVALID', {
          reason: `koperasi belum punya produk simpanan ${kind}`,
        });
    if (input.dryRun)
      return {
        imported: rows.length,
        openingBalancesRupiah: { pokok: '0', wajib: '0', sukarela: '0' },
        entryId: null,
      };

    progress?.phase('write', 0, rows.length);
    // Rows without a member number take the next ones from the counter, in row order.
    const auto = rows.filter((r) => !r.memberNumber).length;
    let next = auto > 0 ? await reserveMemberNumbers(o.tx, coop, auto) : 0n;
    const grand = totals.pokok + totals.wajib + totals.sukarela;
    let entryId: bigint | null = null;
    if (grand > 0n) {
      const posted = await postEntry(o, {
        entryDate: today,
        description: `Saldo awal simpanan anggota (impor ${rows.length} anggota)`,
        source: { type: 'members.import' },
        lines: [
          { account: { role: 'openingBalanceClearing' }, debitRupiah: grand },
          // each kind into its product's account: a KSPPS's mudharabah sukarela on 2102
          ...amountsByLedgerRole(
            products.map((p) => ({ kind: p.kind, akad: p.akad, rupiah: totals[p.kind] })),
          ).map((x) => ({ account: { role: x.role }, creditRupiah: x.rupiah })),
        ],
      });
      entryId = posted.entryId;
    }
    let written = 0;
    for (const checked of batches(rows)) {
      const batch = checked.map((r) => ({
        ...r,
        memberNumber: r.memberNumber ?? formatMemberNumber(next++),
      }));
      const ids = await importRepo.insertImportedMembers(o.tx, coop, batch);
      // accounts from the ids just returned: no join back on NIK (the planner has no statistics
      // for rows inserted in this transaction and would scan members once per row)
      for (const p of products)
        await importRepo.openImportedAccounts(
          o.tx,
          coop,
          p,
          today,
          entryId,
          batch.map((r, i) => ({
            memberId: ids[i]!,
            memberNumber: r.memberNumber,
            joinedOn: r.joinedOn,
            balanceRupiah: r[p.kind],
          })),
        );
      written += batch.length;
      progress?.phase('write', written, rows.length);
    }
    await o.audit({
      action: 'members.imported',
      entityType: 'member',
      after: {
        count: rows.length,
        pokok: totals.pokok.toString(),
        wajib: totals.wajib.toString(),
        sukarela: totals.sukarela.toString(),
        entryId: entryId?.toString() ?? null,
      },
    });
    progress?.phase('done', rows.length, rows.length);
    return {
      imported: rows.length,
      openingBalancesRupiah: {
        pokok: totals.pokok.toString(),
        wajib: totals.wajib.toString(),
        sukarela: totals.sukarela.toString(),
      },
      entryId: entryId?.toString() ?? null,
    };
  });
}
