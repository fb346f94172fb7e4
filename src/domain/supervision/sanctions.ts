/**
 * The sanctions ladder (supervision.md "Sanctions ladder"; docs/domain/supervision-inspections.md):
 * administrative sanctions rise step by step, each a dated letter with the findings, the required
 * correction and a deadline; the next step needs the previous letter's deadline to have passed with
 * its findings not resolved. The steps are data with their legal basis; what could not be
 * confirmed from the regulation's text is marked `confirmed: false`. Pure: today is passed in.
 */

export const SANCTION_STEPS = [
  'teguran_1',
  'teguran_2',
  'pembatasan',
  'pencabutan_izin',
  'pembubaran',
] as const;
export type SanctionStep = (typeof SANCTION_STEPS)[number];

export interface LegalBasis {
  /** the instrument and article, e.g. "UU 17/2012 Pasal 120 ayat (1) huruf a" */
  citation: string;
  /** what it says about this step, in a line */
  note: string;
  /** true when the text was read in a retrieved source; false: to confirm from the official text */
  confirmed: boolean;
}

export interface LadderStep {
  step: SanctionStep;
  /** 1-based position on the ladder */
  order: number;
  /** the letter's title, as printed */
  title: string;
  titleEn: string;
  /** days for correction offered by default (an office's practice; no regulation fixes it) */
  defaultCorrectionDays: number;
  legalBasis: LegalBasis[];
}

const PERMENKOP_9_2020: LegalBasis = {
  citation: 'Permenkop UKM 9/2020 tentang Pengawasan Koperasi, Pasal 1',
  note: 'Pengawasan koperasi = pemeriksaan kesehatan dan/atau penerapan sanksi; kewenangan menurut wilayah keanggotaan (kab/kota, provinsi, kementerian).',
  confirmed: true,
};
const PERMENKOP_9_2020_SANKSI: LegalBasis = {
  citation: 'Permenkop UKM 9/2020, bab sanksi administratif (pasal belum dipastikan)',
  note: 'Tahapan, jangka waktu perbaikan dan urutan sanksi menurut Permenkop 9/2020: teks pasal belum diperoleh.',
  confirmed: false,
};
const UU_17_2012_120 = (letter: string, what: string): LegalBasis => ({
  citation: `UU 17/2012 Pasal 120 ayat (1) huruf ${letter}`,
  note: `${what}. UU 17/2012 dibatalkan MK (putusan 28/PUU-XI/2013); UU 25/1992 berlaku kembali, urutan sanksi ini tetap dipakai peraturan sesudahnya.`,
  confirmed: true,
});

/**
 * The ladder, lowest first. Teguran tertulis III: no source found for a third warning (UU 17/2012
 * says "sekurang-kurangnya 2 kali"), so the ladder has two; an office may send more warnings as
 * letters outside the ladder.
 */
export const SANCTION_LADDER: readonly LadderStep[] = [
  {
    step: 'teguran_1',
    order: 1,
    title: 'Teguran Tertulis I',
    titleEn: 'First written warning',
    defaultCorrectionDays: 30,
    legalBasis: [
      PERMENKOP_9_2020,
      UU_17_2012_120('a', 'Teguran tertulis sekurang-kurangnya 2 (dua) kali'),
      PERMENKOP_9_2020_SANKSI,
    ],
  },
  {
    step: 'teguran_2',
    order: 2,
    title: 'Teguran Tertulis II',
    titleEn: 'Second written warning',
    defaultCorrectionDays: 30,
    legalBasis: [
      PERMENKOP_9_2020,
      UU_17_2012_120('a', 'Teguran tertulis sekurang-kurangnya 2 (dua) kali'),
      PERMENKOP_9_2020_SANKSI,
    ],
  },
  {
    step: 'pembatasan',
    order: 3,
    title: 'Pembatasan / Larangan Kegiatan Usaha',
    titleEn: 'Restriction or ban of business activities',
    defaultCorrectionDays: 90,
    legalBasis: [
      PERMENKOP_9_2020,
      UU_17_2012_120(
        'b',
        'Larangan untuk menjalankan fungsi sebagai Pengurus atau Pengawas Koperasi',
      ),
      {
        citation: 'PP 9/1995 tentang Pelaksanaan Kegiatan Usaha Simpan Pinjam oleh Koperasi',
        note: 'Sanksi bagi KSP/USP termasuk pembatasan kegiatan usaha: pasal dan rumusan belum dipastikan.',
        confirmed: false,
      },
    ],
  },
  {
    step: 'pencabutan_izin',
    order: 4,
    title: 'Pencabutan Izin Usaha Simpan Pinjam',
    titleEn: 'Revocation of the savings-and-loan licence',
    defaultCorrectionDays: 90,
    legalBasis: [
      PERMENKOP_9_2020,
      UU_17_2012_120('c', 'Pencabutan izin usaha'),
      {
        citation: 'Permenkop UKM 8/2023 tentang Usaha Simpan Pinjam oleh Koperasi',
        note: 'Izin usaha simpan pinjam koperasi dan pencabutannya: pasal belum dipastikan.',
        confirmed: false,
      },
    ],
  },
  {
    step: 'pembubaran',
    order: 5,
    title: 'Usulan Pembubaran Koperasi',
    titleEn: 'Proposal to dissolve the cooperative',
    defaultCorrectionDays: 60,
    legalBasis: [
      UU_17_2012_120('d', 'Pembubaran oleh Menteri'),
      {
        citation: 'UU 25/1992 Pasal 46–47',
        note: 'Pembubaran koperasi oleh Pemerintah (Menteri); Dinas mengusulkan. Rumusan pasal belum dipastikan dari teks resmi.',
        confirmed: false,
      },
    ],
  },
];

export const ladderStep = (step: SanctionStep): LadderStep =>
  SANCTION_LADDER.find((s) => s.step === step)!;

/** A letter on a cooperative's record, as the rule reads it. */
export interface LetterOnRecord {
  id: string;
  step: SanctionStep;
  issuedOn: string;
  deadlineOn: string;
  deliveredOn: string | null;
  revoked: boolean;
  /** every finding the letter names is resolved (each of its recommendations done) */
  findingsResolved: boolean;
}

export type EscalationBlock =
  /** the latest letter's deadline has not passed yet (today ≤ deadline) */
  | 'DEADLINE_NOT_PASSED'
  /** the latest letter was never recorded as delivered: its deadline does not run */
  | 'NOT_DELIVERED'
  /** the ladder's last step has been issued */
  | 'LADDER_END';

export interface NextStep {
  /** the step that may be issued now, or null */
  allowed: SanctionStep | null;
  /** the step that comes next whether or not it may be issued today (null past the end) */
  next: SanctionStep | null;
  /** why `next` may not be issued yet */
  blocked: EscalationBlock | null;
  /** the first day `next` may be issued, when only the deadline stands in the way */
  allowedFrom: string | null;
  /** the latest letter still counting on the ladder */
  current: LetterOnRecord | null;
}

const addDays = (isoDate: string, days: number): string => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Where a cooperative stands on the ladder. Revoked letters do not count. With no letter counting,
 * or when the latest one's findings are all resolved (the matter closed), a new case starts at
 * teguran I. Otherwise the next step is the one after the latest letter's, allowed once that
 * letter was delivered and its deadline has passed (the day after the deadline at the earliest).
 *
 * Worked example: teguran I issued 2026-11-02, deadline 2026-12-02, delivered 2026-11-03. On
 * 2026-12-02 the next step is teguran II, blocked (DEADLINE_NOT_PASSED, allowed from 2026-12-03);
 * on 2026-12-03 it is allowed — unless every finding it names was resolved, then teguran I again.
 */
export function nextStep(letters: readonly LetterOnRecord[], today: string): NextStep {
  const counting = letters
    .filter((l) => !l.revoked)
    .sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));
  const current = counting.at(-1) ?? null;
  if (!current || current.findingsResolved)
    return { allowed: 'teguran_1', next: 'teguran_1', blocked: null, allowedFrom: null, current };
  const i = SANCTION_STEPS.indexOf(current.step);
  const next = SANCTION_STEPS[i + 1] ?? null;
  if (next === null)
    return { allowed: null, next: null, blocked: 'LADDER_END', allowedFrom: null, current };
  if (current.deliveredOn === null)
    return { allowed: null, next, blocked: 'NOT_DELIVERED', allowedFrom: null, current };
  if (today <= current.deadlineOn)
    return {
      allowed: null,
      next,
      blocked: 'DEADLINE_NOT_PASSED',
      allowedFrom: addDays(current.deadlineOn, 1),
      current,
    };
  return { allowed: next, next, blocked: null, allowedFrom: null, current };
}

export type EscalationRefusal = EscalationBlock | 'OUT_OF_ORDER';

/** Whether `step` may be issued today: only the one step `nextStep` allows, never a skip. */
export function checkEscalation(
  letters: readonly LetterOnRecord[],
  step: SanctionStep,
  today: string,
): { ok: true; previous: LetterOnRecord | null } | { ok: false; reason: EscalationRefusal } {
  const n = nextStep(letters, today);
  if (n.allowed === step) return { ok: true, previous: step === 'teguran_1' ? null : n.current };
  if (n.next === step && n.blocked) return { ok: false, reason: n.blocked };
  return { ok: false, reason: n.blocked === 'LADDER_END' ? 'LADDER_END' : 'OUT_OF_ORDER' };
}

/** Deadlines: after the letter's day, at most a year away. */
export const CORRECTION_DAYS_MAX = 365;

export function checkDeadline(
  issuedOn: string,
  deadlineOn: string,
): 'BEFORE_ISSUE' | 'TOO_FAR' | null {
  if (deadlineOn <= issuedOn) return 'BEFORE_ISSUE';
  if (deadlineOn > addDays(issuedOn, CORRECTION_DAYS_MAX)) return 'TOO_FAR';
  return null;
}

export const defaultDeadline = (step: SanctionStep, issuedOn: string): string =>
  addDays(issuedOn, ladderStep(step).defaultCorrectionDays);

/**
 * The letter number in the office's format: `{seq}` as at least three digits, `{year}` as four.
 * Default after the Tata Naskah Dinas pattern (classification code / sequence / unit / year); the
 * classification code 500.12 is an example an office replaces with its own.
 */
export const DEFAULT_NUMBER_FORMAT = '500.12/{seq}/DINKOP/{year}';

export function letterNumber(format: string, seq: number, year: number): string {
  return format
    .replaceAll('{seq}', String(seq).padStart(3, '0'))
    .replaceAll('{year}', String(year));
}

export function checkNumberFormat(format: string): 'PLACEHOLDER_MISSING' | 'LENGTH' | null {
  if (format.length < 5 || format.length > 100) return 'LENGTH';
  if (!format.includes('{seq}') || !format.includes('{year}')) return 'PLACEHOLDER_MISSING';
  return null;
}
