/**
 * Receipts hash-chained per till: each sale's hash covers the previous sale's hash and the sale's
 * own content in one canonical form, so removing, inserting or altering a recorded sale breaks
 * every link after it. The till computes the hash when it prints the receipt (online or offline),
 * the server recomputes it before it records the sale, and anyone can re-walk the chain
 * (`verifyChain`). Pure: the same code runs in the cashier's browser and on the server.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

export interface ChainedLine {
  productId: string;
  unit: string;
  qty: string;
  qtyBase: string;
  priceRupiah: string;
  priceBase: string;
  amountRupiah: string;
}

export interface ChainedSale {
  tillId: string;
  receiptNo: number;
  clientSaleId: string;
  soldAt: string;
  memberId: string | null;
  lines: readonly ChainedLine[];
  totalRupiah: string;
  paymentMethod: string;
  paymentReference: string | null;
  tenderedRupiah: string | null;
}

/** Version 1 of the canonical form: a JSON array in a fixed order, every number as a string. */
export function canonicalSale(s: ChainedSale): string {
  return JSON.stringify([
    'sokoguru-receipt-v1',
    s.tillId,
    String(s.receiptNo),
    s.clientSaleId,
    s.soldAt,
    s.memberId,
    s.lines.map((l) => [
      l.productId,
      l.unit,
      l.qty,
      l.qtyBase,
      l.priceRupiah,
      l.priceBase,
      l.amountRupiah,
    ]),
    s.totalRupiah,
    s.paymentMethod,
    s.paymentReference,
    s.tenderedRupiah,
  ]);
}

/** sha-256 (hex) of the previous hash ('' before the first sale), a newline, and the sale. */
export function receiptHash(prevHash: string, s: ChainedSale): string {
  return bytesToHex(sha256(utf8ToBytes(`${prevHash}\n${canonicalSale(s)}`)));
}

export interface ChainLink {
  receiptNo: number;
  prevHash: string;
  hash: string;
  sale: ChainedSale;
}

export type ChainBreak =
  | { receiptNo: number; problem: 'gap'; expected: number }
  | { receiptNo: number; problem: 'link' }
  | { receiptNo: number; problem: 'content' };

/** Walks a till's sales in receipt order from receipt 1 and names every place the chain breaks. */
export function verifyChain(links: readonly ChainLink[]): ChainBreak[] {
  const breaks: ChainBreak[] = [];
  let expectedNo = 1;
  let prev = '';
  for (const l of links) {
    if (l.receiptNo !== expectedNo)
      breaks.push({ receiptNo: l.receiptNo, problem: 'gap', expected: expectedNo });
    else if (l.prevHash !== prev) breaks.push({ receiptNo: l.receiptNo, problem: 'link' });
    if (receiptHash(l.prevHash, l.sale) !== l.hash)
      breaks.push({ receiptNo: l.receiptNo, problem: 'content' });
    expectedNo = l.receiptNo + 1;
    prev = l.hash;
  }
  return breaks;
}

/** The printed receipt number: till code and a six-digit sequence, e.g. K1-000042. */
export function receiptNumber(tillCode: string, receiptNo: number): string {
  return `${tillCode}-${String(receiptNo).padStart(6, '0')}`;
}
