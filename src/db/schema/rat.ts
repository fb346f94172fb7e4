// The RAT meetings (migration 0037): the meeting, its agenda, attendance and proxies. Column unions
// are written out in place: test/integration/foundation/schema.test.ts reads them as they stand.
import type { Generated } from 'kysely';
import type { GeneratedId, Json } from './columns.js';

export interface RatMeetingsTable {
  cooperative_id: string;
  id: GeneratedId;
  book_year: number;
  call: Generated<number>;
  first_call_id: bigint | null;
  title: string;
  mode: 'in-person' | 'online' | 'hybrid';
  scheduled_on: string;
  starts_at: string;
  location: string | null;
  online_url: string | null;
  rules: Json;
  late_reason: string | null;
  status: Generated<'planned' | 'open' | 'closed' | 'postponed'>;
  members_entitled: number | null;
  opened_at: Date | null;
  closed_at: Date | null;
  checkin_key: Uint8Array;
  created_by: string | null;
  created_at: Generated<Date>;
  minutes_chair: string | null;
  minutes_secretary: string | null;
  minutes_witnesses: string | null;
  minutes_signed_at: Date | null;
  minutes_signed_by: string | null;
  package_sent_at: Date | null;
  package_sent_by: string | null;
}

/** The RAT book's written parts (migration 0039). */
export interface RatBookSectionsTable {
  cooperative_id: string;
  meeting_id: bigint;
  section: 'accountability' | 'supervision' | 'plan';
  body: string;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface RatAgendaItemsTable {
  cooperative_id: string;
  meeting_id: bigint;
  seq: number;
  title: string;
  kind:
    | 'opening'
    | 'accountability'
    | 'supervision'
    | 'statements'
    | 'shu'
    | 'plan'
    | 'adart'
    | 'election'
    | 'other';
  majority: 'none' | 'simple' | 'two-thirds';
  ballot: Generated<'open' | 'secret'>;
  motion: string | null;
  status: Generated<'pending' | 'voting' | 'decided'>;
  voting_opened_at: Date | null;
  voters_present: number | null;
  setuju: number | null;
  tidak_setuju: number | null;
  abstain: number | null;
  passed: boolean | null;
  decided_at: Date | null;
  note: string | null;
}

export interface RatAttendanceTable {
  cooperative_id: string;
  meeting_id: bigint;
  member_id: bigint;
  checked_in_at: Generated<Date>;
  method: 'qr' | 'login' | 'desk';
  recorded_by: string | null;
}

export interface RatProxiesTable {
  cooperative_id: string;
  meeting_id: bigint;
  member_id: bigint;
  holder_member_id: bigint;
  reference: string;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface RatTables {
  rat_meetings: RatMeetingsTable;
  rat_agenda_items: RatAgendaItemsTable;
  rat_attendance: RatAttendanceTable;
  rat_proxies: RatProxiesTable;
  rat_book_sections: RatBookSectionsTable;
}
