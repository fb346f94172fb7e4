import { z } from 'zod';
import { PAYMENT_METHODS } from '../../../domain/shop/sale.js';
import * as sales from '../../../services/shop/sales.js';
import { rupiahOut } from '../responses.js';
import { idString, positiveRupiah } from '../schemas.js';
// The shop's route inputs and answers, shared by its route files (docs/domain/shop.md).
export const code = z.string().regex(/^[A-Z0-9-]{1,16}$/);
export const unit = z.string().regex(/^[a-z]{1,10}$/);
export const barcode = z.string().regex(/^[0-9A-Za-z-]{4,32}$/);
export const rupiahIn = z.string().regex(/^[0-9]{1,15}$/);
export const qtyIn = z.string().regex(/^[1-9][0-9]{0,9}$/);
export const hashHex = z.string().regex(/^[0-9a-f]{64}$/);
export const password = z.string().min(1).max(200);
export const outletSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  active: z.boolean(),
});
export const tillSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  outletId: z.string(),
  outletCode: z.string(),
  outletName: z.string(),
  deskId: z.string(),
  deskCode: z.string(),
  lastReceiptNo: z.number().int(),
  lastHash: z.string(),
  active: z.boolean(),
});
export const supplierSchema = z.object({
  id: z.string(),
  name: z.string(),
  memberId: z.string().nullable(),
  memberNumber: z.string().nullable(),
  memberName: z.string().nullable(),
  phone: z.string().nullable(),
  consignment: z.boolean(),
  marginBps: z.number().int().nullable(),
  active: z.boolean(),
});
export const catalogueUnit = z.object({
  unit: z.string(),
  factorBase: z.string(),
  barcode: z.string().nullable(),
  memberPriceRupiah: rupiahOut.nullable(),
  publicPriceRupiah: rupiahOut.nullable(),
});
export const catalogueItem = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  baseUnit: z.string(),
  priceUnit: z.string(),
  priceUnitBase: z.number().int(),
  weighed: z.boolean(),
  memberPriceRupiah: rupiahOut,
  publicPriceRupiah: rupiahOut,
  consignment: z.boolean(),
  stockBase: z.string(),
  reorderLevelBase: z.string(),
  photoUrl: z.string().nullable(),
  units: z.array(catalogueUnit),
});
export const productDetail = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  baseUnit: z.string(),
  priceUnit: z.string(),
  priceUnitBase: z.number().int(),
  weighed: z.boolean(),
  memberPriceRupiah: rupiahOut,
  publicPriceRupiah: rupiahOut,
  consignorId: z.string().nullable(),
  units: z.array(catalogueUnit),
  priceHistory: z.array(
    z.object({
      effectiveAt: z.string(),
      memberPriceRupiah: rupiahOut,
      publicPriceRupiah: rupiahOut,
    }),
  ),
  stock: z.array(
    z.object({
      outletId: z.string(),
      outletCode: z.string(),
      qtyBase: z.string(),
      valueRupiah: rupiahOut,
    }),
  ),
  moves: z.array(
    z.object({
      id: z.string(),
      outletId: z.string(),
      kind: z.string(),
      qtyBase: z.string(),
      costRupiah: rupiahOut,
      movedOn: z.string(),
      refId: z.string(),
    }),
  ),
});
export const saleSchema = z.object({
  id: z.string(),
  tillId: z.string(),
  receiptNo: z.number().int(),
  receiptNumber: z.string(),
  hash: z.string(),
  status: z.enum(['posted', 'voided']),
  totalRupiah: rupiahOut,
  changeRupiah: rupiahOut,
  tenderedRupiah: rupiahOut.nullable(),
  entryNumber: z.string(),
  businessDate: z.string(),
  soldAt: z.string(),
  paymentMethod: z.enum(PAYMENT_METHODS),
  paymentReference: z.string().nullable(),
  offline: z.boolean(),
  member: z
    .object({ id: z.string(), number: z.string().nullable(), name: z.string().nullable() })
    .nullable(),
  savingsBalanceAfterRupiah: rupiahOut.nullable(),
  creditAvailableAfterRupiah: rupiahOut.nullable(),
  voidReason: z.string().nullable(),
});
export const saleDetail = saleSchema.extend({
  lines: z.array(
    z.object({
      lineNo: z.number().int(),
      productId: z.string(),
      name: z.string(),
      unit: z.string(),
      qty: z.string(),
      qtyBase: z.string(),
      priceRupiah: rupiahOut,
      priceBase: z.string(),
      amountRupiah: rupiahOut,
      returnedQtyBase: z.string(),
    }),
  ),
});
export const memberLookup = z.object({
  memberId: z.string(),
  memberNumber: z.string().nullable(),
  name: z.string(),
  sukarela: z
    .object({ accountId: z.string(), accountNumber: z.string(), availableRupiah: rupiahOut })
    .nullable(),
  credit: z
    .object({
      limitRupiah: rupiahOut,
      outstandingRupiah: rupiahOut,
      availableRupiah: rupiahOut,
    })
    .nullable(),
});
export const creditLimitSchema = z.object({
  memberId: z.string(),
  limitRupiah: rupiahOut,
  outstandingRupiah: rupiahOut,
  availableRupiah: rupiahOut,
});

/** A void or a return at the till: why, and the supervisor who approves with their own password. */
export const supervisorApproval = z.object({
  reason: z.string().trim().min(3).max(300),
  supervisorUsername: z.string().trim().min(1).max(64),
  supervisorPassword: password,
});

/** A till's sale as the till rang it up and chained it (src/domain/shop/receipt-chain.ts). */
export const saleIn = z
  .object({
    clientSaleId: z.uuid(),
    tillId: idString,
    receiptNo: z.number().int().min(1).max(999_999_999),
    prevHash: z.union([z.literal(''), hashHex]),
    hash: hashHex,
    // UTC with milliseconds, as Date.toISOString writes it: the receipt's hash covers this text
    soldAt: z.iso.datetime({ precision: 3 }),
    memberId: idString.nullable(),
    lines: z
      .array(
        z
          .object({
            productId: idString,
            unit,
            qty: qtyIn,
            qtyBase: qtyIn,
            priceRupiah: positiveRupiah,
            priceBase: z.string().regex(/^[1-9][0-9]{0,8}$/),
            amountRupiah: positiveRupiah,
          })
          .strict(),
      )
      .min(1)
      .max(200),
    totalRupiah: positiveRupiah,
    paymentMethod: z.enum(PAYMENT_METHODS),
    paymentReference: z.string().trim().min(1).max(64).nullable(),
    tenderedRupiah: rupiahIn.nullable(),
    offline: z.boolean(),
  })
  .strict();

export function saleInputOf(b: z.infer<typeof saleIn>): sales.SaleInput {
  return {
    clientSaleId: b.clientSaleId,
    tillId: BigInt(b.tillId),
    receiptNo: b.receiptNo,
    prevHash: b.prevHash,
    hash: b.hash,
    soldAt: b.soldAt,
    memberId: b.memberId ? BigInt(b.memberId) : null,
    lines: b.lines.map((l) => ({
      productId: BigInt(l.productId),
      unit: l.unit,
      qty: BigInt(l.qty),
      qtyBase: BigInt(l.qtyBase),
      priceRupiah: BigInt(l.priceRupiah),
      priceBase: BigInt(l.priceBase),
      amountRupiah: BigInt(l.amountRupiah),
    })),
    totalRupiah: BigInt(b.totalRupiah),
    paymentMethod: b.paymentMethod,
    paymentReference: b.paymentReference,
    tenderedRupiah: b.tenderedRupiah === null ? null : BigInt(b.tenderedRupiah),
    offline: b.offline,
  };
}
