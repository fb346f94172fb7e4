import { describe, expect, it } from 'vitest';
import { inOrg } from '../../../src/services/context.js';
import { postEntry } from '../../../src/services/ledger.js';
import { createOrganization } from '../../../src/services/organizations.js';
import { createOutlet } from '../../../src/services/shop/catalogue.js';
import { testDepsForFile } from '../../support/db.js';
import { makeUser } from '../../support/fixtures.js';
import { staffContext } from '../../support/outcome.js';

/**
 * A cooperative whose chart was not made for a shop (a KSP's, where 1140 is "Persediaan") opens
 * its first outlet (src/services/role-accounts.ts ensureRoleAccount): the chart's own 1140 becomes
 * the stock account when nothing was ever posted to it; otherwise the stock account opens beside it
 * at 1141 and the old balance stays where it was.
 */
const file = testDepsForFile({ clock: () => new Date('2026-11-02T03:00:00Z') });
const db = () => file.deps.database.db;

let serial = 0;
async function ksp() {
  const coop = await createOrganization(
    file.deps,
    {
      kind: 'cooperative',
      name: `KSP Toko Uji ${Date.now().toString(36)}${serial++}`,
      cooperativeType: 'KSP',
      cooperativeForm: 'primer',
      regencyCode: '3375',
      provinceCode: '33',
    },
    'test',
  );
  const user = await makeUser(file.deps, coop, ['pengurus']);
  return { coop, pengurus: staffContext(coop.id, user, ['pengurus']) };
}

const accountsOf = async (coop: string, codes: string[]) =>
  db()
    .selectFrom('accounts')
    .select(['code', 'name', 'role'])
    .where('cooperative_id', '=', coop)
    .where('code', 'in', codes)
    .orderBy('code')
    .execute();

describe('a shop in a chart that was not made for one', () => {
  it("gives the role to the chart's own 1140 Persediaan when it was never posted to", async () => {
    const { coop, pengurus } = await ksp();
    expect(await accountsOf(coop.id, ['1140'])).toEqual([
      { code: '1140', name: 'Persediaan', role: null },
    ]);
    await createOutlet(file.deps, pengurus, { code: 'TK1', name: 'Toko Simpan Pinjam' });
    expect(await accountsOf(coop.id, ['1140', '1141'])).toEqual([
      { code: '1140', name: 'Persediaan', role: 'inventory' },
    ]);
  });

  it('opens the stock account at 1141 when 1140 already carries other stock (office supplies)', async () => {
    const { coop, pengurus } = await ksp();
    await inOrg(file.deps, pengurus, (o) =>
      postEntry(o, {
        entryDate: '2026-11-02',
        description: 'Pembelian alat tulis kantor',
        source: { type: 'test' },
        lines: [
          { account: { code: '1140' }, debitRupiah: 750_000n },
          { account: { role: 'cash' }, creditRupiah: 750_000n },
        ],
      }),
    );
    await createOutlet(file.deps, pengurus, { code: 'TK1', name: 'Toko Simpan Pinjam' });
    expect(await accountsOf(coop.id, ['1140', '1141'])).toEqual([
      { code: '1140', name: 'Persediaan', role: null },
      { code: '1141', name: 'Persediaan barang dagangan', role: 'inventory' },
    ]);
    // a second outlet finds the role where it is
    await createOutlet(file.deps, pengurus, { code: 'TK2', name: 'Toko Cabang' });
    expect(await accountsOf(coop.id, ['1142'])).toEqual([]);
  });
});
