import { sql } from 'kysely';
import type { Queryable } from './database.js';
import type { DistributionRow } from './bagi-hasil.repo.js';

/** The months distributed in [from, to] ('YYYY-MM'), oldest first: the rekonsiliasi's rows. */
export async function distributionsInRange(
  tx: Queryable,
  coop: string,
  from: string,
  to: string,
): Promise<DistributionRow[]> {
  const r = await sql<DistributionRow>`
    select period, days, basis, accrual_income_rupiah, unreceived_current_rupiah,
      received_previous_rupiah, operating_costs_rupiah, income_rupiah,
      financing_daily_sum_rupiah, divisor_is, distributed_rupiah, accounts, entry_id, created_at
    from bagi_hasil_distributions
    where cooperative_id = ${coop} and period between ${from} and ${to}
    order by period`.execute(tx);
  return r.rows;
}
