// The RAT's secret ballots (migrations 0038, 0040): elections, the keyholders' sealing keys, the
// key ceremony relay, the board, the registered pseudonyms, who registered (apart) and the
// decryption shares. Column unions are written out in place:
// test/integration/foundation/schema.test.ts reads them as they stand.
import type { Generated } from 'kysely';
import type { Json } from './columns.js';

export interface RatElectionsTable {
  cooperative_id: string;
  meeting_id: bigint;
  item_seq: number;
  election_id: string;
  threshold: number;
  trustees: number;
  keyholders: Json;
  manifest: Json;
  verification_keys: Json | null;
  status: Generated<'setup' | 'ready' | 'voting' | 'closed' | 'tallied'>;
  head_seq: Generated<number>;
  head_hash: string | null;
  tally_ciphertexts: Json | null;
  tally: Json | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface RatElectionDealingsTable {
  cooperative_id: string;
  meeting_id: bigint;
  item_seq: number;
  dealer: number;
  commitments: Json;
  sealed_shares: Json;
}

export interface RatBoardEntriesTable {
  cooperative_id: string;
  meeting_id: bigint;
  item_seq: number;
  seq: number;
  prev_hash: string;
  kind: 'credentials' | 'ballot' | 'close';
  content: Json;
  hash: string;
  tracker: string | null;
}

export interface RatBallotPseudonymsTable {
  cooperative_id: string;
  meeting_id: bigint;
  item_seq: number;
  pseudonym: string;
  weight: number;
}

export interface RatBallotVotersTable {
  cooperative_id: string;
  meeting_id: bigint;
  item_seq: number;
  member_id: bigint;
  registered_at: Date;
}

export interface RatTallySharesTable {
  cooperative_id: string;
  meeting_id: bigint;
  item_seq: number;
  trustee: number;
  decryption: Json;
}

/** Each keyholder's sealing key, registered before dealing (migration 0040). */
export interface RatElectionKeyholderKeysTable {
  cooperative_id: string;
  meeting_id: bigint;
  item_seq: number;
  keyholder: number;
  public_key: string;
  registered_at: Generated<Date>;
}

export interface RatBallotTables {
  rat_elections: RatElectionsTable;
  rat_election_dealings: RatElectionDealingsTable;
  rat_election_keyholder_keys: RatElectionKeyholderKeysTable;
  rat_board_entries: RatBoardEntriesTable;
  rat_ballot_pseudonyms: RatBallotPseudonymsTable;
  rat_ballot_voters: RatBallotVotersTable;
  rat_tally_shares: RatTallySharesTable;
}
