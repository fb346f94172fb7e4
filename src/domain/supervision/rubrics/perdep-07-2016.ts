import {
  ratio,
  steps,
  type Component,
  type Rubric,
  type Source,
  type SourcedNumber,
} from '../rubric.js';

/**
 * Penilaian Kesehatan KSPPS/USPPS, Perdep 07/Per/Dep.6/IV/2016: the seven aspects of the KSP
 * rubric (Perdep 06/2016) in sharia terms (pembiayaan, NPF) plus kepatuhan prinsip syariah,
 * scored 0–100. The Perdep's own table of weights and bands was NOT retrieved, so:
 * - every weight is the one of its predecessor for KJKS, Permenkop 35.3/Per/M.KUKM/X/2007
 *   (confirmed there), loaded as the default and marked 'placeholder' for 07/2016;
 * - a band table is Perdep 06/2016's where the component is the same ratio ('unconfirmed' for
 *   07/2016) and a stand-in otherwise ('placeholder');
 * - the kepatuhan syariah checklist is the 11 items derived from the fatwa (the official list was
 *   not retrieved), each "Ya" counting equally (placeholder).
 * Every result under this rubric is therefore provisional and lists each placeholder row.
 * docs/domain/supervision-health.md restates each number with its source.
 */

const PERDEP = 'Perdep 07/Per/Dep.6/IV/2016';
const KJKS = 'Permenkop 35.3/Per/M.KUKM/X/2007 (penilaian kesehatan KJKS/UJKS)';
const PERDEP06 = 'Perdep 06/Per/Dep.6/IV/2016';
const dated = '2016-04';

/** A weight of 35.3/2007, the default for 07/2016 until its own table is found. */
const kjksWeight = (value: string): SourcedNumber => ({
  value,
  source: {
    document: KJKS,
    dated: '2007-10',
    status: 'placeholder',
    where: 'component weights as reproduced in theses (arsasi.wordpress.com 2019; 123dok)',
    note: 'Perdep 07/2016 weights not retrieved; the weight of Permenkop 35.3/2007 stands in',
  },
});

/** A band table of Perdep 06/2016 reused for the same ratio: not confirmed for 07/2016. */
const perdep06Table = (where: string): Source => ({
  document: `${PERDEP06}; tables of Permenkop 14/Per/M.KUKM/XII/2009`,
  dated,
  status: 'unconfirmed',
  where,
  note: 'same ratio as in the KSP rubric; its table reused, not confirmed for Perdep 07/2016',
});

/** A stand-in table: no table for this ratio was retrieved. */
const standIn = (note: string): Source => ({
  document: PERDEP,
  dated,
  status: 'placeholder',
  note,
});

/** A management questionnaire as in Perdep 06/2016: skor = "Ya" answers × points (max 3.00). */
function questionnaire(area: string, name: string, items: number, points: string): Component {
  return {
    key: `manajemen${area.charAt(0).toUpperCase()}${area.slice(1)}`,
    name,
    formula: `jawaban "Ya" manajemen.${area} × ${points} (dari ${items} pertanyaan)`,
    numerator: [{ input: `manajemen.${area}` }],
    denominator: [{ constant: String(items) }],
    weight: {
      value: '3',
      source: {
        document: PERDEP06,
        dated,
        status: 'placeholder',
        note: 'manajemen 15 is the 35.3/2007 weight; its split into five areas of 3 is Perdep 06/2016’s',
      },
    },
    scoring: {
      kind: 'per-item',
      pointsPerItem: {
        value: points,
        source: {
          document: PERDEP06,
          dated,
          status: 'unconfirmed',
          where: 'points per "Ya" from a public implementation of the KSP rubric',
          note: 'the KSP questionnaires reused; the KSPPS questionnaires were not retrieved',
        },
      },
    },
    undefinedRatio: { nilai: 0, reason: 'tidak terjadi: penyebutnya tetap' },
  };
}

/** Weighted problem financing as the KSP rubric weighs problem loans (50 / 75 / 100 %). */
const risikoPembiayaanBermasalah = [
  { input: 'pembiayaanKurangLancar', coef: '0.5' },
  { input: 'pembiayaanDiragukan', coef: '0.75' },
  { input: 'pembiayaanMacet' },
];

/** The derived kepatuhan syariah checklist has 11 items (sharia domain notes §f.2). */
export const KEPATUHAN_SYARIAH_ITEMS = 11;

export const perdep07_2016: Rubric = {
  id: 'perdep-07-2016',
  title: 'Penilaian Kesehatan KSPPS/USPPS (Perdep 07/Per/Dep.6/IV/2016)',
  validFrom: '2016-04-01',
  source: {
    document: PERDEP,
    dated,
    status: 'confirmed',
    where: 'eight aspects as applied in theses (123dok; moraref.kemenag.go.id)',
    note: 'day of month not known; weights and tables of the Perdep not retrieved',
  },
  scale: 'nilai-100',
  inputs: [
    { key: 'totalAset', kind: 'rupiah', name: 'total aset' },
    { key: 'totalModal', kind: 'rupiah', name: 'total modal (jumlah kewajiban + ekuitas)' },
    { key: 'modalSendiri', kind: 'rupiah', name: 'modal sendiri', mayBeNegative: true },
    { key: 'modalTertimbang', kind: 'rupiah', name: 'modal tertimbang' },
    { key: 'atmr', kind: 'rupiah', name: 'ATMR' },
    { key: 'pembiayaanDiberikan', kind: 'rupiah', name: 'pembiayaan yang diberikan' },
    { key: 'pembiayaanBerisiko', kind: 'rupiah', name: 'portofolio pembiayaan berisiko' },
    { key: 'pembiayaanKurangLancar', kind: 'rupiah', name: 'pembiayaan kurang lancar' },
    { key: 'pembiayaanDiragukan', kind: 'rupiah', name: 'pembiayaan diragukan' },
    { key: 'pembiayaanMacet', kind: 'rupiah', name: 'pembiayaan macet' },
    { key: 'ppap', kind: 'rupiah', name: 'PPAP yang dibentuk' },
    { key: 'ppapWajib', kind: 'rupiah', name: 'PPAP wajib dibentuk (PPAPWD)' },
    { key: 'biayaOperasionalPelayanan', kind: 'rupiah', name: 'biaya operasional pelayanan' },
    { key: 'partisipasiBruto', kind: 'rupiah', name: 'partisipasi bruto' },
    { key: 'aktivaTetap', kind: 'rupiah', name: 'aktiva tetap (setelah penyusutan)' },
    { key: 'biayaKaryawan', kind: 'rupiah', name: 'biaya karyawan' },
    { key: 'kasBank', kind: 'rupiah', name: 'kas + bank' },
    { key: 'kewajibanLancar', kind: 'rupiah', name: 'kewajiban lancar' },
    { key: 'danaDiterima', kind: 'rupiah', name: 'dana yang diterima' },
    { key: 'shuSebelumPajak', kind: 'rupiah', name: 'SHU sebelum pajak', mayBeNegative: true },
    { key: 'shuBagianAnggota', kind: 'rupiah', name: 'SHU bagian anggota', mayBeNegative: true },
    { key: 'partisipasiNeto', kind: 'rupiah', name: 'partisipasi neto', mayBeNegative: true },
    { key: 'bebanUsaha', kind: 'rupiah', name: 'beban usaha' },
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
    {
      key: 'syariah.kepatuhan',
      kind: 'count',
      name: 'jawaban "Ya" kepatuhan prinsip syariah',
      max: KEPATUHAN_SYARIAH_ITEMS,
    },
  ],
  aspects: [
    {
      key: 'permodalan',
      name: 'Permodalan',
      weight: kjksWeight('10'),
      components: [
        ratio({
          key: 'modalSendiriTerhadapTotalModal',
          name: 'Modal sendiri terhadap total modal',
          numerator: [{ input: 'modalSendiri' }],
          denominator: [{ input: 'totalModal' }],
          weight: kjksWeight('5'),
          bands: steps('below', ['0', '20', '40', '60', '80'], [0, 25, 50, 100, 50, 25]),
          source: standIn(
            'stand-in: the inverted-U table of Perdep 06/2016 modal sendiri / total aset; the KJKS table (35.3/2007) is reported as rising with the ratio, not retrieved',
          ),
          undefinedRatio: { nilai: 0, reason: 'tanpa modal tidak ada yang dinilai' },
        }),
        ratio({
          key: 'kecukupanModal',
          name: 'Rasio kecukupan modal (CAR)',
          numerator: [{ input: 'modalTertimbang' }],
          denominator: [{ input: 'atmr' }],
          weight: kjksWeight('5'),
          bands: steps('above', ['4', '6', '8'], [0, 50, 75, 100]),
          source: perdep06Table('rasio kecukupan modal sendiri (thesis table, confirmed for 06)'),
          undefinedRatio: { nilai: 100, reason: 'ATMR nol: tidak ada aset berisiko' },
        }),
      ],
    },
    {
      key: 'kualitasAktivaProduktif',
      name: 'Kualitas Aktiva Produktif',
      weight: kjksWeight('20'),
      components: [
        ratio({
          key: 'pembiayaanBermasalah',
          name: 'Rasio pembiayaan bermasalah (NPF) terhadap pembiayaan yang diberikan',
          numerator: risikoPembiayaanBermasalah,
          denominator: [{ input: 'pembiayaanDiberikan' }],
          weight: kjksWeight('10'),
          bands: steps('below', ['0', '10', '20', '30', '40', '45'], [100, 80, 60, 40, 20, 10, 0]),
          source: standIn(
            'stand-in: Perdep 06/2016 risiko pinjaman bermasalah (50 % KL + 75 % D + 100 % M) / pinjaman and its table; whether 07/2016 weighs the classes or takes KL + D + M whole is not known',
          ),
          undefinedRatio: {
            nilai: 100,
            reason: 'tidak ada pembiayaan, jadi tidak ada pembiayaan bermasalah',
          },
        }),
        ratio({
          key: 'pembiayaanBerisikoTerhadapPembiayaan',
          name: 'Portofolio pembiayaan berisiko terhadap pembiayaan yang diberikan',
          numerator: [{ input: 'pembiayaanBerisiko' }],
          denominator: [{ input: 'pembiayaanDiberikan' }],
          weight: kjksWeight('5'),
          bands: steps('above', ['21', '26', '31'], [100, 75, 50, 25]),
          source: perdep06Table('pinjaman berisiko / pinjaman (public code for 06)'),
          undefinedRatio: {
            nilai: 100,
            reason: 'tidak ada pembiayaan, jadi tidak ada yang berisiko',
          },
        }),
        ratio({
          key: 'ppapTerhadapPpapWajib',
          name: 'PPAP yang dibentuk terhadap PPAP wajib dibentuk',
          numerator: [{ input: 'ppap' }],
          denominator: [{ input: 'ppapWajib' }],
          weight: kjksWeight('5'),
          bands: steps(
            'below',
            ['0', '10', '20', '30', '40', '50', '60', '70', '80', '90'],
            [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
          ),
          source: standIn(
            'stand-in: the Perdep 06/2016 table of cadangan risiko / risiko pinjaman bermasalah (+10 per 10 %, > 90 → 100); no PPAP table retrieved',
          ),
          undefinedRatio: {
            nilai: 100,
            reason: 'tidak ada PPAP wajib: tidak ada yang harus ditutup (sama dengan KSP)',
          },
        }),
      ],
    },
    {
      key: 'manajemen',
      name: 'Manajemen',
      weight: kjksWeight('15'),
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
      weight: kjksWeight('10'),
      components: [
        ratio({
          key: 'biayaOperasionalTerhadapPartisipasiBruto',
          name: 'Biaya operasional pelayanan terhadap partisipasi bruto',
          numerator: [{ input: 'biayaOperasionalPelayanan' }],
          denominator: [{ input: 'partisipasiBruto' }],
          weight: kjksWeight('4'),
          bands: steps('above', ['90', '95', '100'], [100, 75, 50, 25]),
          source: perdep06Table('beban operasi anggota / partisipasi bruto (public code for 06)'),
          undefinedRatio: { nilai: 25, reason: 'tidak ada partisipasi bruto: nilai terendah' },
        }),
        ratio({
          key: 'aktivaTetapTerhadapTotalAset',
          name: 'Aktiva tetap terhadap total aset',
          numerator: [{ input: 'aktivaTetap' }],
          denominator: [{ input: 'totalAset' }],
          weight: kjksWeight('4'),
          bands: steps('below', ['25', '50', '75'], [100, 75, 50, 25]),
          source: standIn(
            'stand-in: lower is better in quarters (≤ 25 → 100 … > 75 → 25); no table for this ratio retrieved',
          ),
          undefinedRatio: { nilai: 25, reason: 'tanpa aset: nilai terendah' },
        }),
        ratio({
          key: 'efisiensiStaf',
          name: 'Efisiensi staf',
          numerator: [{ input: 'biayaKaryawan' }],
          denominator: [{ input: 'pembiayaanDiberikan' }],
          weight: kjksWeight('2'),
          bands: steps('below', ['5', '10', '15'], [100, 75, 50, 0]),
          source: standIn(
            'stand-in: the formula of efisiensi staf was not retrieved; Perdep 06/2016 efisiensi pelayanan (biaya karyawan / pinjaman) and its table used',
          ),
          undefinedRatio: {
            nilai: 0,
            reason: 'tidak ada pembiayaan yang dilayani: nilai terendah',
          },
        }),
      ],
    },
    {
      key: 'likuiditas',
      name: 'Likuiditas',
      weight: kjksWeight('15'),
      components: [
        ratio({
          key: 'rasioKas',
          name: 'Rasio kas (cash ratio)',
          numerator: [{ input: 'kasBank' }],
          denominator: [{ input: 'kewajibanLancar' }],
          weight: kjksWeight('10'),
          bands: steps('below', ['10', '15', '20'], [25, 100, 50, 25]),
          source: perdep06Table('rasio kas (thesis table, confirmed for 06)'),
          undefinedRatio: {
            nilai: 25,
            reason: 'tidak ada kewajiban lancar: rasio tak hingga, pita di atas 20 %',
          },
        }),
        ratio({
          key: 'pembiayaanTerhadapDanaDiterima',
          name: 'Pembiayaan yang diberikan terhadap dana yang diterima',
          numerator: [{ input: 'pembiayaanDiberikan' }],
          denominator: [{ input: 'danaDiterima' }],
          weight: kjksWeight('5'),
          bands: steps('above', ['60', '70', '80'], [25, 50, 75, 100]),
          source: perdep06Table(
            'pinjaman / dana yang diterima (public code only, unconfirmed for 06)',
          ),
          undefinedRatio: { nilai: 25, reason: 'tidak ada dana yang diterima: nilai terendah' },
        }),
      ],
    },
    {
      key: 'kemandirianPertumbuhan',
      name: 'Kemandirian dan Pertumbuhan',
      weight: kjksWeight('10'),
      components: [
        ratio({
          key: 'rentabilitasAset',
          name: 'Rentabilitas aset',
          numerator: [{ input: 'shuSebelumPajak' }],
          denominator: [{ input: 'totalAset' }],
          weight: kjksWeight('3'),
          bands: steps('above', ['5', '7.5', '10'], [25, 50, 75, 100]),
          source: perdep06Table('rentabilitas aset (public code for 06)'),
          undefinedRatio: { nilai: 25, reason: 'tanpa aset: nilai terendah' },
        }),
        ratio({
          key: 'rentabilitasModalSendiri',
          name: 'Rentabilitas modal sendiri',
          numerator: [{ input: 'shuBagianAnggota' }],
          denominator: [{ input: 'modalSendiri' }],
          weight: kjksWeight('3'),
          bands: steps('above', ['3', '4', '5'], [25, 50, 75, 100]),
          source: perdep06Table('rentabilitas modal sendiri (thesis table, confirmed for 06)'),
          undefinedRatio: { nilai: 25, reason: 'modal sendiri nol atau negatif: nilai terendah' },
        }),
        ratio({
          key: 'kemandirianOperasional',
          name: 'Kemandirian operasional pelayanan',
          numerator: [{ input: 'partisipasiNeto' }],
          denominator: [{ input: 'bebanUsaha' }, { input: 'bebanPerkoperasian' }],
          weight: kjksWeight('4'),
          bands: steps('below', ['100'], [0, 100]),
          source: perdep06Table('kemandirian operasional (thesis table, confirmed for 06)'),
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
      weight: kjksWeight('10'),
      components: [
        ratio({
          key: 'rasioPartisipasiBruto',
          name: 'Rasio partisipasi bruto',
          numerator: [{ input: 'partisipasiBruto' }],
          denominator: [{ input: 'partisipasiBruto' }, { input: 'pendapatanNonPartisipasi' }],
          weight: kjksWeight('5'),
          bands: steps('above', ['25', '50', '75'], [25, 50, 75, 100]),
          source: perdep06Table('rasio partisipasi bruto (thesis table, confirmed for 06)'),
          undefinedRatio: { nilai: 25, reason: 'tidak ada pendapatan sama sekali: nilai terendah' },
        }),
        ratio({
          key: 'promosiEkonomiAnggota',
          name: 'Rasio promosi ekonomi anggota (PEA)',
          numerator: [{ input: 'pea' }],
          denominator: [{ input: 'simpananPokok' }, { input: 'simpananWajib' }],
          weight: kjksWeight('5'),
          bands: steps('above', ['5', '7.5', '10'], [0, 50, 75, 100]),
          source: perdep06Table('PEA / (pokok + wajib) (public code for 06)'),
          undefinedRatio: {
            nilai: 0,
            reason: 'tidak ada simpanan pokok dan wajib: nilai terendah',
          },
        }),
      ],
    },
    {
      key: 'kepatuhanSyariah',
      name: 'Kepatuhan Prinsip Syariah',
      weight: kjksWeight('10'),
      components: [
        {
          key: 'kepatuhanSyariah',
          name: 'Kepatuhan prinsip syariah (daftar periksa)',
          formula: `jawaban "Ya" syariah.kepatuhan / ${KEPATUHAN_SYARIAH_ITEMS} × 100%`,
          numerator: [{ input: 'syariah.kepatuhan' }],
          denominator: [{ constant: String(KEPATUHAN_SYARIAH_ITEMS) }],
          weight: kjksWeight('10'),
          scoring: {
            kind: 'bands',
            table: {
              // k of 11 items "Ya" is k/11 × 100 %, rounded by rule R: 9.09, 18.18, … 90.91, 100;
              // nilai = that share rounded to a whole number, so every item counts about equally
              bands: steps(
                'above',
                [
                  '9.09',
                  '18.18',
                  '27.27',
                  '36.36',
                  '45.45',
                  '54.55',
                  '63.64',
                  '72.73',
                  '81.82',
                  '90.91',
                  '100',
                ],
                [0, 9, 18, 27, 36, 45, 55, 64, 73, 82, 91, 100],
              ),
              source: standIn(
                'the official kepatuhan syariah items and their scoring were not retrieved; 11 items derived from the DSN-MUI fatwa, each "Ya" counting equally (nilai = share of "Ya" in whole percent)',
              ),
            },
          },
          undefinedRatio: { nilai: 0, reason: 'tidak terjadi: penyebutnya tetap' },
        },
      ],
    },
  ],
  predikat: {
    source: {
      document: PERDEP,
      dated,
      status: 'unconfirmed',
      where:
        'Sehat 80–100 and Cukup Sehat 66 ≤ x < 80 as applied to KSPPS (123dok; moraref: 61.99 → Dalam Pengawasan)',
      note: 'the 51 edge of Dalam Pengawasan is Perdep 06/2016’s, not seen printed for 07/2016',
    },
    cutOffs: [
      { atLeast: '80', predikat: 'Sehat' },
      { atLeast: '66', predikat: 'Cukup Sehat' },
      { atLeast: '51', predikat: 'Dalam Pengawasan' },
      { atLeast: '0', predikat: 'Dalam Pengawasan Khusus' },
    ],
  },
};
