/**
 * The shop's one rounding rule: whole rupiah, half away from zero, applied once per line (a line's
 * amount, a line's cost, a consignment share). Totals are sums of rounded lines, so a receipt
 * always adds up. The rule itself is the one of src/domain/money.ts.
 */
export { roundRupiah } from '../money.js';
