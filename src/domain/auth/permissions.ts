/**
 * The permission matrix: the one place that says which role may do what. docs/permissions.md is
 * generated from this file (npm run docs:permissions) and a test keeps the two identical.
 */
export const COOPERATIVE_ROLES = [
  'admin',
  'pengurus',
  'pengawas',
  'kasir',
  'petugas_kredit',
  'anggota',
  'dps',
] as const;
export const DINAS_ROLES = ['dinas_admin', 'dinas_pembina', 'dinas_pengawas'] as const;
export type CooperativeRole = (typeof COOPERATIVE_ROLES)[number];
export type DinasRole = (typeof DINAS_ROLES)[number];
export type Role = CooperativeRole | DinasRole;
export const ALL_ROLES: readonly Role[] = [...COOPERATIVE_ROLES, ...DINAS_ROLES];

export const ROLE_LABELS: Record<Role, { id: string; en: string }> = {
  admin: { id: 'Admin koperasi', en: 'Cooperative admin' },
  pengurus: { id: 'Pengurus', en: 'Manager (pengurus)' },
  pengawas: { id: 'Pengawas', en: 'Supervisory board (pengawas)' },
  kasir: { id: 'Kasir / teller', en: 'Teller' },
  petugas_kredit: { id: 'Petugas kredit', en: 'Loan officer' },
  anggota: { id: 'Anggota', en: 'Member' },
  dps: { id: 'Dewan Pengawas Syariah', en: 'Sharia supervisory board (DPS)' },
  dinas_admin: { id: 'Admin Dinas', en: 'Dinas admin' },
  dinas_pembina: { id: 'Pembina Dinas', en: 'Dinas coach (pembina)' },
  dinas_pengawas: { id: 'Pengawas Dinas', en: 'Dinas supervisor' },
};

export const PERMISSIONS = {
  'org.read': 'See the organisation profile and branches',
  'org.manage': 'Edit the organisation profile and branches',
  'users.read': 'List users and their roles',
  'users.manage': 'Create users, grant and revoke roles',
  'tokens.manage': 'Issue and revoke API tokens',
  'audit.read': 'Read the audit trail',
  'approvals.read': 'See maker-checker requests',
  'approvals.decide': 'Approve or reject maker-checker requests of others',
  'accounts.read': 'Chart of accounts, journal and statements',
  'accounts.manage': 'Add and deactivate accounts',
  'journal.manual': 'Draft manual (memorial) journal entries (needs approval)',
  'periods.close': 'Close months and years',
  'periods.reopen':
    'Ask to re-open a closed book year (its closing entries are reversed; needs approval by another user)',
  'cashdesk.operate': 'Open and close an own cash-desk session, take cash transactions',
  'cashdesk.supervise': 'See all cash desks, daily cash report',
  'members.read': 'See members and their accounts',
  'members.register': 'Register applicants and edit member data',
  'savings.transact': 'Deposits, withdrawals and transfers at the counter',
  'savings.products': 'Configure savings products (rates, fees, tenors)',
  'members.import': 'Import members and opening balances from a spreadsheet; export them',
  'loans.read': 'See loans and schedules',
  'loans.manage': 'Applications, analysis, restructuring requests',
  'loans.disburse': 'Disburse approved loans',
  'reports.read': 'Financial and portfolio reports',
  'monthend.run': 'Run month-end close',
  'shu.manage':
    'SHU: the AD/ART settings, simulations, asking to finalise after the RAT (needs approval by another user), posting the distribution and paying shares into savings',
  'shu.pay': 'SHU: pay a member’s share in cash at the counter (own cash-desk session)',
  'shop.read': 'Shop: see the catalogue, stock, sales and the shop reports',
  'shop.sell': 'Shop: sell at a till (point of sale) through an own cash-desk session',
  'shop.manage':
    'Shop: products and prices, suppliers, goods received and paid, stock opname, credit limits, consignment settlements',
  'shop.supervise': 'Shop: approve a void or a return at a till with own password',
  'mlijo.order':
    'Mlijo: a member orders for the own household in an open order round (the household must be on a vendor’s route)',
  'mlijo.vendor':
    'Mlijo: a member who is a street vendor sees the own route’s pick and delivery lists, enters orders for its households, packs with weights and records deliveries',
  'rat.read': 'RAT: the meetings, their agenda, attendance, quorum and results',
  'rat.manage':
    'RAT: plan the meeting and its agenda, send the invitations, record proxies, open and close it, open votes and record results',
  'rat.checkin': 'RAT: check members in at the door (their QR code) or at the desk',
  'rat.keyholder':
    'RAT: hold a key of the secret ballots (pengawas): take part in the key ceremony and decrypt the totals only',
  'self.read': 'A member sees own balances, loans and statements',
  'baitulmaal.read':
    'Baitul maal of a KSPPS: zakat, infaq, wakaf and kebajikan funds, their receipts, distributions and reports',
  'baitulmaal.receive': 'Baitul maal: record receipts into a fund (zakat, infaq, wakaf, non-halal)',
  'baitulmaal.write':
    'Baitul maal: distribute from a fund (per asnaf or purpose) and record the amil status',
  'dps.read':
    'Dewan Pengawas Syariah of a KSPPS: its members, certificates, composition status, reviews and yearly opinions',
  'dps.manage':
    'DPS: record members as appointed by the rapat anggota, their terms, certificates, declarations and ends; submit clauses and templates for review',
  'dps.review':
    'DPS member: decide the reviews routed to the DPS (opinion and decision) and record its yearly opinion',
  'dinas.registry': 'Dinas: registry of the cooperatives it supervises',
  'registry.read':
    'Registry of every cooperative in the office’s region (on Sokoguru or not): search, open, export, saved filters',
  'registry.write':
    'Registry: file, correct and import cooperatives, change their status, record organ terms',
  'supervision.reports.share':
    'Prepare the periodic report to the Dinas from the books and ask for its approval (sharing needs approvals.decide by another user)',
  'supervision.reports.read':
    'Dinas: reports cooperatives filed (versions, figures), completeness and timeliness per period',
  'supervision.reports.write':
    'Dinas: enter a report for a cooperative not on Sokoguru (form, Excel), send reminders',
  'dinas.supervise':
    'Dinas: health assessments, inspections, sanctions, koperasi modern checklists',
  'dinas.manage': 'Dinas: manage the office, its users and targets',
  'dinas.training':
    'Dinas: training events (sessions, participants, attendance, results) and the competency certificates of cooperatives’ managers and staff',
  'dinas.mediation': 'Dinas: the mediation cases the officer opened or is assigned to',
} as const;
export type Permission = keyof typeof PERMISSIONS;

const COOP_READ: Permission[] = [
  'org.read',
  'accounts.read',
  'members.read',
  'loans.read',
  'reports.read',
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: [
    ...COOP_READ,
    'org.manage',
    'users.read',
    'users.manage',
    'tokens.manage',
    'audit.read',
    'approvals.read',
    'accounts.manage',
    'savings.products',
    'members.import',
    'supervision.reports.share',
    'baitulmaal.read',
    'baitulmaal.receive',
    'baitulmaal.write',
    'dps.read',
    'dps.manage',
    'rat.read',
    'rat.manage',
    'rat.checkin',
    'shop.read',
    'shop.manage',
  ],
  pengurus: [
    ...COOP_READ,
    'users.read',
    'audit.read',
    'approvals.read',
    'approvals.decide',
    'journal.manual',
    'periods.close',
    'periods.reopen',
    'cashdesk.supervise',
    'members.register',
    'members.import',
    'savings.products',
    'loans.manage',
    'loans.disburse',
    'monthend.run',
    'shu.manage',
    'shu.pay',
    'shop.read',
    'shop.sell',
    'shop.manage',
    'shop.supervise',
    'mlijo.vendor',
    'supervision.reports.share',
    'baitulmaal.read',
    'baitulmaal.receive',
    'baitulmaal.write',
    'dps.read',
    'dps.manage',
    'rat.read',
    'rat.manage',
    'rat.checkin',
  ],
  pengawas: [
    ...COOP_READ,
    'users.read',
    'audit.read',
    'approvals.read',
    'cashdesk.supervise',
    'baitulmaal.read',
    'dps.read',
    'rat.read',
    'rat.keyholder',
    'shop.read',
  ],
  kasir: [
    'org.read',
    'members.read',
    'loans.read',
    'loans.disburse',
    'cashdesk.operate',
    'savings.transact',
    'members.register',
    'baitulmaal.read',
    'baitulmaal.receive',
    'shu.pay',
    'rat.read',
    'rat.checkin',
    'shop.read',
    'shop.sell',
  ],
  petugas_kredit: ['org.read', 'members.read', 'loans.read', 'loans.manage', 'approvals.read'],
  anggota: ['self.read', 'mlijo.order', 'mlijo.vendor'],
  // the DPS reads the books and reports it gives its opinion on, and decides what is routed to it
  dps: ['org.read', 'accounts.read', 'reports.read', 'dps.read', 'dps.review'],
  dinas_admin: [
    'org.read',
    'users.read',
    'users.manage',
    'tokens.manage',
    'audit.read',
    'approvals.read',
    'approvals.decide',
    'dinas.registry',
    'registry.read',
    'registry.write',
    'dinas.manage',
    'dinas.training',
    'dinas.mediation',
    'supervision.reports.read',
    'supervision.reports.write',
  ],
  dinas_pembina: [
    'org.read',
    'dinas.registry',
    'registry.read',
    'registry.write',
    'dinas.training',
    'dinas.mediation',
    'approvals.read',
    'supervision.reports.read',
    'supervision.reports.write',
  ],
  dinas_pengawas: [
    'org.read',
    'dinas.registry',
    'registry.read',
    'dinas.supervise',
    'dinas.training',
    'dinas.mediation',
    'approvals.read',
    'audit.read',
    'supervision.reports.read',
  ],
};

export function rolesAllowedFor(kind: 'cooperative' | 'dinas'): readonly Role[] {
  return kind === 'cooperative' ? COOPERATIVE_ROLES : DINAS_ROLES;
}

export function can(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}

export function isRole(value: string): value is Role {
  return (ALL_ROLES as readonly string[]).includes(value);
}

/** The matrix as Markdown, for docs/permissions.md. */
export function permissionMatrixMarkdown(): string {
  const header = `| permission | meaning | ${ALL_ROLES.join(' | ')} |`;
  const sep = `|---|---|${ALL_ROLES.map(() => ':-:').join('|')}|`;
  const rows = (Object.keys(PERMISSIONS) as Permission[]).map(
    (p) =>
      `| \`${p}\` | ${PERMISSIONS[p]} | ${ALL_ROLES.map((r) => (ROLE_PERMISSIONS[r].includes(p) ? '✓' : '')).join(' | ')} |`,
  );
  return [
    '# Permission matrix',
    '',
    'Generated from `src/domain/auth/permissions.ts` by `npm run docs:permissions`; a test keeps it in step.',
    'Every route declares the one permission it needs; `src/http/auth.ts` enforces it in one place.',
    "Maker-checker: an action that needs approval is stored pending (the requester needs the action's",
    'own permission) and runs only when a *different* user holding `approvals.decide` approves it.',
    '',
    header,
    sep,
    ...rows,
    '',
  ].join('\n');
}
