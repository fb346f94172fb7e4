import { ratio, steps, type Component, type Rubric, type Source } from '../rubric.js';

/**
 * Penilaian Kesehatan KSP/USP, Perdep 06/Per/Dep.6/IV/2016: seven aspects scored 0–100.
 * Every number below is restated with its source in docs/domain/supervision-health.md. The
 * Perdep's own appendix could not be retrieved: the band tables are those printed for Permenkop
 * 14/Per/M.KUKM/XII/2009, which the 2016–2020 assessments under the Perdep reproduce.
 * Band tables are `steps(edgesGoTo, edges, nilai)` (rubric.ts): steps('below', ['10', '15'],
 * [25, 100, 50]) reads x ≤ 10 → 25, 10 < x ≤ 15 → 100, x > 15 → 50.
 */

const PERDEP = 'Perdep 06/Per/Dep.6/IV/2016';
const dated = '2016-04';
const structure: Source = {
  document: PERDEP,
  dated,
  status: 'confirmed',
  where: 'aspects, components and weights as applied in theses (Brawijaya 2017, KPRI Nagara 2016)',
};
const table = (status: Source['status'], where: string, note?: string): Source => ({
  document: `${PERDEP}; tables of Permenkop 14/Per/M.KUKM/XII/2009`,
  dated,
  status,
  where,
  ...(note ? { note } : {}),
});
const weight = (value: string) => ({ value, source: structure });
/** A management questionnaire of `items` questions: skor = "Ya" answers × points (max 3.00). */
function questionnaire(area: string, name: string, items: number, points: string): Component {
  return {
    key: `manajemen${area.charAt(0).toUpperCase()}${area.slice(1)}`,
    name,
    formula: `jawaban "Ya" manajemen.${area} × ${points} (dari ${items} pertanyaan)`,
    numerator: [{ input: `manajemen.${area}` }],
    denominator: [{ constant: String(items) }],
    weight: weight('3'),
    scoring: {
      kind: 'per-item',
      pointsPerItem: {
        value: points,
        source: table('public-code', 'points per "Ya" from a public implementation of the rubric'),
      },
    },
    undefinedRatio: { nilai: 0, reason: 'tidak terjadi: penyebutnya tetap' },
  };
}

export const perdep06_2016: Rubric = {
  id: 'perdep-06-2016',
  title: 'Penilaian Kesehatan KSP/USP (Perdep 06/Per/Dep.6/IV/2016)',
  validFrom: '2016-04-01',
  source: { document: PERDEP, dated, status: 'confirmed', note: 'day of month not known' },
  scale: 'nilai-100',
  inputs: [
    { key: 'totalAset', kind: 'rupiah', name: 'total aset' },
    { key: 'modalSendiri', kind: 'rupiah', name: 'modal sendiri', mayBeNegative: true },
    { key: 'pinjamanDiberikan', kind: 'rupiah', name: 'pinjaman yang diberikan' },
    { key: 'pinjamanAnggota', kind: 'rupiah', name: 'volume pinjaman pada anggota' },
    { key: 'pinjamanBerisiko', kind: 'rupiah', name: 'pinjaman yang berisiko' },
    { key: 'modalTertimbang', kind: 'rupiah', name: 'modal tertimbang' },
    { key: 'atmr', kind: 'rupiah', name: 'ATMR' },
    { key: 'pinjamanKurangLancar', kind: 'rupiah', name: 'pinjaman kurang lancar' },
    { key: 'pinjamanDiragukan', kind: 'rupiah', name: 'pinjaman diragukan' },
    { key: 'pinjamanMacet', kind: 'rupiah', name: 'pinjaman macet' },
    { key: 'cadanganRisiko', kind: 'rupiah', name: 'cadangan risiko' },
    { key: 'partisipasiBruto', kind: 'rupiah', name: 'partisipasi bruto' },
    { key: 'bebanOperasiAnggota', kind: 'rupiah', name: 'beban operasi anggota' },
    { key: 'bebanUsaha', kind: 'rupiah', name: 'beban usaha' },
    { key: 'shuKotor', kind: 'rupiah', name: 'SHU kotor', mayBeNegative: true },
    { key: 'biayaKaryawan', kind: 'rupiah', name: 'biaya karyawan' },
    { key: 'kasBank', kind: 'rupiah', name: 'kas + bank' },
    { key: 'kewajibanLancar', kind: 'rupiah', name: 'kewajiban lancar' },
    { key: 'danaDiterima', kind: 'rupiah', name: 'dana yang diterima' },
    { key: 'shuSebelumPajak', kind: 'rupiah', name: 'SHU sebelum pajak', mayBeNegative: true },
    { key: 'shuBagianAnggota', kind: 'rupiah', name: 'SHU bagian anggota', mayBeNegative: true },
    { key: 'partisipasiNeto', kind: 'rupiah', name: 'partisipasi neto', mayBeNegative: true },
    { key: 'bebanPerkoperasian', kind: 'rupiah', name: 'beban perkoperasian' },
    { key: 'pendapatanNonPartisipasi', kind: 'rupiah', name: 'pendapatan (non-partisipasi)' },
    { key: 'pea', kind: 'rupiah', name: 'promosi ekonomi anggota (PEA)' },
    { key: 'simpananPokok', kind: 'rupiah', name: 'simpanan pokok' },
    { key: 'simpananWajib', kind: 'rupiah', name: 'simpanan wajib' },
    { key: 'manajemen.umum', kind: 'count', name: 'jawaban "Ya" manajemen umum', max: 12 },
    { key: 'manajemen.kelembagaan', kind: 'count', name: 'jawaban "Ya" kelembagaan', max: 6 },
    {
      key: 'manajemen.permodalan',
      kind: 'count',
      name: 'jawaban "Ya" manajemen permodalan',
      max: 5,
    },
    { key: 'manajemen.aktiva', kind: 'count', name: 'jawaban "Ya" manajemen aktiva', max: 10 },
    {
      key: 'manajemen.likuiditas',
      kind: 'count',
      name: 'jawaban "Ya" manajemen likuiditas',
      max: 5,
    },
  ],
  aspects: [
    {
      key: 'permodalan',
      name: 'Permodalan',
      weight: weight('15'),
      components: [
        ratio({
          key: 'modalSendiriTerhadapAset',
          name: 'Modal sendiri terhadap total aset',
          numerator: [{ input: 'modalSendiri' }],
          denominator: [{ input: 'totalAset' }],
          weight: weight('6'),
          bands: steps('below', ['0', '20', '40', '60', '80'], [0, 25, 50, 100, 50, 25]),
          source: table('public-code', 'inverted U; kertas kerja NTT: 66 % → nilai 50'),
          undefinedRatio: { nilai: 0, reason: 'tanpa aset tidak ada yang dinilai' },
        }),
        ratio({
          key: 'modalSendiriTerhadapPinjamanBerisiko',
          name: 'Modal sendiri terhadap pinjaman diberikan yang berisiko',
          numerator: [{ input: 'modalSendiri' }],
          denominator: [{ input: 'pinjamanBerisiko' }],
          weight: weight('6'),
          bands: steps(
            'above',
            ['10', '20', '30', '40', '50', '60', '70', '80', '90', '100'],
            [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
          ),
          source: table(
            'confirmed',
            'thesis table in 10 % steps; below 10 % the table prints no nilai: 0 taken',
          ),
          undefinedRatio: {
            nilai: 100,
            reason: 'tidak ada pinjaman berisiko: modal sendiri menutup seluruhnya',
          },
        }),
        ratio({
          key: 'kecukupanModal',
          name: 'Rasio kecukupan modal sendiri',
          numerator: [{ input: 'modalTertimbang' }],
          denominator: [{ input: 'atmr' }],
          weight: weight('3'),
          bands: steps('above', ['4', '6', '8'], [0, 50, 75, 100]),
          source: table('confirmed', 'thesis table'),
          undefinedRatio: { nilai: 100, reason: 'ATMR nol: tidak ada aset berisiko' },
        }),
      ],
    },
    {
      key: 'kualitasAktivaProduktif',
      name: 'Kualitas Aktiva Produktif',
      weight: weight('25'),
      components: [
        ratio({
          key: 'pinjamanAnggotaTerhadapPinjaman',
          name: 'Volume pinjaman pada anggota terhadap total volume pinjaman diberikan',
          numerator: [{ input: 'pinjamanAnggota' }],
          denominator: [{ input: 'pinjamanDiberikan' }],
          weight: weight('10'),
          bands: steps('below', ['25', '50', '75'], [0, 50, 75, 100]),
          source: table('confirmed', 'thesis worked example 73.3 % → nilai 75'),
          undefinedRatio: { nilai: 0, reason: 'tidak ada pinjaman yang diberikan' },
        }),
        ratio({
          key: 'risikoPinjamanBermasalah',
          name: 'Risiko pinjaman bermasalah terhadap pinjaman yang diberikan',
          numerator: [
            { input: 'pinjamanKurangLancar', coef: '0.5' },
            { input: 'pinjamanDiragukan', coef: '0.75' },
            { input: 'pinjamanMacet' },
          ],
          denominator: [{ input: 'pinjamanDiberikan' }],
          weight: weight('5'),
          bands: steps('below', ['0', '10', '20', '30', '40', '45'], [100, 80, 60, 40, 20, 10, 0]),
          source: table('confirmed', 'banded table of the lampiran (thesis reproduction)'),
          undefinedRatio: {
            nilai: 100,
            reason: 'tidak ada pinjaman, jadi tidak ada pinjaman bermasalah',
          },
        }),
        ratio({
          key: 'cadanganRisikoTerhadapRisikoPinjaman',
          name: 'Cadangan risiko terhadap risiko pinjaman bermasalah',
          numerator: [{ input: 'cadanganRisiko' }],
          denominator: [
            { input: 'pinjamanKurangLancar', coef: '0.5' },
            { input: 'pinjamanDiragukan', coef: '0.75' },
            { input: 'pinjamanMacet' },
          ],
          weight: weight('5'),
          bands: steps(
            'below',
            ['0', '10', '20', '30', '40', '50', '60', '70', '80', '90'],
            [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
          ),
          source: table('confirmed', 'thesis table; Roda Sejahtera examples agree'),
          undefinedRatio: {
            nilai: 100,
            reason: 'tidak ada pinjaman bermasalah (praktik umum: skor penuh; belum terkonfirmasi)',
          },
        }),
        ratio({
          key: 'pinjamanBerisikoTerhadapPinjaman',
          name: 'Pinjaman yang berisiko terhadap pinjaman yang diberikan',
          numerator: [{ input: 'pinjamanBerisiko' }],
          denominator: [{ input: 'pinjamanDiberikan' }],
          weight: weight('5'),
          bands: steps('above', ['21', '26', '31'], [100, 75, 50, 25]),
          source: table('public-code', 'edges 21/26/31 as in public code; thesis 1.13 % → 100'),
          undefinedRatio: {
            nilai: 100,
            reason: 'tidak ada pinjaman, jadi tidak ada yang berisiko',
          },
        }),
      ],
    },
    {
      key: 'manajemen',
      name: 'Manajemen',
      weight: weight('15'),
      components: [
        questionnaire('umum', 'Manajemen umum', 12, '0.25'),
        questionnaire('kelembagaan', 'Kelembagaan', 6, '0.50'),
        questionnaire('permodalan', 'Manajemen permodalan', 5, '0.60'),
        questionnaire('aktiva', 'Manajemen aktiva', 10, '0.30'),
        questionnaire('likuiditas', 'Manajemen likuiditas', 5, '0.60'),
      ],
    },
    {
      key: 'efisiensi',
      name: 'Efisiensi',
      weight: weight('10'),
      components: [
        ratio({
          key: 'bebanOperasiAnggotaTerhadapPartisipasiBruto',
          name: 'Beban operasi anggota terhadap partisipasi bruto',
          numerator: [{ input: 'bebanOperasiAnggota' }],
          denominator: [{ input: 'partisipasiBruto' }],
          weight: weight('4'),
          bands: steps('above', ['90', '95', '100'], [100, 75, 50, 25]),
          source: table('public-code', 'bands from public code only'),
          undefinedRatio: { nilai: 25, reason: 'tidak ada partisipasi bruto: nilai terendah' },
        }),
        ratio({
          key: 'bebanUsahaTerhadapShuKotor',
          name: 'Beban usaha terhadap SHU kotor',
          numerator: [{ input: 'bebanUsaha' }],
          denominator: [{ input: 'shuKotor' }],
          weight: weight('4'),
          bands: steps('below', ['40', '60', '80'], [100, 75, 50, 25]),
          source: table('public-code', 'bands from public code only'),
          undefinedRatio: {
            nilai: 25,
            reason: 'SHU kotor nol atau negatif: beban tidak tertutup, nilai terendah',
          },
        }),
        ratio({
          key: 'efisiensiPelayanan',
          name: 'Efisiensi pelayanan',
          numerator: [{ input: 'biayaKaryawan' }],
          denominator: [{ input: 'pinjamanDiberikan' }],
          weight: weight('2'),
          bands: steps('below', ['5', '10', '15'], [100, 75, 50, 0]),
          source: table('public-code', 'bands from public code; some sources give 25 above 15 %'),
          undefinedRatio: { nilai: 0, reason: 'tidak ada pinjaman yang dilayani: nilai terendah' },
        }),
      ],
    },
    {
      key: 'likuiditas',
      name: 'Likuiditas',
      weight: weight('15'),
      components: [
        ratio({
          key: 'rasioKas',
          name: 'Rasio kas',
          numerator: [{ input: 'kasBank' }],
          denominator: [{ input: 'kewajibanLancar' }],
          weight: weight('10'),
          bands: steps('below', ['10', '15', '20'], [25, 100, 50, 25]),
          source: table('confirmed', 'thesis table'),
          undefinedRatio: {
            nilai: 25,
            reason: 'tidak ada kewajiban lancar: rasio tak hingga, pita di atas 20 %',
          },
        }),
        ratio({
          key: 'pinjamanTerhadapDanaDiterima',
          name: 'Pinjaman yang diberikan terhadap dana yang diterima',
          numerator: [{ input: 'pinjamanDiberikan' }],
          denominator: [{ input: 'danaDiterima' }],
          weight: weight('5'),
          bands: steps('above', ['60', '70', '80'], [25, 50, 75, 100]),
          source: table('unconfirmed', 'public code only; other readings exist'),
          undefinedRatio: { nilai: 25, reason: 'tidak ada dana yang diterima: nilai terendah' },
        }),
      ],
    },
    {
      key: 'kemandirianPertumbuhan',
      name: 'Kemandirian dan Pertumbuhan',
      weight: weight('10'),
      components: [
        ratio({
          key: 'rentabilitasAset',
          name: 'Rentabilitas aset',
          numerator: [{ input: 'shuSebelumPajak' }],
          denominator: [{ input: 'totalAset' }],
          weight: weight('3'),
          bands: steps('above', ['5', '7.5', '10'], [25, 50, 75, 100]),
          source: table('public-code', 'bands from public code only'),
          undefinedRatio: { nilai: 25, reason: 'tanpa aset: nilai terendah' },
        }),
        ratio({
          key: 'rentabilitasModalSendiri',
          name: 'Rentabilitas modal sendiri',
          numerator: [{ input: 'shuBagianAnggota' }],
          denominator: [{ input: 'modalSendiri' }],
          weight: weight('3'),
          bands: steps('above', ['3', '4', '5'], [25, 50, 75, 100]),
          source: table('confirmed', 'thesis table'),
          undefinedRatio: { nilai: 25, reason: 'modal sendiri nol atau negatif: nilai terendah' },
        }),
        ratio({
          key: 'kemandirianOperasional',
          name: 'Kemandirian operasional pelayanan',
          numerator: [{ input: 'partisipasiNeto' }],
          denominator: [{ input: 'bebanUsaha' }, { input: 'bebanPerkoperasian' }],
          weight: weight('4'),
          bands: steps('below', ['100'], [0, 100]),
          source: table('confirmed', 'thesis table'),
          undefinedRatio: {
            nilai: 0,
            reason: 'tidak ada beban: rasio tak bermakna, nilai terendah',
          },
        }),
      ],
    },
    {
      key: 'jatidiri',
      name: 'Jatidiri Koperasi',
      weight: weight('10'),
      components: [
        ratio({
          key: 'rasioPartisipasiBruto',
          name: 'Rasio partisipasi bruto',
          numerator: [{ input: 'partisipasiBruto' }],
          denominator: [{ input: 'partisipasiBruto' }, { input: 'pendapatanNonPartisipasi' }],
          weight: weight('7'),
          bands: steps('above', ['25', '50', '75'], [25, 50, 75, 100]),
          source: table('confirmed', 'thesis table'),
          undefinedRatio: { nilai: 25, reason: 'tidak ada pendapatan sama sekali: nilai terendah' },
        }),
        ratio({
          key: 'promosiEkonomiAnggota',
          name: 'Rasio promosi ekonomi anggota (PEA)',
          numerator: [{ input: 'pea' }],
          denominator: [{ input: 'simpananPokok' }, { input: 'simpananWajib' }],
          weight: weight('3'),
          bands: steps('above', ['5', '7.5', '10'], [0, 50, 75, 100]),
          source: table('public-code', 'public code; lowest band 0 or 25 unconfirmed'),
          undefinedRatio: {
            nilai: 0,
            reason: 'tidak ada simpanan pokok dan wajib: nilai terendah',
          },
        }),
      ],
    },
  ],
  predikat: {
    source: {
      document: PERDEP,
      dated,
      status: 'confirmed',
      where: 'Undiksha JJA (KSP Bondalem), Brawijaya thesis, public code: lower edge inclusive',
    },
    cutOffs: [
      { atLeast: '80', predikat: 'Sehat' },
      { atLeast: '66', predikat: 'Cukup Sehat' },
      { atLeast: '51', predikat: 'Dalam Pengawasan' },
      { atLeast: '0', predikat: 'Dalam Pengawasan Khusus' },
    ],
  },
};
