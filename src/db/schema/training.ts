// Training and certification (migration 0029): the office's training events with their sessions,
// participants from registry cooperatives and attendance; competency certificates of the
// cooperatives' managers and staff.
import type { Generated } from 'kysely';
import type { GeneratedId } from './columns.js';

export type CooperativePosition = 'pengurus' | 'pengawas' | 'manajer' | 'karyawan';
export type TrainingResult = 'lulus' | 'tidak_lulus' | 'peserta';
// (the columns spell the unions out: test/integration/foundation/schema.test.ts reads them)

export interface TrainingEventsTable {
  organization_id: string;
  id: GeneratedId;
  title: string;
  organiser: string;
  topic: string;
  starts_on: string;
  ends_on: string;
  online: Generated<boolean>;
  location: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface TrainingSessionsTable {
  organization_id: string;
  event_id: bigint;
  id: GeneratedId;
  held_on: string;
  topic: string;
  trainer: string;
}

export interface TrainingParticipantsTable {
  organization_id: string;
  event_id: bigint;
  id: GeneratedId;
  region_code: string;
  registry_id: bigint;
  full_name: string;
  position: 'pengurus' | 'pengawas' | 'manajer' | 'karyawan';
  organ_member_id: bigint | null;
  result: 'lulus' | 'tidak_lulus' | 'peserta' | null;
  score: number | null;
  result_recorded_by: string | null;
  added_by: string | null;
  added_at: Generated<Date>;
}

export interface TrainingAttendanceTable {
  organization_id: string;
  event_id: bigint;
  participant_id: bigint;
  session_id: bigint;
  present: boolean;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface CompetencyCertificatesTable {
  region_code: string;
  registry_id: bigint;
  id: GeneratedId;
  holder_name: string;
  position: 'pengurus' | 'pengawas' | 'manajer' | 'karyawan';
  organ_member_id: bigint | null;
  scheme: string;
  certificate_number: string;
  issuer: string;
  issued_on: string;
  valid_until: string;
  left_on: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface TrainingTables {
  training_events: TrainingEventsTable;
  training_sessions: TrainingSessionsTable;
  training_participants: TrainingParticipantsTable;
  training_attendance: TrainingAttendanceTable;
  competency_certificates: CompetencyCertificatesTable;
}
