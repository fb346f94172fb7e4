import type { OrgTx } from '../../src/services/context.js';
import { postEntry } from '../../src/services/ledger.js';

/**
 * Members' money paid into the cooperative: cash (1101) debited, simpanan pokok (3101) credited, on
 * the test chart or on a real template (both use these codes).
 */
export function capitalDeposit(
  o: OrgTx,
  entry: { entryDate: string; description: string; amountRupiah: bigint },
) {
  return postEntry(o, {
    entryDate: entry.entryDate,
    description: entry.description,
    source: { type: 'test' },
    lines: [
      { account: { code: '1101' }, debitRupiah: entry.amountRupiah },
      { account: { code: '3101' }, creditRupiah: entry.amountRupiah },
    ],
  });
}
