/**
 * Funding referrals (issue 16 item 7; docs/domain/supervision-funding.md): the office checks a
 * cooperative's readiness for a lender's programme from what it already holds — the latest final
 * health assessment, the last quarterly reports, the RAT record, the registry's legal identity and
 * status, and the public accountant's audit the office confirms when loans exceed Rp 2.5 billion —
 * refers it, and tracks the outcome as a history of statuses. Pure: today is passed in.
 *
 * Sources: supervision.md "Funding access" (LPDB-KUMKM lends to cooperatives, conventional and
 * sharia, that are healthy, audited and hold RATs; UMi channels through non-bank institutions,
 * cooperatives included) and "Classification … obligations" (audited statements where loans exceed
 * Rp 2.5 billion). The lenders' full criteria are not public in one document: which items each
 * programme requires beyond that is our reading, marked `ourReading` and said so in the docs.
 */
import type { Timeliness } from './report-periods.js';

export const FUNDING_PROGRAMMES = ['lpdb_konvensional', 'lpdb_syariah', 'umi'] as const;
export type FundingProgramme = (typeof FUNDING_PROGRAMMES)[number];

export const READINESS_ITEMS = [
  'active',
  'legal',
  'type',
  'health',
  'reports',
  'rat',
  'audit',
] as const;
export type ReadinessItem = (typeof READINESS_ITEMS)[number];

export const ITEM_STATES = ['met', 'not_met', 'needs_confirmation'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

type CooperativeType = 'KSP' | 'KSPPS' | 'KONSUMEN' | 'PRODUSEN' | 'PEMASARAN' | 'JASA';

export interface ProgrammeDefinition {
  code: FundingProgramme;
  name: string;
  lender: string;
  /** the cooperative types the programme lends to or through */
  types: readonly CooperativeType[];
  /** the items it requires; the others are shown for information */
  requires: readonly ReadinessItem[];
  source: string;
  /** true where the requirements beyond supervision.md are our reading of the lender's criteria */
  ourReading: boolean;
}

/** The lenders' programmes as data: which cooperatives they serve and which items they require. */
export const PROGRAMMES: Record<FundingProgramme, ProgrammeDefinition> = {
  lpdb_konvensional: {
    code: 'lpdb_konvensional',
    name: 'LPDB-KUMKM dana bergulir (konvensional)',
    lender: 'Lembaga Pengelola Dana Bergulir KUMKM',
    types: ['KSP', 'KONSUMEN', 'PRODUSEN', 'PEMASARAN', 'JASA'],
    requires: ['active', 'legal', 'type', 'health', 'reports', 'rat', 'audit'],
    source:
      'supervision.md "Funding access": sehat, diaudit, menyelenggarakan RAT; audit akuntan publik bila pinjaman > Rp 2,5 miliar',
    ourReading: true,
  },
  lpdb_syariah: {
    code: 'lpdb_syariah',
    name: 'LPDB-KUMKM dana bergulir (syariah)',
    lender: 'Lembaga Pengelola Dana Bergulir KUMKM',
    types: ['KSPPS'],
    requires: ['active', 'legal', 'type', 'health', 'reports', 'rat', 'audit'],
    source:
      'supervision.md "Funding access": sehat, diaudit, menyelenggarakan RAT; pola syariah untuk KSPPS',
    ourReading: true,
  },
  umi: {
    code: 'umi',
    name: 'Pembiayaan Ultra Mikro (UMi)',
    lender: 'Pusat Investasi Pemerintah (PIP)',
    types: ['KSP', 'KSPPS'],
    requires: ['active', 'legal', 'type', 'reports', 'rat', 'audit'],
    source:
      'supervision.md "Funding access": disalurkan melalui lembaga keuangan bukan bank termasuk koperasi; syarat penyalur menurut bacaan kami',
    ourReading: true,
  },
};

/** The predikat a lender accepts (supervision.md: "healthy"; the brief: Sehat or Cukup Sehat). */
export const HEALTHY_PREDIKATS = ['Sehat', 'Cukup Sehat'] as const;
/** Loans above this oblige an audit by a public accountant (supervision.md). */
export const AUDIT_LOANS_THRESHOLD_RUPIAH = 2_500_000_000n;
/** The last quarterly reports due that must have been received. */
export const REPORT_QUARTERS_REQUIRED = 4;

/** What the office holds about a cooperative on the day, read by the service. */
export interface ReadinessFacts {
  cooperativeType: CooperativeType;
  status: 'active' | 'inactive' | 'dissolved' | 'in_liquidation';
  badanHukumNumber: string | null;
  nib: string | null;
  npwp: string | null;
  /** the latest final assessment's predikat and period (YYYY-MM), or null */
  predikat: string | null;
  assessedPeriod: string | null;
  /** the ended quarters, newest first, with their report's timeliness */
  quarters: readonly { period: string; status: Timeliness }[];
  /** the last book year whose RAT deadline passed, and the day its RAT was held (or null) */
  ratBookYear: number;
  ratHeldOn: string | null;
  /** loans outstanding in the latest quarterly report, or null when there is none */
  loansRupiah: bigint | null;
  loansPeriod: string | null;
  /** the officer confirmed an audit by a public accountant of the recent statements */
  auditConfirmed: boolean;
}

export interface ItemResult {
  item: ReadinessItem;
  required: boolean;
  state: ItemState;
  /** the figure behind the state, in the office's language of record */
  figure: string;
}

export interface Readiness {
  programme: FundingProgramme;
  /** every required item met */
  ready: boolean;
  metRequired: number;
  required: number;
  items: ItemResult[];
}

const rupiah = (v: bigint) => `Rp ${v.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;

function item(
  f: ReadinessFacts,
  p: ProgrammeDefinition,
  i: ReadinessItem,
): Omit<ItemResult, 'required'> {
  switch (i) {
    case 'active':
      return {
        item: i,
        state: f.status === 'active' ? 'met' : 'not_met',
        figure: `Status registri: ${f.status}`,
      };
    case 'legal': {
      const missing = [
        f.badanHukumNumber ? null : 'badan hukum',
        f.nib ? null : 'NIB',
        f.npwp ? null : 'NPWP',
      ].filter((x): x is string => x !== null);
      return {
        item: i,
        state: missing.length === 0 ? 'met' : 'not_met',
        figure:
          missing.length === 0
            ? `Badan hukum ${f.badanHukumNumber}, NIB ${f.nib}, NPWP ${f.npwp}`
            : `Belum tercatat: ${missing.join(', ')}`,
      };
    }
    case 'type':
      return {
        item: i,
        state: p.types.includes(f.cooperativeType) ? 'met' : 'not_met',
        figure: `Jenis ${f.cooperativeType}; program melayani ${p.types.join(', ')}`,
      };
    case 'health': {
      if (f.predikat === null)
        return { item: i, state: 'not_met', figure: 'Belum ada penilaian kesehatan final' };
      const ok = (HEALTHY_PREDIKATS as readonly string[]).includes(f.predikat);
      return {
        item: i,
        state: ok ? 'met' : 'not_met',
        figure: `${f.predikat} (penilaian ${f.assessedPeriod ?? '-'})`,
      };
    }
    case 'reports': {
      const due = f.quarters.filter((q) => q.status !== 'not_yet_due');
      const last = due.slice(0, REPORT_QUARTERS_REQUIRED);
      const missing = last.filter((q) => q.status === 'missing').map((q) => q.period);
      const ok = last.length === REPORT_QUARTERS_REQUIRED && missing.length === 0;
      return {
        item: i,
        state: ok ? 'met' : 'not_met',
        figure:
          `${last.length - missing.length} dari ${REPORT_QUARTERS_REQUIRED} laporan triwulan terakhir diterima` +
          (missing.length > 0 ? `; tidak masuk: ${missing.join(', ')}` : ''),
      };
    }
    case 'rat':
      return {
        item: i,
        state: f.ratHeldOn !== null ? 'met' : 'not_met',
        figure:
          f.ratHeldOn !== null
            ? `RAT tahun buku ${f.ratBookYear} diselenggarakan ${f.ratHeldOn}`
            : `RAT tahun buku ${f.ratBookYear} tidak tercatat`,
      };
    case 'audit': {
      if (f.loansRupiah !== null && f.loansRupiah <= AUDIT_LOANS_THRESHOLD_RUPIAH)
        return {
          item: i,
          state: 'met',
          figure: `Pinjaman ${rupiah(f.loansRupiah)} (${f.loansPeriod}) tidak melebihi ${rupiah(AUDIT_LOANS_THRESHOLD_RUPIAH)}: audit akuntan publik tidak diwajibkan`,
        };
      const why =
        f.loansRupiah === null
          ? 'Pinjaman tidak diketahui (belum ada laporan)'
          : `Pinjaman ${rupiah(f.loansRupiah)} (${f.loansPeriod}) melebihi ${rupiah(AUDIT_LOANS_THRESHOLD_RUPIAH)}`;
      return f.auditConfirmed
        ? { item: i, state: 'met', figure: `${why}; audit akuntan publik dikonfirmasi petugas` }
        : {
            item: i,
            state: 'needs_confirmation',
            figure: `${why}: petugas perlu mengonfirmasi audit akuntan publik`,
          };
    }
  }
}

/** The readiness checklist of one cooperative for one programme. */
export function readiness(programme: FundingProgramme, f: ReadinessFacts): Readiness {
  const p = PROGRAMMES[programme];
  const items = READINESS_ITEMS.map((i) => ({
    ...item(f, p, i),
    required: p.requires.includes(i),
  }));
  const req = items.filter((x) => x.required);
  const metRequired = req.filter((x) => x.state === 'met').length;
  return { programme, ready: metRequired === req.length, metRequired, required: req.length, items };
}

/**
 * Most ready first: every required item met, then more items met, then more of the open items
 * only awaiting the officer's confirmation (closer than items not met).
 */
export function compareReadiness(a: Readiness, b: Readiness): number {
  const pending = (r: Readiness) =>
    r.items.filter((x) => x.required && x.state === 'needs_confirmation').length;
  return (
    Number(b.ready) - Number(a.ready) || b.metRequired - a.metRequired || pending(b) - pending(a)
  );
}

// ---------------------------------------------------------------------------------------------
// The outcome: a history of statuses, each a new row.

export const REFERRAL_STATUSES = [
  'referred',
  'under_review',
  'approved',
  'rejected',
  'disbursed',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** The statuses each may move to: referred → under review → approved / rejected; approved → disbursed. */
export const NEXT_STATUSES: Record<ReferralStatus, readonly ReferralStatus[]> = {
  referred: ['under_review'],
  under_review: ['approved', 'rejected'],
  approved: ['disbursed'],
  rejected: [],
  disbursed: [],
};

export interface ReferralState {
  status: ReferralStatus;
  /** the day of the latest status */
  on: string;
  amountRequestedRupiah: bigint;
  amountApprovedRupiah: bigint | null;
}

export interface Transition {
  to: ReferralStatus;
  on: string;
  /** approved: the amount approved; disbursed: the amount disbursed */
  amountRupiah: bigint | null;
  /** rejected: the lender's reason */
  reason: string | null;
}

export type TransitionProblem =
  | { kind: 'out_of_order'; from: ReferralStatus; to: ReferralStatus }
  | { kind: 'invalid'; field: 'on' | 'amountRupiah' | 'reason'; code: string };

/**
 * Checks a status change against the referral's latest state: only the next steps, dated on or
 * after the latest status and not after today; an approval carries the amount approved (at most
 * the amount requested), a disbursement the amount disbursed (at most the amount approved), a
 * rejection its reason. Returns the first problem, or null.
 */
export function checkTransition(
  s: ReferralState,
  t: Transition,
  today: string,
): TransitionProblem | null {
  if (!NEXT_STATUSES[s.status].includes(t.to))
    return { kind: 'out_of_order', from: s.status, to: t.to };
  if (t.on < s.on) return { kind: 'invalid', field: 'on', code: 'BEFORE_PREVIOUS_STATUS' };
  if (t.on > today) return { kind: 'invalid', field: 'on', code: 'DATE_IN_FUTURE' };
  const amount = t.amountRupiah;
  if (t.to === 'approved' || t.to === 'disbursed') {
    if (amount === null || amount <= 0n)
      return { kind: 'invalid', field: 'amountRupiah', code: 'REQUIRED_POSITIVE' };
    if (t.to === 'approved' && amount > s.amountRequestedRupiah)
      return { kind: 'invalid', field: 'amountRupiah', code: 'ABOVE_REQUESTED' };
    if (t.to === 'disbursed' && s.amountApprovedRupiah !== null && amount > s.amountApprovedRupiah)
      return { kind: 'invalid', field: 'amountRupiah', code: 'ABOVE_APPROVED' };
  } else if (amount !== null)
    return { kind: 'invalid', field: 'amountRupiah', code: 'NOT_EXPECTED' };
  if (t.to === 'rejected' && (t.reason === null || t.reason.trim() === ''))
    return { kind: 'invalid', field: 'reason', code: 'REQUIRED' };
  if (t.to !== 'rejected' && t.reason !== null)
    return { kind: 'invalid', field: 'reason', code: 'NOT_EXPECTED' };
  return null;
}

/** The cover letter's number: the office's referral letters numbered per year. */
export function referralLetterNumber(seq: number, year: number): string {
  return `${String(seq).padStart(3, '0')}/RUJ-DANA/${year}`;
}
