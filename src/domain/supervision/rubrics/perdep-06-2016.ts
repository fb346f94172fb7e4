import type { Rubric, Source } from '../rubric.js';

/**
 * Penilaian Kesehatan KSP/USP, Perdep 06/Per/Dep.6/IV/2016: seven aspects scored 0–100.
 * Every number below is restated with its source in docs/domain/supervision-health.md. The
 * Perdep's own appendix could not be retrieved: the band tables are those printed for Permenkop
 * 14/Per/M.KUKM/XII/2009, which the 2016–2020 assessments under the Perdep reproduce.
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
const manajemenPoints = (value: string) => ({
  value,
  source: table('public-code', 'points per "Ya" from a public implementation of the rubric'),
});

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
        {
          key: 'modalSendiriTerhadapAset',
          name: 'Modal sendiri terhadap total aset',
          formula: 'modalSendiri / totalAset × 100%',
          numerator: [{ input: 'modalSendiri' }],
          denominator: [{ input: 'totalAset' }],
          weight: weight('6'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('public-code', 'inverted U; kertas kerja NTT: 66 % → nilai 50'),
              bands: [
                { lte: '0', nilai: 0 },
                { gt: '0', lte: '20', nilai: 25 },
                { gt: '20', lte: '40', nilai: 50 },
                { gt: '40', lte: '60', nilai: 100 },
                { gt: '60', lte: '80', nilai: 50 },
                { gt: '80', nilai: 25 },
              ],
            },
          },
          undefinedRatio: { nilai: 0, reason: 'tanpa aset tidak ada yang dinilai' },
        },
        {
          key: 'modalSendiriTerhadapPinjamanBerisiko',
          name: 'Modal sendiri terhadap pinjaman diberikan yang berisiko',
          formula: 'modalSendiri / pinjamanBerisiko × 100%',
          numerator: [{ input: 'modalSendiri' }],
          denominator: [{ input: 'pinjamanBerisiko' }],
          weight: weight('6'),
          scoring: {
            kind: 'bands',
            table: {
              source: table(
                'confirmed',
                'thesis table in 10 % steps; below 10 % the table prints no nilai: 0 taken',
              ),
              bands: [
                { lt: '10', nilai: 0 },
                { gte: '10', lt: '20', nilai: 10 },
                { gte: '20', lt: '30', nilai: 20 },
                { gte: '30', lt: '40', nilai: 30 },
                { gte: '40', lt: '50', nilai: 40 },
                { gte: '50', lt: '60', nilai: 50 },
                { gte: '60', lt: '70', nilai: 60 },
                { gte: '70', lt: '80', nilai: 70 },
                { gte: '80', lt: '90', nilai: 80 },
                { gte: '90', lt: '100', nilai: 90 },
                { gte: '100', nilai: 100 },
              ],
            },
          },
          undefinedRatio: {
            nilai: 100,
            reason: 'tidak ada pinjaman berisiko: modal sendiri menutup seluruhnya',
          },
        },
        {
          key: 'kecukupanModal',
          name: 'Rasio kecukupan modal sendiri',
          formula: 'modalTertimbang / atmr × 100%',
          numerator: [{ input: 'modalTertimbang' }],
          denominator: [{ input: 'atmr' }],
          weight: weight('3'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('confirmed', 'thesis table'),
              bands: [
                { lt: '4', nilai: 0 },
                { gte: '4', lt: '6', nilai: 50 },
                { gte: '6', lt: '8', nilai: 75 },
                { gte: '8', nilai: 100 },
              ],
            },
          },
          undefinedRatio: { nilai: 100, reason: 'ATMR nol: tidak ada aset berisiko' },
        },
      ],
    },
    {
      key: 'kualitasAktivaProduktif',
      name: 'Kualitas Aktiva Produktif',
      weight: weight('25'),
      components: [
        {
          key: 'pinjamanAnggotaTerhadapPinjaman',
          name: 'Volume pinjaman pada anggota terhadap total volume pinjaman diberikan',
          formula: 'pinjamanAnggota / pinjamanDiberikan × 100%',
          numerator: [{ input: 'pinjamanAnggota' }],
          denominator: [{ input: 'pinjamanDiberikan' }],
          weight: weight('10'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('confirmed', 'thesis worked example 73.3 % → nilai 75'),
              bands: [
                { lte: '25', nilai: 0 },
                { gt: '25', lte: '50', nilai: 50 },
                { gt: '50', lte: '75', nilai: 75 },
                { gt: '75', nilai: 100 },
              ],
            },
          },
          undefinedRatio: { nilai: 0, reason: 'tidak ada pinjaman yang diberikan' },
        },
        {
          key: 'risikoPinjamanBermasalah',
          name: 'Risiko pinjaman bermasalah terhadap pinjaman yang diberikan',
          formula:
            '(50% × pinjamanKurangLancar + 75% × pinjamanDiragukan + 100% × pinjamanMacet) / pinjamanDiberikan × 100%',
          numerator: [
            { input: 'pinjamanKurangLancar', coef: '0.5' },
            { input: 'pinjamanDiragukan', coef: '0.75' },
            { input: 'pinjamanMacet' },
          ],
          denominator: [{ input: 'pinjamanDiberikan' }],
          weight: weight('5'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('confirmed', 'banded table of the lampiran (thesis reproduction)'),
              bands: [
                { lte: '0', nilai: 100 },
                { gt: '0', lte: '10', nilai: 80 },
                { gt: '10', lte: '20', nilai: 60 },
                { gt: '20', lte: '30', nilai: 40 },
                { gt: '30', lte: '40', nilai: 20 },
                { gt: '40', lte: '45', nilai: 10 },
                { gt: '45', nilai: 0 },
              ],
            },
          },
          undefinedRatio: {
            nilai: 100,
            reason: 'tidak ada pinjaman, jadi tidak ada pinjaman bermasalah',
          },
        },
        {
          key: 'cadanganRisikoTerhadapRisikoPinjaman',
          name: 'Cadangan risiko terhadap risiko pinjaman bermasalah',
          formula:
            'cadanganRisiko / (50% × pinjamanKurangLancar + 75% × pinjamanDiragukan + 100% × pinjamanMacet) × 100%',
          numerator: [{ input: 'cadanganRisiko' }],
          denominator: [
            { input: 'pinjamanKurangLancar', coef: '0.5' },
            { input: 'pinjamanDiragukan', coef: '0.75' },
            { input: 'pinjamanMacet' },
          ],
          weight: weight('5'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('confirmed', 'thesis table; Roda Sejahtera examples agree'),
              bands: [
                { lte: '0', nilai: 0 },
                { gt: '0', lte: '10', nilai: 10 },
                { gt: '10', lte: '20', nilai: 20 },
                { gt: '20', lte: '30', nilai: 30 },
                { gt: '30', lte: '40', nilai: 40 },
                { gt: '40', lte: '50', nilai: 50 },
                { gt: '50', lte: '60', nilai: 60 },
                { gt: '60', lte: '70', nilai: 70 },
                { gt: '70', lte: '80', nilai: 80 },
                { gt: '80', lte: '90', nilai: 90 },
                { gt: '90', nilai: 100 },
              ],
            },
          },
          undefinedRatio: {
            nilai: 100,
            reason: 'tidak ada pinjaman bermasalah (praktik umum: skor penuh; belum terkonfirmasi)',
          },
        },
        {
          key: 'pinjamanBerisikoTerhadapPinjaman',
          name: 'Pinjaman yang berisiko terhadap pinjaman yang diberikan',
          formula: 'pinjamanBerisiko / pinjamanDiberikan × 100%',
          numerator: [{ input: 'pinjamanBerisiko' }],
          denominator: [{ input: 'pinjamanDiberikan' }],
          weight: weight('5'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('public-code', 'edges 21/26/31 as in public code; thesis 1.13 % → 100'),
              bands: [
                { lt: '21', nilai: 100 },
                { gte: '21', lt: '26', nilai: 75 },
                { gte: '26', lt: '31', nilai: 50 },
                { gte: '31', nilai: 25 },
              ],
            },
          },
          undefinedRatio: {
            nilai: 100,
            reason: 'tidak ada pinjaman, jadi tidak ada yang berisiko',
          },
        },
      ],
    },
    {
      key: 'manajemen',
      name: 'Manajemen',
      weight: weight('15'),
      components: [
        ['umum', 'Manajemen umum', 12, '0.25'],
        ['kelembagaan', 'Kelembagaan', 6, '0.50'],
        ['permodalan', 'Manajemen permodalan', 5, '0.60'],
        ['aktiva', 'Manajemen aktiva', 10, '0.30'],
        ['likuiditas', 'Manajemen likuiditas', 5, '0.60'],
      ].map(([key, name, items, points]) => ({
        key: `manajemen${String(key).charAt(0).toUpperCase()}${String(key).slice(1)}`,
        name: String(name),
        formula: `jawaban "Ya" manajemen.${String(key)} × ${String(points)} (dari ${String(items)} pertanyaan)`,
        numerator: [{ input: `manajemen.${String(key)}` }],
        denominator: [{ constant: String(items) }],
        weight: weight('3'),
        scoring: { kind: 'per-item' as const, pointsPerItem: manajemenPoints(String(points)) },
        undefinedRatio: { nilai: 0, reason: 'tidak terjadi: penyebutnya tetap' },
      })),
    },
    {
      key: 'efisiensi',
      name: 'Efisiensi',
      weight: weight('10'),
      components: [
        {
          key: 'bebanOperasiAnggotaTerhadapPartisipasiBruto',
          name: 'Beban operasi anggota terhadap partisipasi bruto',
          formula: 'bebanOperasiAnggota / partisipasiBruto × 100%',
          numerator: [{ input: 'bebanOperasiAnggota' }],
          denominator: [{ input: 'partisipasiBruto' }],
          weight: weight('4'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('public-code', 'bands from public code only'),
              bands: [
                { lt: '90', nilai: 100 },
                { gte: '90', lt: '95', nilai: 75 },
                { gte: '95', lt: '100', nilai: 50 },
                { gte: '100', nilai: 25 },
              ],
            },
          },
          undefinedRatio: { nilai: 25, reason: 'tidak ada partisipasi bruto: nilai terendah' },
        },
        {
          key: 'bebanUsahaTerhadapShuKotor',
          name: 'Beban usaha terhadap SHU kotor',
          formula: 'bebanUsaha / shuKotor × 100%',
          numerator: [{ input: 'bebanUsaha' }],
          denominator: [{ input: 'shuKotor' }],
          weight: weight('4'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('public-code', 'bands from public code only'),
              bands: [
                { lte: '40', nilai: 100 },
                { gt: '40', lte: '60', nilai: 75 },
                { gt: '60', lte: '80', nilai: 50 },
                { gt: '80', nilai: 25 },
              ],
            },
          },
          undefinedRatio: {
            nilai: 25,
            reason: 'SHU kotor nol atau negatif: beban tidak tertutup, nilai terendah',
          },
        },
        {
          key: 'efisiensiPelayanan',
          name: 'Efisiensi pelayanan',
          formula: 'biayaKaryawan / pinjamanDiberikan × 100%',
          numerator: [{ input: 'biayaKaryawan' }],
          denominator: [{ input: 'pinjamanDiberikan' }],
          weight: weight('2'),
          scoring: {
            kind: 'bands',
            table: {
              source: table(
                'public-code',
                'bands from public code; some sources give 25 above 15 %',
              ),
              bands: [
                { lte: '5', nilai: 100 },
                { gt: '5', lte: '10', nilai: 75 },
                { gt: '10', lte: '15', nilai: 50 },
                { gt: '15', nilai: 0 },
              ],
            },
          },
          undefinedRatio: { nilai: 0, reason: 'tidak ada pinjaman yang dilayani: nilai terendah' },
        },
      ],
    },
    {
      key: 'likuiditas',
      name: 'Likuiditas',
      weight: weight('15'),
      components: [
        {
          key: 'rasioKas',
          name: 'Rasio kas',
          formula: 'kasBank / kewajibanLancar × 100%',
          numerator: [{ input: 'kasBank' }],
          denominator: [{ input: 'kewajibanLancar' }],
          weight: weight('10'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('confirmed', 'thesis table'),
              bands: [
                { lte: '10', nilai: 25 },
                { gt: '10', lte: '15', nilai: 100 },
                { gt: '15', lte: '20', nilai: 50 },
                { gt: '20', nilai: 25 },
              ],
            },
          },
          undefinedRatio: {
            nilai: 25,
            reason: 'tidak ada kewajiban lancar: rasio tak hingga, pita di atas 20 %',
          },
        },
        {
          key: 'pinjamanTerhadapDanaDiterima',
          name: 'Pinjaman yang diberikan terhadap dana yang diterima',
          formula: 'pinjamanDiberikan / danaDiterima × 100%',
          numerator: [{ input: 'pinjamanDiberikan' }],
          denominator: [{ input: 'danaDiterima' }],
          weight: weight('5'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('unconfirmed', 'public code only; other readings exist'),
              bands: [
                { lt: '60', nilai: 25 },
                { gte: '60', lt: '70', nilai: 50 },
                { gte: '70', lt: '80', nilai: 75 },
                { gte: '80', nilai: 100 },
              ],
            },
          },
          undefinedRatio: { nilai: 25, reason: 'tidak ada dana yang diterima: nilai terendah' },
        },
      ],
    },
    {
      key: 'kemandirianPertumbuhan',
      name: 'Kemandirian dan Pertumbuhan',
      weight: weight('10'),
      components: [
        {
          key: 'rentabilitasAset',
          name: 'Rentabilitas aset',
          formula: 'shuSebelumPajak / totalAset × 100%',
          numerator: [{ input: 'shuSebelumPajak' }],
          denominator: [{ input: 'totalAset' }],
          weight: weight('3'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('public-code', 'bands from public code only'),
              bands: [
                { lt: '5', nilai: 25 },
                { gte: '5', lt: '7.5', nilai: 50 },
                { gte: '7.5', lt: '10', nilai: 75 },
                { gte: '10', nilai: 100 },
              ],
            },
          },
          undefinedRatio: { nilai: 25, reason: 'tanpa aset: nilai terendah' },
        },
        {
          key: 'rentabilitasModalSendiri',
          name: 'Rentabilitas modal sendiri',
          formula: 'shuBagianAnggota / modalSendiri × 100%',
          numerator: [{ input: 'shuBagianAnggota' }],
          denominator: [{ input: 'modalSendiri' }],
          weight: weight('3'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('confirmed', 'thesis table'),
              bands: [
                { lt: '3', nilai: 25 },
                { gte: '3', lt: '4', nilai: 50 },
                { gte: '4', lt: '5', nilai: 75 },
                { gte: '5', nilai: 100 },
              ],
            },
          },
          undefinedRatio: { nilai: 25, reason: 'modal sendiri nol atau negatif: nilai terendah' },
        },
        {
          key: 'kemandirianOperasional',
          name: 'Kemandirian operasional pelayanan',
          formula: 'partisipasiNeto / (bebanUsaha + bebanPerkoperasian) × 100%',
          numerator: [{ input: 'partisipasiNeto' }],
          denominator: [{ input: 'bebanUsaha' }, { input: 'bebanPerkoperasian' }],
          weight: weight('4'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('confirmed', 'thesis table'),
              bands: [
                { lte: '100', nilai: 0 },
                { gt: '100', nilai: 100 },
              ],
            },
          },
          undefinedRatio: {
            nilai: 0,
            reason: 'tidak ada beban: rasio tak bermakna, nilai terendah',
          },
        },
      ],
    },
    {
      key: 'jatidiri',
      name: 'Jatidiri Koperasi',
      weight: weight('10'),
      components: [
        {
          key: 'rasioPartisipasiBruto',
          name: 'Rasio partisipasi bruto',
          formula: 'partisipasiBruto / (partisipasiBruto + pendapatanNonPartisipasi) × 100%',
          numerator: [{ input: 'partisipasiBruto' }],
          denominator: [{ input: 'partisipasiBruto' }, { input: 'pendapatanNonPartisipasi' }],
          weight: weight('7'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('confirmed', 'thesis table'),
              bands: [
                { lt: '25', nilai: 25 },
                { gte: '25', lt: '50', nilai: 50 },
                { gte: '50', lt: '75', nilai: 75 },
                { gte: '75', nilai: 100 },
              ],
            },
          },
          undefinedRatio: { nilai: 25, reason: 'tidak ada pendapatan sama sekali: nilai terendah' },
        },
        {
          key: 'promosiEkonomiAnggota',
          name: 'Rasio promosi ekonomi anggota (PEA)',
          formula: 'pea / (simpananPokok + simpananWajib) × 100%',
          numerator: [{ input: 'pea' }],
          denominator: [{ input: 'simpananPokok' }, { input: 'simpananWajib' }],
          weight: weight('3'),
          scoring: {
            kind: 'bands',
            table: {
              source: table('public-code', 'public code; lowest band 0 or 25 unconfirmed'),
              bands: [
                { lt: '5', nilai: 0 },
                { gte: '5', lt: '7.5', nilai: 50 },
                { gte: '7.5', lt: '10', nilai: 75 },
                { gte: '10', nilai: 100 },
              ],
            },
          },
          undefinedRatio: {
            nilai: 0,
            reason: 'tidak ada simpanan pokok dan wajib: nilai terendah',
          },
        },
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
