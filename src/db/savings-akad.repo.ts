import { sql } from 'kysely';
import type { Queryable } from './database.js';

/**
 * The member's akad on a mudharabah account, versioned (savings_account_akad_versions, migration
 * 0021). The service (services/savings/akad.ts) decides; the database's consent guard refuses an
 * accepted lowering that names no consent.
 */

export interface AkadVersionRow {
  version: number;
  nisbah_anggota_bps: number;
  effective_from: string | Date;
  status: 'proposed' | 'accepted' | 'withdrawn';
  proposed_by: string | null;
  proposed_at: Date;
  accepted_by: string | null;
  accepted_at: Date | null;
  channel: 'counter' | 'portal' | null;
}

const columns = sql`version, nisbah_anggota_bps, effective_from, status, proposed_by, proposed_at,
  accepted_by, accepted_at, channel`;

/** Every version of the account's akad, oldest first. */
export async function listVersions(
  tx: Queryable,
  coop: string,
  accountId: bigint,
): Promise<AkadVersionRow[]> {
  const r = await sql<AkadVersionRow>`
    select ${columns} from savings_account_akad_versions
    where cooperative_id = ${coop} and account_id = ${accountId} order by version`.execute(tx);
  return r.rows;
}

export async function insertVersion(
  tx: Queryable,
  coop: string,
  v: {
    accountId: bigint;
    version: number;
    nisbahAnggotaBps: number;
    effectiveFrom: string;
    status: 'proposed' | 'accepted';
    proposedBy: string | null;
  },
): Promise<AkadVersionRow> {
  const r = await sql<AkadVersionRow>`
    insert into savings_account_akad_versions (cooperative_id, account_id, version,
      nisbah_anggota_bps, effective_from, status, proposed_by, accepted_at)
    values (${coop}, ${v.accountId}, ${v.version}, ${v.nisbahAnggotaBps}, ${v.effectiveFrom},
      ${v.status}, ${v.proposedBy}, ${v.status === 'accepted' ? sql`now()` : null})
    returning ${columns}`.execute(tx);
  return r.rows[0]!;
}

/** A proposal still waiting is withdrawn (a newer change replaces it). */
export async function withdrawVersion(
  tx: Queryable,
  coop: string,
  accountId: bigint,
  version: number,
): Promise<void> {
  await sql`
    update savings_account_akad_versions set status = 'withdrawn'
    where cooperative_id = ${coop} and account_id = ${accountId} and version = ${version}
      and status = 'proposed'`.execute(tx);
}

/** The member's consent: the proposal becomes the akad from `effectiveFrom`. */
export async function acceptVersion(
  tx: Queryable,
  coop: string,
  a: {
    accountId: bigint;
    version: number;
    effectiveFrom: string;
    acceptedBy: string | null;
    channel: 'counter' | 'portal';
  },
): Promise<AkadVersionRow | undefined> {
  const r = await sql<AkadVersionRow>`
    update savings_account_akad_versions set status = 'accepted', accepted_at = now(),
      accepted_by = ${a.acceptedBy}, channel = ${a.channel}, effective_from = ${a.effectiveFrom}
    where cooperative_id = ${coop} and account_id = ${a.accountId} and version = ${a.version}
      and status = 'proposed'
    returning ${columns}`.execute(tx);
  return r.rows[0];
}
