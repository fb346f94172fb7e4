import { Readable } from 'node:stream';
import { exceljs } from '../../reports/libraries.js';
import { listDistricts, listVillages } from '../../domain/identity/regions.js';
import type { CooperativeType } from '../../domain/supervision/registry.js';
import type { OrganizationView } from '../organizations.js';
import { systemContext, type Deps } from '../context.js';
import { createRegistryEntry } from '../registry/entries.js';
import { importRegistry, REGISTRY_COLUMNS } from '../registry/workbook.js';
import { sheetColumns } from '../members/import-workbook.js';
import { pad, rng } from './common.js';

/**
 * The registry of Dinas Koperasi dan UKM Kota Pekalongan as its staff would have kept it before
 * Sokoguru: a spreadsheet of about three hundred cooperatives (the city counts 316), most of them
 * not on Sokoguru, imported through the same all-or-nothing import an office uses. The three demo
 * cooperatives on Sokoguru are filed as linked rows, never as a second row: the KSPPS and the
 * consumer cooperative by the city (their members live in the city), the KSP by the province office
 * (its members live in the city and Kabupaten Pekalongan, so the province supervises it:
 * Permenkop 9/2020, docs/domain/supervision-registry.md).
 */

export const DEMO_REGISTRY_SIZE = 300;

/** Roughly where each of the city's four districts lies (for the map); points are scattered around. */
const DISTRICT_CENTRES: Record<string, [lat: number, lon: number]> = {
  '337501': [-6.8905, 109.6555],
  '337502': [-6.8895, 109.6945],
  '337503': [-6.8655, 109.6845],
  '337504': [-6.9215, 109.6805],
};

/** The city's mix: many employee and school cooperatives, savings and loans, batik producers. */
const TYPE_MIX: [CooperativeType, number][] = [
  ['KONSUMEN', 40],
  ['KSP', 24],
  ['KSPPS', 12],
  ['PRODUSEN', 13],
  ['PEMASARAN', 5],
  ['JASA', 6],
];

const SECTOR: Record<CooperativeType, string[]> = {
  KSP: ['Jasa keuangan'],
  KSPPS: ['Jasa keuangan syariah'],
  KONSUMEN: ['Perdagangan', 'Toko dan simpan pinjam pegawai'],
  PRODUSEN: ['Industri batik', 'Industri tenun ATBM', 'Perikanan', 'Olahan pangan'],
  PEMASARAN: ['Perdagangan hasil perikanan', 'Perdagangan batik'],
  JASA: ['Angkutan', 'Jasa kebersihan dan parkir', 'Pariwisata'],
};

const WORDS = {
  ksp: ['Artha', 'Mitra', 'Bina', 'Sumber', 'Karya', 'Dana', 'Usaha', 'Sinar', 'Tunas', 'Cahaya'],
  kspTail: ['Mandiri', 'Sejahtera', 'Sentosa', 'Makmur', 'Abadi', 'Utama', 'Jaya', 'Lestari'],
  bmt: [
    'Bina Ummat',
    'Al-Hikmah',
    'Mitra Muamalah',
    'Fajar Mulia',
    'Nurul Iman',
    'Baitul Rahmah',
    'Al-Ikhlas',
    'Mubarokah',
    'Hidayatullah',
    'Barokah Umat',
    'Insan Mandiri',
    'Taawun',
  ],
  employer: [
    'Guru SD',
    'Guru SMP',
    'Pegawai Setda',
    'Pegawai Dinas Pendidikan',
    'Karyawan RSUD Bendan',
    'Pegawai Puskesmas',
    'Karyawan PDAM Tirtayasa',
    'Pegawai Kantor Pos',
    'Pegawai Kemenag',
    'Karyawan Pabrik Tekstil',
    'Pegawai Pengadilan Negeri',
    'Karyawan Hotel',
  ],
  school: ['SMA Negeri', 'SMK Negeri', 'SMP Negeri', 'MTs Negeri', 'SMK Muhammadiyah'],
  produsen: [
    'Perajin Batik',
    'Produsen Batik Tulis',
    'Perajin Tenun ATBM',
    'Nelayan',
    'Produsen Abon Ikan',
  ],
  pemasaran: ['Pemasaran Ikan', 'Pedagang Pasar', 'Pemasaran Batik', 'Pedagang Kaki Lima'],
  jasa: ['Jasa Angkutan', 'Jasa Becak Wisata', 'Jasa Parkir', 'Jasa Wisata Batik'],
};

const STREETS = [
  'Jl. Hayam Wuruk',
  'Jl. Gajah Mada',
  'Jl. Dr. Sutomo',
  'Jl. Sultan Agung',
  'Jl. Diponegoro',
  'Jl. KH Mansyur',
  'Jl. Merdeka',
  'Jl. Slamet',
  'Jl. Imam Bonjol',
  'Jl. Jlamprang',
  'Jl. Pelita',
  'Jl. Kurinci',
  'Jl. Sriwijaya',
  'Jl. Patiunus',
  'Jl. WR Supratman',
];

/** One spreadsheet row per cooperative, in the registry template's columns. */
export function demoRegistryRows(count = DEMO_REGISTRY_SIZE): Record<string, string | number>[] {
  const r = rng(3375);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const districts = listDistricts('3375');
  const villages = new Map(districts.map((d) => [d.code, listVillages(d.code)]));
  const weightTotal = TYPE_MIX.reduce((s, [, w]) => s + w, 0);
  const typeOf = () => {
    let x = r() * weightTotal;
    for (const [t, w] of TYPE_MIX) if ((x -= w) < 0) return t;
    return TYPE_MIX[0]![0];
  };
  const names = new Set<string>();
  const rows: Record<string, string | number>[] = [];
  for (let i = 1; rows.length < count; i++) {
    const type = typeOf();
    const district = pick(districts);
    const village = pick(villages.get(district.code)!);
    const base = (() => {
      switch (type) {
        case 'KSP':
          return `KSP ${pick(WORDS.ksp)} ${pick(WORDS.kspTail)}`;
        case 'KSPPS':
          return `KSPPS BMT ${pick(WORDS.bmt)}`;
        case 'KONSUMEN':
          return r() < 0.7
            ? `KPRI ${pick(WORDS.employer)} ${district.name}`
            : `Koperasi Sekolah ${pick(WORDS.school)} ${between(1, 4)} Pekalongan`;
        case 'PRODUSEN':
          return `Koperasi ${pick(WORDS.produsen)} ${village.name}`;
        case 'PEMASARAN':
          return `Koperasi ${pick(WORDS.pemasaran)} ${village.name}`;
        case 'JASA':
          return `Koperasi ${pick(WORDS.jasa)} ${pick(['Pantura', 'Kota Batik', village.name])}`;
      }
    })();
    const name = names.has(base) ? `${base} ${village.name}` : base;
    if (names.has(name)) continue;
    names.add(name);

    const year = between(1982, 2025);
    const founded = `${year}-${pad(between(1, 12))}-${pad(between(1, 28))}`;
    // before the online legal-entity service (2014) numbers were the Dinas's own
    const bh =
      year < 2014
        ? `${between(100, 999)}/BH/XIV.${between(10, 30)}/${year}`
        : `AHU-${String(between(1, 99_999)).padStart(7, '0')}.AH.01.26.TAHUN ${year}`;
    const [clat, clon] = DISTRICT_CENTRES[district.code]!;
    const members =
      type === 'KSP'
        ? between(60, 2_400)
        : type === 'KSPPS'
          ? between(80, 1_800)
          : type === 'KONSUMEN'
            ? between(25, 650)
            : between(20, 180);
    const size = members > 1_500 ? 'KUK3' : members > 400 ? 'KUK2' : 'KUK1';
    // only cooperatives some years old have stopped; the rest are active since their founding
    const s = year <= 2023 ? r() : 0;
    const [status, since] =
      s < 0.82
        ? ['aktif', founded]
        : s < 0.94
          ? ['tidak aktif', `${between(Math.max(year + 1, 2018), 2025)}-${pad(between(1, 12))}-01`]
          : s < 0.97
            ? ['bubar', `${between(Math.max(year + 1, 2016), 2025)}-${pad(between(1, 12))}-15`]
            : ['dalam likuidasi', `2025-${pad(between(1, 10))}-01`];
    rows.push({
      name,
      // a fifth never obtained a NIK koperasi (no RAT held since the numbering began)
      nikKoperasi: r() < 0.8 ? `33750${district.code.slice(5)}2${String(i).padStart(9, '0')}` : '',
      nikCertificateValidUntil: '',
      badanHukumNumber: bh,
      badanHukumDate: founded,
      nib: year >= 2018 || r() < 0.4 ? `91${String(20_000_000_000 + i * 7_919).slice(0, 11)}` : '',
      npwp: r() < 0.7 ? `0${String(300_000_000_000_000n + BigInt(i) * 104_729n).slice(0, 14)}` : '',
      cooperativeType: type,
      cooperativeForm: 'primer',
      sector: pick(SECTOR[type]),
      membershipArea: 'kabupaten/kota',
      address: `${pick(STREETS)} No. ${between(1, 180)}, ${village.name}, ${district.name}`,
      provinceCode: '33',
      regencyCode: '3375',
      districtCode: district.code,
      villageCode: village.code,
      latitude: (clat + (r() - 0.5) * 0.018).toFixed(6),
      longitude: (clon + (r() - 0.5) * 0.018).toFixed(6),
      memberCount: members,
      businessSize: size,
      status,
      statusSince: status === 'aktif' ? founded : since < founded ? founded : since,
    });
  }
  return rows;
}

/** The rows as the Dinas's spreadsheet, in the import template's columns. */
export async function demoRegistryWorkbook(count = DEMO_REGISTRY_SIZE): Promise<Buffer> {
  const wb = new (await exceljs()).Workbook();
  const ws = wb.addWorksheet('Koperasi');
  ws.columns = sheetColumns(REGISTRY_COLUMNS);
  for (const row of demoRegistryRows(count)) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The registry key fields of a demo organisation, from its own record. */
function linkedEntry(o: OrganizationView, members: number) {
  return {
    name: o.name,
    nikKoperasi: o.nikKoperasi ?? '',
    badanHukumNumber: o.badanHukumNumber ?? '',
    badanHukumDate: o.badanHukumDate ?? '',
    nib: o.nib ?? '',
    npwp: o.npwp ?? '',
    cooperativeType: o.cooperativeType ?? 'KSP',
    cooperativeForm: o.cooperativeForm ?? 'primer',
    sector: o.cooperativeType === 'KONSUMEN' ? 'Perdagangan' : 'Jasa keuangan',
    membershipArea: o.membershipArea ?? 'regency',
    address: o.address ?? '',
    provinceCode: o.provinceCode ?? '33',
    regencyCode: o.regencyCode ?? '3375',
    districtCode: o.districtCode ?? '',
    villageCode: '',
    latitude: '',
    longitude: '',
    memberCount: members,
    businessSize: members > 1_500 ? 'KUK3' : 'KUK2',
    linkedOrganizationId: o.id,
    statusSince: o.badanHukumDate ?? undefined,
  };
}

export interface DemoRegistry {
  imported: number;
}

/**
 * Imports the city's spreadsheet and files the three demo cooperatives as linked rows (the KSP
 * under the province office). Member counts of the linked rows are the demo books' own.
 */
export async function seedDemoRegistry(
  deps: Deps,
  offices: { city: OrganizationView; province: OrganizationView },
  linked: { ksp: OrganizationView; kspps: OrganizationView; konsumen: OrganizationView },
): Promise<DemoRegistry> {
  const cityCtx = systemContext(offices.city.id, 'seed-demo');
  const { imported } = await importRegistry(deps, cityCtx, {
    source: Readable.from(await demoRegistryWorkbook()),
  });
  const at = (lat: string, lon: string) => ({ latitude: lat, longitude: lon });
  await createRegistryEntry(deps, cityCtx, {
    ...linkedEntry(linked.kspps, 800),
    ...at('-6.887420', '109.676900'),
  });
  await createRegistryEntry(deps, cityCtx, {
    ...linkedEntry(linked.konsumen, 300),
    ...at('-6.873100', '109.674300'),
  });
  await createRegistryEntry(deps, systemContext(offices.province.id, 'seed-demo'), {
    ...linkedEntry(linked.ksp, 2_000),
    ...at('-6.888900', '109.664100'),
  });
  return { imported };
}
