import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { receiptHash, type ChainedSale } from '../../../../src/domain/shop/receipt-chain.js';
import type { CatalogueItem, MemberSummary, SaleBody } from './api';

/**
 * The till's own durable memory in IndexedDB: the catalogue and the member list (to sell while
 * the network is down), each till's receipt chain (the last receipt number and hash it issued)
 * and the queue of sales not yet recorded by the server. A sale enters the queue, with its
 * receipt number and hash, in the same transaction that advances the chain, before its receipt
 * prints; it leaves the queue only when the server has recorded it.
 */

/** A sale waiting for the server: 'queued' is sent by the sync loop; 'failed' waits for the cashier. */
export interface QueuedSale {
  orgId: string;
  body: SaleBody;
  status: 'queued' | 'failed';
  attempts: number;
  /** the server's message when it refused the sale */
  error: string | null;
  errorCode: string | null;
}

export interface ChainHead {
  tillId: string;
  receiptNo: number;
  hash: string;
}

interface PosDb extends DBSchema {
  catalogue: { key: string; value: { key: string; items: CatalogueItem[]; savedAt: string } };
  members: { key: string; value: { orgId: string; items: MemberSummary[]; savedAt: string } };
  chain: { key: string; value: ChainHead };
  queue: {
    key: string;
    value: QueuedSale;
    indexes: { byTill: [string, number] };
  };
}

let opened: Promise<IDBPDatabase<PosDb>> | null = null;

function db(): Promise<IDBPDatabase<PosDb>> {
  opened ??= openDB<PosDb>('sokoguru-pos', 1, {
    upgrade(d) {
      d.createObjectStore('catalogue', { keyPath: 'key' });
      d.createObjectStore('members', { keyPath: 'orgId' });
      d.createObjectStore('chain', { keyPath: 'tillId' });
      const q = d.createObjectStore('queue', { keyPath: 'body.clientSaleId' });
      q.createIndex('byTill', ['body.tillId', 'body.receiptNo'], { unique: true });
    },
  });
  return opened;
}

const catalogueKey = (orgId: string, outletId: string) => `${orgId}:${outletId}`;

export async function saveCatalogue(orgId: string, outletId: string, items: CatalogueItem[]) {
  await (
    await db()
  ).put('catalogue', {
    key: catalogueKey(orgId, outletId),
    items,
    savedAt: new Date().toISOString(),
  });
}

export async function loadCatalogue(orgId: string, outletId: string) {
  return (await (await db()).get('catalogue', catalogueKey(orgId, outletId))) ?? null;
}

export async function saveMembers(orgId: string, items: MemberSummary[]) {
  await (await db()).put('members', { orgId, items, savedAt: new Date().toISOString() });
}

export async function loadMembers(orgId: string) {
  return (await (await db()).get('members', orgId)) ?? null;
}

/**
 * Where the till's chain starts when the shift opens: the server's last receipt, unless sales of
 * this till are still queued here (they are ahead of the server, and the next number follows them).
 */
export async function adoptServerChain(tillId: string, lastReceiptNo: number, lastHash: string) {
  const tx = (await db()).transaction(['chain', 'queue'], 'readwrite');
  const waiting = await tx
    .objectStore('queue')
    .index('byTill')
    .count(IDBKeyRange.bound([tillId, 0], [tillId, Infinity]));
  const head = await tx.objectStore('chain').get(tillId);
  if (waiting === 0 || !head)
    await tx.objectStore('chain').put({ tillId, receiptNo: lastReceiptNo, hash: lastHash });
  await tx.done;
}

export async function chainHead(tillId: string): Promise<ChainHead | null> {
  return (await (await db()).get('chain', tillId)) ?? null;
}

/**
 * Issues the till's next receipt number for a sale, chains its hash to the previous receipt and
 * queues it, in one transaction: a crash leaves either both or neither, so numbers stay gapless.
 */
export async function queueSale(
  orgId: string,
  sale: Omit<ChainedSale, 'receiptNo'> & { offline: boolean },
): Promise<SaleBody> {
  const tx = (await db()).transaction(['chain', 'queue'], 'readwrite');
  const head = await tx.objectStore('chain').get(sale.tillId);
  if (!head) throw new Error('the till has no receipt chain yet: open the shift online first');
  const receiptNo = head.receiptNo + 1;
  const { offline, ...chained } = sale;
  const hash = receiptHash(head.hash, { ...chained, receiptNo });
  const body: SaleBody = {
    ...chained,
    lines: [...sale.lines],
    paymentMethod: sale.paymentMethod as SaleBody['paymentMethod'],
    receiptNo,
    prevHash: head.hash,
    hash,
    offline,
  };
  await tx.objectStore('queue').add({
    orgId,
    body,
    status: 'queued',
    attempts: 0,
    error: null,
    errorCode: null,
  });
  await tx.objectStore('chain').put({ tillId: sale.tillId, receiptNo, hash });
  await tx.done;
  return body;
}

/** The queued sales of an organisation, each till's in receipt order. */
export async function queuedSales(orgId: string): Promise<QueuedSale[]> {
  const all = await (await db()).getAllFromIndex('queue', 'byTill');
  return all.filter((q) => q.orgId === orgId);
}

export async function removeQueued(clientSaleId: string) {
  await (await db()).delete('queue', clientSaleId);
}

export async function updateQueued(clientSaleId: string, change: Partial<QueuedSale>) {
  const tx = (await db()).transaction('queue', 'readwrite');
  const q = await tx.store.get(clientSaleId);
  if (q) await tx.store.put({ ...q, ...change });
  await tx.done;
}

/**
 * Takes back a sale the server refused before its receipt was printed (a member payment without
 * the balance or the credit for it): only the till's last receipt, so the chain steps back one
 * and the number is issued again to the same customer's next try. Nothing the server recorded is
 * touched; a refused sale with receipts chained after it stays in the queue for the cashier.
 */
export async function withdrawRefused(clientSaleId: string): Promise<boolean> {
  const tx = (await db()).transaction(['chain', 'queue'], 'readwrite');
  const q = await tx.objectStore('queue').get(clientSaleId);
  const head = q ? await tx.objectStore('chain').get(q.body.tillId) : undefined;
  const last = q && head && head.receiptNo === q.body.receiptNo && q.status === 'failed';
  if (q && last) {
    await tx.objectStore('queue').delete(clientSaleId);
    await tx.objectStore('chain').put({
      tillId: q.body.tillId,
      receiptNo: q.body.receiptNo - 1,
      hash: q.body.prevHash,
    });
  }
  await tx.done;
  return Boolean(last);
}
