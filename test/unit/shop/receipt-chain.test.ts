import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalSale,
  receiptHash,
  receiptNumber,
  verifyChain,
  type ChainedSale,
  type ChainLink,
} from '../../../src/domain/shop/receipt-chain.js';

const SALE: ChainedSale = {
  tillId: '7d1c2f0e-0000-4000-8000-000000000001',
  receiptNo: 1,
  clientSaleId: 'b3f1a2c4-0000-4000-8000-000000000042',
  soldAt: '2026-12-05T09:15:00+07:00',
  memberId: null,
  lines: [
    {
      productId: 'teh-botol',
      unit: 'pcs',
      qty: '3',
      qtyBase: '3',
      priceRupiah: '3500',
      priceBase: '1',
      amountRupiah: '10500',
    },
    {
      productId: 'cabai-rawit',
      unit: 'g',
      qty: '333',
      qtyBase: '333',
      priceRupiah: '36000',
      priceBase: '1000',
      amountRupiah: '11988',
    },
  ],
  totalRupiah: '22488',
  paymentMethod: 'cash',
  paymentReference: null,
  tenderedRupiah: '50000',
};

/** A till's chain of n sales, each hashed over the one before it. */
function chain(n: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prev = '';
  for (let i = 1; i <= n; i++) {
    const sale = {
      ...SALE,
      receiptNo: i,
      clientSaleId: `sale-${i}`,
      totalRupiah: String(i * 1000),
    };
    const hash = receiptHash(prev, sale);
    links.push({ receiptNo: i, prevHash: prev, hash, sale });
    prev = hash;
  }
  return links;
}

describe('receiptHash', () => {
  it('is the same for the same sale and previous hash', () => {
    expect(receiptHash('', SALE)).toBe(receiptHash('', structuredClone(SALE)));
    expect(receiptHash('', SALE)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('stays the value pinned here (the canonical form v1 must not drift: tills hash offline)', () => {
    // computed once with receiptHash and hard-coded; a change here breaks every recorded chain
    expect(receiptHash('', SALE)).toBe(
      '63265f50864df5be4001708a4993d5dc8f5a916b1b90bc2785af05c45802f7b8',
    );
    expect(canonicalSale(SALE)).toBe(
      '["sokoguru-receipt-v1","7d1c2f0e-0000-4000-8000-000000000001","1","b3f1a2c4-0000-4000-8000-000000000042","2026-12-05T09:15:00+07:00",null,[["teh-botol","pcs","3","3","3500","1","10500"],["cabai-rawit","g","333","333","36000","1000","11988"]],"22488","cash",null,"50000"]',
    );
  });

  it('is sha-256 (hex) of the previous hash, a newline and the canonical form', () => {
    const prev = 'a'.repeat(64);
    const expected = createHash('sha256')
      .update(`${prev}\n${canonicalSale(SALE)}`, 'utf8')
      .digest('hex');
    expect(receiptHash(prev, SALE)).toBe(expected);
  });

  it('covers the previous hash', () => {
    expect(receiptHash('a'.repeat(64), SALE)).not.toBe(receiptHash('', SALE));
  });

  it('changes when any field of the sale changes', () => {
    const base = receiptHash('', SALE);
    const line0 = SALE.lines[0]!;
    const variants: Record<string, ChainedSale> = {
      tillId: { ...SALE, tillId: SALE.tillId.replace(/1$/, '2') },
      receiptNo: { ...SALE, receiptNo: 2 },
      clientSaleId: { ...SALE, clientSaleId: 'other' },
      soldAt: { ...SALE, soldAt: '2026-12-05T09:15:01+07:00' },
      memberId: { ...SALE, memberId: 'member-1' },
      'memberId "null"': { ...SALE, memberId: 'null' },
      totalRupiah: { ...SALE, totalRupiah: '22489' },
      paymentMethod: { ...SALE, paymentMethod: 'qris' },
      paymentReference: { ...SALE, paymentReference: 'QR-1' },
      tenderedRupiah: { ...SALE, tenderedRupiah: null },
      'a line dropped': { ...SALE, lines: SALE.lines.slice(0, 1) },
      'lines reordered': { ...SALE, lines: [...SALE.lines].reverse() },
    };
    for (const key of Object.keys(line0) as (keyof typeof line0)[]) {
      variants[`line.${key}`] = {
        ...SALE,
        lines: [{ ...line0, [key]: `${line0[key]}0` }, ...SALE.lines.slice(1)],
      };
    }
    const hashes = new Set([base]);
    for (const [name, sale] of Object.entries(variants)) {
      const h = receiptHash('', sale);
      expect(h, name).not.toBe(base);
      hashes.add(h);
    }
    expect(hashes.size).toBe(Object.keys(variants).length + 1);
  });

  it('does not let a value move from one field into the next (the form is a JSON array)', () => {
    const a = { ...SALE, paymentMethod: 'cash', paymentReference: 'x,y' };
    const b = { ...SALE, paymentMethod: 'cash","x', paymentReference: 'y' };
    expect(receiptHash('', a)).not.toBe(receiptHash('', b));
  });
});

describe('verifyChain', () => {
  it('finds nothing wrong with an intact chain', () => {
    expect(verifyChain(chain(5))).toEqual([]);
    expect(verifyChain([])).toEqual([]);
  });

  it('names the gap a deleted sale leaves', () => {
    const links = chain(5);
    links.splice(2, 1); // receipt 3 gone
    expect(verifyChain(links)).toEqual([{ receiptNo: 4, problem: 'gap', expected: 3 }]);
  });

  it('names a missing first receipt as a gap', () => {
    expect(verifyChain(chain(3).slice(1))).toEqual([{ receiptNo: 2, problem: 'gap', expected: 1 }]);
  });

  it('names an altered sale by its content, and only it (its stored hash still links the next)', () => {
    const links = chain(5);
    links[2] = { ...links[2]!, sale: { ...links[2]!.sale, totalRupiah: '1' } };
    expect(verifyChain(links)).toEqual([{ receiptNo: 3, problem: 'content' }]);
  });

  it('names the next link when an altered sale is re-hashed to hide it', () => {
    const links = chain(5);
    const forged = { ...links[2]!.sale, totalRupiah: '1' };
    links[2] = { ...links[2]!, sale: forged, hash: receiptHash(links[2]!.prevHash, forged) };
    expect(verifyChain(links)).toEqual([{ receiptNo: 4, problem: 'link' }]);
  });

  it('names the links broken when two sales swap places and are renumbered', () => {
    // sales 2 and 3 swapped; each renumbered and its own hash recomputed over its old prevHash
    const links = chain(4);
    const two = links[1]!;
    const three = links[2]!;
    const swap = (l: ChainLink, receiptNo: number): ChainLink => {
      const sale = { ...l.sale, receiptNo };
      return { receiptNo, prevHash: l.prevHash, hash: receiptHash(l.prevHash, sale), sale };
    };
    links[1] = swap(three, 2);
    links[2] = swap(two, 3);
    expect(verifyChain(links)).toEqual([
      { receiptNo: 2, problem: 'link' },
      { receiptNo: 3, problem: 'link' },
      { receiptNo: 4, problem: 'link' },
    ]);
  });

  it('names gaps when the links are walked out of receipt order', () => {
    const [one, two, three] = chain(3);
    expect(verifyChain([one!, three!, two!])).toEqual([
      { receiptNo: 3, problem: 'gap', expected: 2 },
      { receiptNo: 2, problem: 'gap', expected: 4 },
    ]);
  });

  it('names a sale whose hash does not match its content even when the number is wrong', () => {
    const links = chain(3);
    links[2] = { ...links[2]!, receiptNo: 5, hash: 'f'.repeat(64) };
    expect(verifyChain(links)).toEqual([
      { receiptNo: 5, problem: 'gap', expected: 3 },
      { receiptNo: 5, problem: 'content' },
    ]);
  });
});

describe('receiptNumber', () => {
  it('prints the till code and a six-digit sequence', () => {
    expect(receiptNumber('K1', 42)).toBe('K1-000042');
    expect(receiptNumber('K1', 1)).toBe('K1-000001');
    expect(receiptNumber('K2', 999_999)).toBe('K2-999999');
  });
  it('grows past six digits rather than cutting the number', () => {
    expect(receiptNumber('K1', 1_234_567)).toBe('K1-1234567');
  });
});
