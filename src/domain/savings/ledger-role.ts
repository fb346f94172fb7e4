/**
 * Which ledger account (by its chart role, src/domain/accounting/chart-templates.ts) holds a
 * savings account's balance: the one rule every posting site and the sub-ledger check use
 * (docs/domain/sharia-savings-akad.md, "Where each akad posts").
 *
 * - pokok and wajib are equity (simpananPokok, simpananWajib), whatever the akad;
 * - sukarela is a liability: a conventional (no akad) or wadiah account on savingsSukarela (2101
 *   "Simpanan sukarela" / "Simpanan wadiah"); a mudharabah account on savingsMudharabah (2102
 *   "Simpanan mudharabah" in a KSPPS): PSAK 101 presents mudharabah funds as dana syirkah
 *   temporer, apart from the wadiah liability;
 * - berjangka on savingsBerjangka (2102 in a KSP, 2103 "Simpanan mudharabah berjangka" in a KSPPS).
 *
 * Only a KSPPS's products carry an akad (checkProductAkad), and only its chart has
 * savingsMudharabah, so a conventional cooperative's postings are what they always were.
 */
import type { SavingsAkad } from './akad.js';
import type { SavingsKind } from './product.js';

export type SavingsLedgerRole =
  'simpananPokok' | 'simpananWajib' | 'savingsSukarela' | 'savingsMudharabah' | 'savingsBerjangka';

export function savingsLedgerRole(kind: SavingsKind, akad: SavingsAkad | null): SavingsLedgerRole {
  switch (kind) {
    case 'pokok':
      return 'simpananPokok';
    case 'wajib':
      return 'simpananWajib';
    case 'sukarela':
      return akad === 'mudharabah' ? 'savingsMudharabah' : 'savingsSukarela';
    case 'berjangka':
      return 'savingsBerjangka';
  }
}

/** Every (kind, akad) pair with its role: the table the sub-ledger check joins in SQL. */
export const SAVINGS_LEDGER_ROLES: readonly {
  kind: SavingsKind;
  akad: SavingsAkad | null;
  role: SavingsLedgerRole;
}[] = (['pokok', 'wajib', 'sukarela', 'berjangka'] as const).flatMap((kind) =>
  ([null, 'wadiah', 'mudharabah', 'mudharabah_berjangka'] as const).map((akad) => ({
    kind,
    akad,
    role: savingsLedgerRole(kind, akad),
  })),
);

/**
 * Amounts per (kind, akad) summed per role, in a fixed order, zeros left out: the lines of a
 * set-based entry whose amounts the SQL grouped by the akad of the accounts they move.
 */
export function amountsByLedgerRole(
  parts: readonly { kind: SavingsKind; akad: SavingsAkad | null; rupiah: bigint }[],
): { role: SavingsLedgerRole; rupiah: bigint }[] {
  const by = new Map<SavingsLedgerRole, bigint>();
  for (const p of parts) {
    const role = savingsLedgerRole(p.kind, p.akad);
    by.set(role, (by.get(role) ?? 0n) + p.rupiah);
  }
  const order: SavingsLedgerRole[] = [
    'simpananPokok',
    'simpananWajib',
    'savingsSukarela',
    'savingsMudharabah',
    'savingsBerjangka',
  ];
  return order
    .filter((r) => (by.get(r) ?? 0n) !== 0n)
    .map((role) => ({ role, rupiah: by.get(role)! }));
}
