import * as orgsRepo from '../../db/organizations.repo.js';
import * as users from '../../db/users.repo.js';
import type { Role } from '../../domain/auth/permissions.js';
import { hashPassword } from '../auth.js';
import { inSystem, systemContext, type Deps } from '../context.js';
import { createOrganization, type OrganizationView } from '../organizations.js';

export const DEMO_PASSWORD = 'Sokoguru#2026';

export interface DemoOrganizations {
  dinas: OrganizationView;
  /** The province office: supervises cooperatives whose members live in more than one regency. */
  province: OrganizationView;
  /**
   * The ministry level (region '': every region): it loads the rubric versions every office
   * scores with, such as the KKPKK appendix values (docs/domain/supervision-health.md).
   */
  ministry: OrganizationView;
  ksp: OrganizationView;
  kspps: OrganizationView;
  konsumen: OrganizationView;
}

export interface DemoLogin {
  username: string;
  fullName: string;
  organization: string;
  roles: Role[];
}

// Invented people with common Javanese / Indonesian names; addresses are plausible streets in the
// Pekalongan area, not real offices.
const KSP_BRANCHES: {
  code: string;
  name: string;
  regencyCode: string;
  address: string;
  head?: boolean;
}[] = [
  {
    code: 'KP',
    name: 'Kantor Pusat Pekalongan',
    regencyCode: '3375',
    address: 'Jl. Hayam Wuruk No. 21, Podosugih, Pekalongan Barat',
    head: true,
  },
  {
    code: 'PKU',
    name: 'Cabang Pekalongan Utara',
    regencyCode: '3375',
    address: 'Jl. WR Supratman No. 7, Panjang Wetan, Pekalongan Utara',
  },
  {
    code: 'PKT',
    name: 'Cabang Pekalongan Timur',
    regencyCode: '3375',
    address: 'Jl. Gajah Mada No. 54, Noyontaan, Pekalongan Timur',
  },
  {
    code: 'PKS',
    name: 'Cabang Pekalongan Selatan',
    regencyCode: '3375',
    address: 'Jl. Slamet No. 12, Kuripan Lor, Pekalongan Selatan',
  },
  {
    code: 'KJN',
    name: 'Cabang Kajen',
    regencyCode: '3326',
    address: 'Jl. Mandurorejo No. 3, Kajen, Kab. Pekalongan',
  },
  {
    code: 'WRD',
    name: 'Cabang Wiradesa',
    regencyCode: '3326',
    address: 'Jl. Raya Wiradesa No. 88, Wiradesa, Kab. Pekalongan',
  },
  {
    code: 'KDW',
    name: 'Cabang Kedungwuni',
    regencyCode: '3326',
    address: 'Jl. Raya Kedungwuni No. 15, Kedungwuni, Kab. Pekalongan',
  },
  {
    code: 'BMG',
    name: 'Cabang Bojong',
    regencyCode: '3326',
    address: 'Jl. Raya Bojong No. 40, Bojong, Kab. Pekalongan',
  },
  {
    code: 'BTG',
    name: 'Cabang Batang',
    regencyCode: '3325',
    address: 'Jl. Jenderal Sudirman No. 101, Batang',
  },
  {
    code: 'LMP',
    name: 'Cabang Limpung',
    regencyCode: '3325',
    address: 'Jl. Raya Limpung No. 9, Limpung, Batang',
  },
  {
    code: 'BDR',
    name: 'Cabang Bandar',
    regencyCode: '3325',
    address: 'Jl. Raya Bandar No. 22, Bandar, Batang',
  },
  {
    code: 'PML',
    name: 'Cabang Pemalang',
    regencyCode: '3327',
    address: 'Jl. Jenderal Sudirman No. 63, Pemalang',
  },
  {
    code: 'CMR',
    name: 'Cabang Comal',
    regencyCode: '3327',
    address: 'Jl. Raya Comal No. 17, Comal, Pemalang',
  },
  {
    code: 'RDD',
    name: 'Cabang Randudongkal',
    regencyCode: '3327',
    address: 'Jl. Raya Randudongkal No. 5, Randudongkal, Pemalang',
  },
];

const PEOPLE: Record<string, string> = {
  admin: 'Rina Wulandari',
  pengurus: 'H. Slamet Riyadi',
  pengawas: 'Dra. Sri Rahayu',
  kasir: 'Dewi Lestari',
  kredit: 'Agus Setiawan',
  anggota: 'Siti Aminah',
};
const PEOPLE_KSPPS: Record<string, string> = {
  admin: 'Fatimah Azzahra',
  pengurus: 'Ustadz Ahmad Fauzi',
  pengawas: 'Hj. Nur Hidayah',
  kasir: 'Muhammad Rizki',
  kredit: 'Abdul Rahman',
  anggota: 'Khadijah Umar',
};
const PEOPLE_KONSUMEN: Record<string, string> = {
  admin: 'Bambang Sutrisno',
  pengurus: 'Endang Susilowati',
  pengawas: 'Joko Prasetyo',
  kasir: 'Yuni Astuti',
  kredit: 'Hendra Gunawan',
  anggota: 'Ratna Sari',
};
const ROLE_BY_KEY: Record<string, Role> = {
  admin: 'admin',
  pengurus: 'pengurus',
  pengawas: 'pengawas',
  kasir: 'kasir',
  kredit: 'petugas_kredit',
  anggota: 'anggota',
};

/** True once the demo organisations exist (seeding is done once per database). */
export async function demoSeeded(deps: Deps): Promise<boolean> {
  return (
    (await orgsRepo.findOrganizationByName(
      deps.database.db,
      'Dinas Koperasi dan UKM Kota Pekalongan',
    )) !== undefined
  );
}

export async function seedFoundation(
  deps: Deps,
): Promise<{ orgs: DemoOrganizations; logins: DemoLogin[] }> {
  const dinas = await createOrganization(
    deps,
    {
      kind: 'dinas',
      name: 'Dinas Koperasi dan UKM Kota Pekalongan',
      dinasRegionCode: '3375',
      address: 'Jl. Sriwijaya No. 44, Kota Pekalongan',
      provinceCode: '33',
      regencyCode: '3375',
      phone: '+62285421234',
      email: 'dinkop@pekalongankota.example',
    },
    'seed-demo',
  );
  const province = await createOrganization(
    deps,
    {
      kind: 'dinas',
      name: 'Dinas Koperasi dan UKM Provinsi Jawa Tengah',
      dinasRegionCode: '33',
      address: 'Jl. Sisingamangaraja No. 3A, Semarang',
      provinceCode: '33',
      phone: '+62248310247',
      email: 'dinkopukm@jatengprov.example',
    },
    'seed-demo',
  );
  const ministry = await createOrganization(
    deps,
    {
      kind: 'dinas',
      name: 'Kementerian Koperasi RI — Deputi Bidang Pengawasan',
      dinasRegionCode: '',
      address: 'Jl. H.R. Rasuna Said Kav. 3-4, Jakarta Selatan',
      provinceCode: null,
      regencyCode: null,
      phone: '+62215204366',
      email: 'pengawasan@kemenkop.example',
    },
    'seed-demo',
  );
  const ksp = await createOrganization(
    deps,
    {
      kind: 'cooperative',
      name: 'KSP Sejahtera Bersama Pekalongan',
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      nikKoperasi: '3375010100000001',
      badanHukumNumber: 'AHU-0001234.AH.01.26.TAHUN 2019',
      badanHukumDate: '2019-03-14',
      npwp: '0123456789012345',
      nib: '9120001234567',
      membershipArea: 'province',
      supervisingDinasId: dinas.id,
      address: 'Jl. Hayam Wuruk No. 21, Podosugih, Pekalongan Barat',
      provinceCode: '33',
      regencyCode: '3375',
      districtCode: '337501',
      postalCode: '51111',
      phone: '+62285423456',
      email: 'info@ksp-sejahtera.example',
    },
    'seed-demo',
  );
  const kspps = await createOrganization(
    deps,
    {
      kind: 'cooperative',
      name: 'KSPPS BMT Al-Amanah Pekalongan',
      cooperativeType: 'KSPPS',
      cooperativeForm: 'primer',
      nikKoperasi: '3375020100000002',
      badanHukumNumber: 'AHU-0004567.AH.01.29.TAHUN 2017',
      badanHukumDate: '2017-08-02',
      npwp: '0234567890123456',
      nib: '9120002345678',
      membershipArea: 'regency',
      supervisingDinasId: dinas.id,
      address: 'Jl. KH Mas Mansyur No. 12, Kauman, Pekalongan Timur',
      provinceCode: '33',
      regencyCode: '3375',
      districtCode: '337502',
      postalCode: '51127',
      phone: '+62285424567',
      email: 'bmt@alamanah.example',
    },
    'seed-demo',
  );
  const konsumen = await createOrganization(
    deps,
    {
      kind: 'cooperative',
      name: 'Koperasi Konsumen Batik Sejahtera',
      cooperativeType: 'KONSUMEN',
      cooperativeForm: 'primer',
      nikKoperasi: '3375030100000003',
      badanHukumNumber: '518/BH/XIV.24/2004',
      badanHukumDate: '2004-11-20',
      membershipArea: 'regency',
      supervisingDinasId: dinas.id,
      address: 'Jl. Jetayu No. 3, Pekalongan Utara',
      provinceCode: '33',
      regencyCode: '3375',
      districtCode: '337503',
      postalCode: '51141',
      phone: '+62285425678',
    },
    'seed-demo',
  );

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const logins: DemoLogin[] = [];
  await inSystem(deps, systemContext(ksp.id, 'seed-demo'), async ({ tx }) => {
    for (const b of KSP_BRANCHES) {
      await orgsRepo.insertBranch(tx, {
        cooperativeId: ksp.id,
        code: b.code,
        name: b.name,
        address: b.address,
        regencyCode: b.regencyCode,
        isHeadOffice: b.head ?? false,
      });
    }
    await orgsRepo.insertBranch(tx, {
      cooperativeId: kspps.id,
      code: 'KP',
      name: 'Kantor Pusat Kauman',
      address: kspps.address,
      regencyCode: '3375',
      isHeadOffice: true,
    });
    await orgsRepo.insertBranch(tx, {
      cooperativeId: konsumen.id,
      code: 'KP',
      name: 'Toko dan Kantor Jetayu',
      address: konsumen.address,
      regencyCode: '3375',
      isHeadOffice: true,
    });

    const addUser = async (
      username: string,
      fullName: string,
      org: OrganizationView,
      roles: Role[],
    ) => {
      const id =
        (await users.insertUser(tx, { username, fullName, passwordHash })) ??
        (await users.findUserByUsername(tx, username))?.id;
      if (!id) throw new Error(`demo user ${username} could not be created`);
      await users.grantRoles(tx, org.id, id, roles);
      logins.push({ username, fullName, organization: org.name, roles });
    };
    for (const [prefix, org, people] of [
      ['ksp', ksp, PEOPLE],
      ['kspps', kspps, PEOPLE_KSPPS],
      ['konsumen', konsumen, PEOPLE_KONSUMEN],
    ] as const) {
      for (const [key, name] of Object.entries(people)) {
        await addUser(`${prefix}.${key}`, name, org, [ROLE_BY_KEY[key] ?? 'anggota']);
      }
    }
    // the KSP's other two pengawas: with ksp.pengawas the keyholders of the 2025 RAT's secret
    // ballot (src/services/demo/rat-ballots.ts)
    await addUser('ksp.pengawas.hadi', 'Ir. Hadi Purnomo', ksp, ['pengawas']);
    await addUser('ksp.pengawas.lestari', 'Lestari Handayani, S.E.', ksp, ['pengawas']);
    // the KSPPS's Dewan Pengawas Syariah: a DPS member's login (src/services/demo/dps.ts)
    await addUser('kspps.dps', "KH. Abdullah Syafi'i, Lc.", kspps, ['dps']);
    await addUser('dinas.admin', 'Ir. Wahyu Hidayat', dinas, ['dinas_admin']);
    await addUser('dinas.pembina', 'Lilik Handayani, S.E.', dinas, ['dinas_pembina']);
    await addUser('dinas.pengawas', 'Drs. Teguh Santoso', dinas, ['dinas_pengawas']);
    await addUser('dinas.provinsi', 'Dra. Sri Wahyuningsih, M.M.', province, ['dinas_admin']);
    await addUser('kemenkop.admin', 'Dr. Hendra Kusumawardana', ministry, ['dinas_admin']);
    await addUser('demo.pengurus', 'Budi Santoso', ksp, ['pengurus']);
    await addUser('demo.pengurus', 'Budi Santoso', kspps, ['pengurus']);
  });
  return { orgs: { dinas, province, ministry, ksp, kspps, konsumen }, logins };
}
