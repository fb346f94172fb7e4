/**
 * Kredit barang: a member may buy on credit up to the limit the pengurus set; what is owed is the
 * member's balance on the goods-credit receivable. A purchase that would take the balance past the
 * limit is refused whole (never part on credit, part not).
 */
export type CreditCheck =
  | { ok: true; availableAfterRupiah: bigint }
  | { ok: false; code: 'SHOP_CREDIT_NO_LIMIT' }
  | { ok: false; code: 'SHOP_CREDIT_LIMIT_EXCEEDED'; availableRupiah: bigint };

export function checkCredit(
  limitRupiah: bigint | null,
  outstandingRupiah: bigint,
  amountRupiah: bigint,
): CreditCheck {
  if (limitRupiah === null || limitRupiah === 0n)
    return { ok: false, code: 'SHOP_CREDIT_NO_LIMIT' };
  const available = limitRupiah - outstandingRupiah;
  if (amountRupiah > available)
    return {
      ok: false,
      code: 'SHOP_CREDIT_LIMIT_EXCEEDED',
      availableRupiah: available > 0n ? available : 0n,
    };
  return { ok: true, availableAfterRupiah: available - amountRupiah };
}
