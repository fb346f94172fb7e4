import * as journal from '../db/journal.repo.js';
import * as ledgerRepo from '../db/ledger.repo.js';
import { inOrg, type Deps, type OrgContext } from './context.js';

export interface PeriodRange {
  from: string; // 'YYYY-MM'
  to: string; // 'YYYY-MM'
}

/** Balances of every account for a range of months, from the maintained balances only. */
export async function accountBalances(
  deps: Deps,
  ctx: OrgContext,
  range: PeriodRange,
  options: { excludeSourceTypes?: string[] } = {},
): Promise<ledgerRepo.AccountBalanceRecord[]> {
  const excluded = options.excludeSourceTypes ?? [];
  return inOrg(deps, ctx, async ({ tx }) => {
    const rows = await ledgerRepo.accountBalancesInRange(
      tx,
      ctx.organizationId,
      range.from,
      range.to,
    );
    if (excluded.length === 0) return rows;
    // Entries left out of a movement statement (the year-end closing entries in the income
    // statement): subtract their lines within the range.
    const out = new Map<bigint, { d: bigint; c: bigint }>();
    for (const m of await journal.movementsOfSources(
      tx,
      ctx.organizationId,
      excluded,
      range.from,
      range.to,
    ))
      out.set(m.account_id, { d: m.d, c: m.c });
    return rows.map((x) => ({
      ...x,
      debitRupiah: x.debitRupiah - (out.get(x.id)?.d ?? 0n),
      creditRupiah: x.creditRupiah - (out.get(x.id)?.c ?? 0n),
    }));
  });
}
