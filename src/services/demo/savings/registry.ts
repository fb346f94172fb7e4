import { listDistricts, listVillages } from '../../../domain/identity/regions.js';

/**
 * The demo registry: realistic people in Kota Pekalongan, with NIKs that validate (built from the
 * real districts, birth dates and gender) and village codes from Kemendagri.
 */

const FIRST_L = [
  'Agus',
  'Budi',
  'Joko',
  'Eko',
  'Slamet',
  'Bambang',
  'Teguh',
  'Heru',
  'Sugeng',
  'Wahyu',
  'Rudi',
  'Imam',
  'Ahmad',
  'Muhammad',
  'Fajar',
  'Dedi',
  'Hendra',
  'Arif',
  'Yusuf',
  'Rahmat',
  'Supriyadi',
  'Suparman',
  'Sutrisno',
  'Darto',
  'Nur',
  'Hadi',
  'Bayu',
  'Dimas',
  'Rizki',
  'Andi',
];
const FIRST_P = [
  'Siti',
  'Sri',
  'Dewi',
  'Ratna',
  'Endang',
  'Yuni',
  'Tri',
  'Nur',
  'Wulan',
  'Rina',
  'Lestari',
  'Fitri',
  'Ani',
  'Rahayu',
  'Khadijah',
  'Fatimah',
  'Aisyah',
  'Indah',
  'Puji',
  'Sumiati',
  'Suryani',
  'Wahyuni',
  'Sulastri',
  'Mulyani',
  'Kartini',
  'Eni',
  'Nining',
  'Umi',
  'Laila',
  'Dian',
];
const LAST = [
  'Santoso',
  'Wibowo',
  'Hidayat',
  'Setiawan',
  'Prasetyo',
  'Saputra',
  'Kurniawan',
  'Susanto',
  'Hartono',
  'Rahmawati',
  'Handayani',
  'Wulandari',
  'Purnomo',
  'Utomo',
  'Nugroho',
  'Lestari',
  'Permata',
  'Maharani',
  'Anggraini',
  'Safitri',
  'Fauzi',
  'Hakim',
  'Syafii',
  'Maulana',
  'Ramadhan',
  'Astuti',
  'Suharto',
  'Sudarsono',
  'Riyadi',
  'Azzahra',
];
const JOBS = [
  'Pedagang batik',
  'Penjahit',
  'Buruh pabrik tekstil',
  'Nelayan',
  'Petani',
  'Guru',
  'Karyawan swasta',
  'Pedagang pasar',
  'Pengrajin batik',
  'Wiraswasta',
  'Ibu rumah tangga',
  'Sopir',
  'Perangkat desa',
  'Pensiunan',
  'Tukang bangunan',
];
const STREETS = [
  'Jl. Hayam Wuruk',
  'Jl. Gajah Mada',
  'Jl. Dr. Sutomo',
  'Jl. Diponegoro',
  'Jl. Kartini',
  'Jl. Sultan Agung',
  'Jl. Merdeka',
  'Jl. Jenderal Sudirman',
  'Jl. Imam Bonjol',
  'Gg. Melati',
  'Gg. Mawar',
  'Jl. Pantai Sari',
];

/** A member row as the registry insert takes it (see demo-savings.repo insertMembers). */
export type DemoPerson = Record<string, string | null>;

/**
 * `members` people drawn from `rand`; the first is the demo login that is a member, when there is
 * one, under its own name.
 */
export function demoPeople(
  members: number,
  rand: () => number,
  login: { id: string; full_name: string } | undefined,
): DemoPerson[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const districts = listDistricts('3375');
  const people: DemoPerson[] = [];
  const serials = new Map<string, number>();
  for (let i = 0; i < members; i++) {
    const female = rand() < 0.55;
    const district = pick(districts);
    const village = pick(listVillages(district.code));
    const y = 1950 + Math.floor(rand() * 50);
    const m = 1 + Math.floor(rand() * 12);
    const d = 1 + Math.floor(rand() * 28);
    const birthDate = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const key = `${district.code}${birthDate}${female}`;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    const nik = `${district.code}${String(d + (female ? 40 : 0)).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y).slice(2)}${String(serial).padStart(4, '0')}`;
    const joinYear = 2012 + Math.floor(rand() * 14);
    const joinedOn = `${joinYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
    const fullName =
      i === 0 && login ? login.full_name : `${pick(female ? FIRST_P : FIRST_L)} ${pick(LAST)}`;
    people.push({
      nik,
      full_name: fullName,
      birth_place:
        rand() < 0.8 ? 'Pekalongan' : pick(['Batang', 'Pemalang', 'Tegal', 'Semarang', 'Brebes']),
      birth_date: birthDate,
      gender: female ? 'P' : 'L',
      address: `${pick(STREETS)} No. ${1 + Math.floor(rand() * 150)}, ${village.name}`,
      district_code: district.code,
      village_code: village.code,
      phone: `+628${['12', '13', '21', '22', '52', '57', '77', '78', '95', '96'][Math.floor(rand() * 10)]}${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`,
      occupation: pick(JOBS),
      // the member who signs in to the portal is a long-standing one (a loan and SHU of 2025)
      joined_on:
        i === 0 && login ? '2018-03-12' : joinedOn > '2025-11-30' ? '2025-11-15' : joinedOn,
      member_number: String(i + 1).padStart(6, '0'),
      user_id: i === 0 ? (login?.id ?? null) : null,
    });
  }
  return people;
}
