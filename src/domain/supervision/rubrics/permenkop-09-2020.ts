import {
  ratio,
  steps,
  type Component,
  type Rubric,
  type Source,
  type SourcedNumber,
} from '../rubric.js';

/**
 * Kertas Kerja Pemeriksaan Kesehatan Koperasi (KKPKK), Permenkop 9/2020 with Juknis Deputi
 * Bidang Perkoperasian 15/2021: indicators scored nilai 1 (Sehat) … 4 (Tidak Sehat), skor 4 … 1.
 * The Juknis appendix with the aspect and component weights and the final cut-offs is not public:
 * those rows are PLACEHOLDERS (status 'placeholder') that an administrator replaces with the
 * official values; until then every result under this rubric is provisional.
 * docs/domain/supervision-health.md restates each number with its source.
 */

const JUKNIS = 'Juknis Deputi Bidang Perkoperasian 15/2021 (KKPKK)';
const juknis = (where: string, status: Source['status'] = 'confirmed', note?: string): Source => ({
  document: JUKNIS,
  dated: '2021',
  status,
  where,
  ...(note ? { note } : {}),
});
const placeholder = (value: string, note: string): SourcedNumber => ({
  value,
  source: { document: JUKNIS, dated: '2021', status: 'placeholder', note },
});
const componentWeight = (value: string) =>
  placeholder(value, 'component weights not public; stand-in, aspect weight shared out');

/** Checklists (butir terpenuhi = 1): share met > 75 → 1, > 50 → 2, > 25 → 3, else 4. */
const checklistBands = steps('below', ['25', '50', '75'], [4, 3, 2, 1]);

function checklist(key: string, name: string, weight: string, where: string): Component {
  return {
    key,
    name,
    formula: `checklists.${key}: butir terpenuhi / jumlah butir × 100%`,
    numerator: [{ input: `checklists.${key}.met` }],
    denominator: [{ input: `checklists.${key}.of` }],
    weight: componentWeight(weight),
    scoring: {
      kind: 'bands',
      table: {
        bands: checklistBands,
        source: juknis(
          where,
          'confirmed',
          'the printed bands leave 75–76, 50–51, 25–26 and 0 open; read as "above 75" etc.',
        ),
      },
    },
    undefinedRatio: { nilai: 4, reason: 'tidak ada butir' },
  };
}

/** A ratio whose higher values are healthier: X ≥ a → 1, b ≤ X < a → 2, c ≤ X < b → 3, else 4. */
const higherIsBetter = (a: string, b: string, c: string) => steps('above', [c, b, a], [4, 3, 2, 1]);

/** A ratio whose lower values are healthier: X ≤ a → 1, a < X ≤ b → 2, b < X ≤ c → 3, else 4. */
const lowerIsBetter = (a: string, b: string, c: string) => steps('below', [a, b, c], [1, 2, 3, 4]);

const worst = (reason: string) => ({ nilai: 4, reason });

export const permenkop09_2020: Rubric = {
  id: 'permenkop-09-2020',
  title: 'Pemeriksaan Kesehatan Koperasi, KKPKK (Permenkop 9/2020, Juknis 15/2021)',
  validFrom: '2020-10-14',
  source: {
    document: 'Permenkop UKM 9/2020 tentang Pengawasan Koperasi',
    dated: '2020-10-14',
    status: 'confirmed',
    where: 'jogloabang.com summary of the text',
  },
  scale: 'nilai-1-4',
  inputs: [
    { key: 'totalAset', kind: 'rupiah', name: 'total aset' },
    { key: 'ekuitas', kind: 'rupiah', name: 'ekuitas', mayBeNegative: true },
    { key: 'ekuitasTahunLalu', kind: 'rupiah', name: 'ekuitas tahun lalu', mayBeNegative: true },
    { key: 'shuSetelahPajak', kind: 'rupiah', name: 'SHU setelah pajak', mayBeNegative: true },
    { key: 'totalPendapatan', kind: 'rupiah', name: 'total pendapatan' },
    { key: 'pinjamanDiberikan', kind: 'rupiah', name: 'piutang/pinjaman/pembiayaan diberikan' },
    { key: 'pinjamanBermasalah', kind: 'rupiah', name: 'pinjaman bermasalah (KL + D + M)' },
    { key: 'asetProduktif', kind: 'rupiah', name: 'total aset produktif' },
    { key: 'biayaPembinaan', kind: 'rupiah', name: 'biaya pembinaan/pendidikan' },
    { key: 'checklists.kelembagaan', kind: 'checklist', name: 'checklist kelembagaan' },
    { key: 'checklists.risikoKepatuhan', kind: 'checklist', name: 'checklist risiko kepatuhan' },
    {
      key: 'checklists.risikoOperasional',
      kind: 'checklist',
      name: 'checklist risiko operasional',
    },
  ],
  aspects: [
    {
      key: 'tataKelola',
      name: 'Tata Kelola',
      weight: {
        value: '30',
        source: juknis('aspect weight as summarised in the project domain notes', 'unconfirmed'),
      },
      components: [checklist('kelembagaan', 'Kelembagaan', '30', 'Tabel 2.9 ff.')],
    },
    {
      key: 'profilRisiko',
      name: 'Profil Risiko',
      weight: {
        value: '15',
        source: juknis('aspect weight as summarised in the project domain notes', 'unconfirmed'),
      },
      components: [
        ratio({
          key: 'pinjamanTerhadapAsetProduktif',
          name: 'Piutang, pinjaman dan/atau pembiayaan terhadap total aset produktif',
          numerator: [{ input: 'pinjamanDiberikan' }],
          denominator: [{ input: 'asetProduktif' }],
          weight: componentWeight('5'),
          bands: lowerIsBetter('75', '85', '95'),
          source: juknis('Tabel 2.22', 'confirmed', 'printed as 0 < X ≤ 75; X = 0 read as 1'),
          undefinedRatio: worst('tidak ada aset produktif'),
        }),
        checklist('risikoKepatuhan', 'Risiko kepatuhan', '5', 'Tabel 2.24'),
        checklist('risikoOperasional', 'Risiko operasional', '5', 'Tabel 2.23'),
      ],
    },
    {
      key: 'kinerjaKeuangan',
      name: 'Kinerja Keuangan',
      weight: placeholder('35', 'aspect weight not public; stand-in'),
      components: [
        ratio({
          key: 'rentabilitasAset',
          name: 'Rentabilitas aset (ROA)',
          numerator: [{ input: 'shuSetelahPajak' }],
          denominator: [{ input: 'totalAset' }],
          weight: componentWeight('6'),
          bands: higherIsBetter('7', '5', '3'),
          source: juknis('Tabel 2.36'),
          undefinedRatio: worst('tanpa aset'),
        }),
        ratio({
          key: 'rentabilitasEkuitas',
          name: 'Rentabilitas modal sendiri (ROE)',
          numerator: [{ input: 'shuSetelahPajak' }],
          denominator: [{ input: 'ekuitas' }],
          weight: componentWeight('6'),
          bands: higherIsBetter('10', '7.5', '5'),
          source: juknis('Tabel 2.37', 'unconfirmed', 'the 5–7.5 % row (nilai 3) is inferred'),
          undefinedRatio: worst('ekuitas nol atau negatif'),
        }),
        ratio({
          key: 'marginLaba',
          name: 'Net profit margin',
          numerator: [{ input: 'shuSetelahPajak' }],
          denominator: [{ input: 'totalPendapatan' }],
          weight: componentWeight('6'),
          bands: higherIsBetter('15', '10', '5'),
          source: juknis('Tabel 2.39'),
          undefinedRatio: worst('tidak ada pendapatan'),
        }),
        ratio({
          key: 'pinjamanBermasalah',
          name: 'Pinjaman bermasalah terhadap total pinjaman',
          numerator: [{ input: 'pinjamanBermasalah' }],
          denominator: [{ input: 'pinjamanDiberikan' }],
          weight: componentWeight('7'),
          bands: lowerIsBetter('5', '10', '15'),
          source: juknis('Tabel 2.45', 'confirmed', 'the page prose says > 12 %; table used'),
          undefinedRatio: {
            nilai: 1,
            reason: 'tidak ada pinjaman, jadi tidak ada yang bermasalah',
          },
        }),
        ratio({
          key: 'pertumbuhanEkuitas',
          name: 'Pertumbuhan ekuitas',
          numerator: [{ input: 'ekuitas' }, { input: 'ekuitasTahunLalu', coef: '-1' }],
          denominator: [{ input: 'ekuitasTahunLalu' }],
          weight: componentWeight('5'),
          bands: higherIsBetter('10', '7', '4'),
          source: juknis('Tabel 2.57'),
          undefinedRatio: worst('ekuitas tahun lalu nol atau negatif: pertumbuhan tak terukur'),
        }),
        ratio({
          key: 'biayaPembinaan',
          name: 'Biaya pembinaan terhadap SHU',
          numerator: [{ input: 'biayaPembinaan' }],
          denominator: [{ input: 'shuSetelahPajak' }],
          weight: componentWeight('5'),
          bands: higherIsBetter('5', '3', '1'),
          source: juknis('Tabel 2.64', 'confirmed', 'printed 0 < X < 1 → 4; X = 0 read as 4'),
          undefinedRatio: worst('SHU nol atau negatif'),
        }),
      ],
    },
    {
      key: 'permodalan',
      name: 'Permodalan',
      weight: placeholder('20', 'aspect weight not public; stand-in'),
      components: [
        ratio({
          key: 'ekuitasTerhadapAset',
          name: 'Ekuitas terhadap total aset',
          numerator: [{ input: 'ekuitas' }],
          denominator: [{ input: 'totalAset' }],
          weight: componentWeight('20'),
          bands: higherIsBetter('30', '20', '10'),
          source: juknis(
            'LAPENKOP DEKOPIN deck (scribd 660595518)',
            'unconfirmed',
            'edges 10/20/30 not printed as inclusive; taken as lower edge inclusive',
          ),
          undefinedRatio: worst('tanpa aset'),
        }),
      ],
    },
  ],
  predikat: {
    source: {
      document: JUKNIS,
      dated: '2021',
      status: 'placeholder',
      note: 'final cut-offs not public; stand-in 80/66/51 borrowed from Perdep 06/2016',
    },
    cutOffs: [
      { atLeast: '80', predikat: 'Sehat' },
      { atLeast: '66', predikat: 'Cukup Sehat' },
      { atLeast: '51', predikat: 'Dalam Pengawasan' },
      { atLeast: '0', predikat: 'Dalam Pengawasan Khusus' },
    ],
  },
};
