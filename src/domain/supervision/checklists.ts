import type { Rubric } from './rubric.js';

/**
 * The examiner's checklists, item by item: each "Ya" / "Tidak" answer (with its evidence) is kept,
 * and the rubric reads their count — Perdep 06/2016's management questionnaires as a count of "Ya"
 * (`manajemen.umum` …), the KKPKK checklists as [met, of] (`checklists.kelembagaan` …).
 * The item texts the regulations print were not all retrieved (docs/domain/supervision-health.md):
 * where a text is known it is given, otherwise the item is named by its indicator and number.
 */

export interface ChecklistItem {
  no: number;
  text: string;
}

export interface Checklist {
  /** the rubric input it feeds */
  key: string;
  name: string;
  items: ChecklistItem[];
}

const numbered = (prefix: string, count: number, from = 1): ChecklistItem[] =>
  Array.from({ length: count }, (_, i) => ({
    no: from + i,
    text: `${prefix} — butir ${i + 1}`,
  }));

const texts = (list: string[], from = 1): ChecklistItem[] =>
  list.map((text, i) => ({ no: from + i, text }));

/** KKPKK kelembagaan: 5 indicators, 30 butir (Juknis 15/2021; per-indicator split 6 each). */
const kelembagaan: ChecklistItem[] = [
  'Legalitas badan hukum',
  'Izin usaha simpan pinjam dan/atau pembiayaan',
  'Anggaran dasar',
  'Keanggotaan',
  'Kelengkapan organisasi',
].flatMap((indicator, i) => numbered(indicator, 6, i * 6 + 1));

/** KKPKK risiko kepatuhan: 2 indicators × 4 sub-indicators (MODUL-A pp. 56–57). */
const risikoKepatuhan = texts([
  'Tidak ada pelanggaran dalam periode pemeriksaan',
  'Tidak sedang dikenai sanksi',
  'Tidak dalam proses hukum atas pelanggaran kepatuhan',
  'Tidak dalam proses pidana',
  'Temuan pemeriksaan sebelumnya telah dievaluasi',
  'Temuan pemeriksaan sebelumnya telah ditindaklanjuti',
  'Tidak ada pelanggaran berulang',
  'Frekuensi pelanggaran menurun',
]);

/** KKPKK risiko operasional: 2 indicators × 4 sub-indicators. */
const risikoOperasional = [
  ...numbered('Skala usaha dan struktur organisasi', 4),
  ...numbered('Keberagaman produk/jasa', 4, 5),
];

/** Perdep 06/2016's management questionnaires (texts not retrieved), reused by Perdep 07/2016. */
const manajemen: Checklist[] = [
  { key: 'manajemen.umum', name: 'Manajemen umum', items: numbered('Manajemen umum', 12) },
  { key: 'manajemen.kelembagaan', name: 'Kelembagaan', items: numbered('Kelembagaan', 6) },
  {
    key: 'manajemen.permodalan',
    name: 'Manajemen permodalan',
    items: numbered('Manajemen permodalan', 5),
  },
  { key: 'manajemen.aktiva', name: 'Manajemen aktiva', items: numbered('Manajemen aktiva', 10) },
  {
    key: 'manajemen.likuiditas',
    name: 'Manajemen likuiditas',
    items: numbered('Manajemen likuiditas', 5),
  },
];

/**
 * Perdep 07/2016 kepatuhan prinsip syariah: the official item list was not retrieved; these 11
 * items are derived from the DSN-MUI fatwa and Permenkop 11/2017 (project sharia notes §f.2), each
 * answered "Ya" with its evidence. rubrics/perdep-07-2016.ts reads their count.
 */
const kepatuhanSyariah = texts([
  'Dewan Pengawas Syariah ada, susunan dan sertifikasinya memenuhi Permenkop 11/2017',
  'DPS melapor ke DSN-MUI tahun ini',
  'Setiap produk berdasar fatwa DSN-MUI dan disetujui DPS',
  'Akad ditandatangani sebelum pencairan dan sesuai produk (murabahah: barang milik KSPPS sebelum dijual)',
  'Nisbah tercantum dalam setiap akad simpanan mudharabah; tidak ada janji imbal hasil tetap',
  'Bonus wadiah tidak dijanjikan; diputuskan setelah periode',
  'Distribusi bagi hasil memakai pendapatan kas (ada rekonsiliasi pendapatan dan bagi hasil)',
  'Denda hanya untuk anggota mampu yang menunda, dibukukan ke dana kebajikan',
  'Penerimaan non-halal dipisahkan ke dana kebajikan',
  'Dana zakat dan kebajikan terpisah dan dilaporkan, tidak dipakai untuk usaha tamwil',
  'Pembiayaan mudharabah/musyarakah ditagih atas hasil nyata; kerugian sesuai fatwa 07/08',
]);

const CHECKLISTS: Record<string, Checklist[]> = {
  'perdep-06-2016': manajemen,
  'perdep-07-2016': [
    ...manajemen,
    { key: 'syariah.kepatuhan', name: 'Kepatuhan prinsip syariah', items: kepatuhanSyariah },
  ],
  'permenkop-09-2020': [
    { key: 'checklists.kelembagaan', name: 'Kelembagaan', items: kelembagaan },
    { key: 'checklists.risikoKepatuhan', name: 'Risiko kepatuhan', items: risikoKepatuhan },
    { key: 'checklists.risikoOperasional', name: 'Risiko operasional', items: risikoOperasional },
  ],
};

/** The checklists of a rubric: one per count or checklist input, in the rubric's input order. */
export function checklistsOf(rubric: Rubric): Checklist[] {
  const known = CHECKLISTS[rubric.id] ?? [];
  return rubric.inputs.flatMap((d) => {
    if (d.kind === 'rupiah') return [];
    const c = known.find((k) => k.key === d.key);
    if (c) return [c];
    // a rubric without item texts: as many numbered items as the input allows (a checklist: 10)
    const count = d.kind === 'count' ? d.max : 10;
    return [{ key: d.key, name: d.name, items: numbered(d.name, count) }];
  });
}

/** The rupiah inputs of a rubric (the figures an examiner or a report supplies). */
export const rupiahInputs = (rubric: Rubric): string[] =>
  rubric.inputs.flatMap((d) => (d.kind === 'rupiah' ? [d.key] : []));

export interface Answer {
  checklist: string;
  itemNo: number;
  answer: boolean;
}

export type AnswerProblem = { field: string; problem: 'unknown' | 'duplicate' | 'missing' };

/**
 * The answers checked against the checklists: each names a known item once. `complete` also
 * requires every item answered (to finalise); a draft scores unanswered items as "Tidak".
 */
export function checkAnswers(
  checklists: Checklist[],
  answers: Answer[],
  complete: boolean,
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const seen = new Set<string>();
  for (const a of answers) {
    const field = `${a.checklist}.${a.itemNo}`;
    const c = checklists.find((x) => x.key === a.checklist);
    if (!c || !c.items.some((i) => i.no === a.itemNo)) problems.push({ field, problem: 'unknown' });
    else if (seen.has(field)) problems.push({ field, problem: 'duplicate' });
    seen.add(field);
  }
  if (complete)
    for (const c of checklists)
      for (const i of c.items)
        if (!seen.has(`${c.key}.${i.no}`))
          problems.push({ field: `${c.key}.${i.no}`, problem: 'missing' });
  return problems;
}

/** The flat figures the rubric reads from the answers: counts of "Ya", or met and of. */
export function checklistFigures(
  rubric: Rubric,
  checklists: Checklist[],
  answers: Answer[],
): Record<string, bigint> {
  const figures: Record<string, bigint> = {};
  for (const c of checklists) {
    const def = rubric.inputs.find((d) => d.key === c.key);
    const ya = BigInt(answers.filter((a) => a.checklist === c.key && a.answer).length);
    if (def?.kind === 'checklist') {
      figures[`${c.key}.met`] = ya;
      figures[`${c.key}.of`] = BigInt(c.items.length);
    } else figures[c.key] = ya;
  }
  return figures;
}
