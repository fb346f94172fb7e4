import { sql } from 'kysely';
import { findOrganization } from '../../db/organizations.repo.js';
import { formatDateId, type ReportDocument } from '../../reports/table.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';

/**
 * The shop's sales report (issue 18 item 6): sales, cost and margin by day, hour, product, member,
 * outlet and payment, the slow movers and what is owed to consignment producers. Sales are the
 * shop's revenue as the books have it (4110 + 4210): for a consignment line, its margin only. Set-based: one
 * statement per view over the period's lines. Sales are net of voids (left out) and of returns
 * (each line counts the part not returned, its amount and cost in proportion, rounded half up as
 * the return itself does).
 */

export interface SalesReportFilter {
  from: string;
  to: string;
  outletId: bigint | null;
}

interface Agg {
  sales: bigint;
  cost: bigint;
  margin: bigint;
  count: bigint;
}

const aggView = (a: Agg) => ({
  salesRupiah: a.sales.toString(),
  costRupiah: a.cost.toString(),
  marginRupiah: a.margin.toString(),
  count: Number(a.count),
});

export async function salesReport(deps: Deps, ctx: OrgContext, f: SalesReportFilter) {
  return inOrg(deps, ctx, async ({ tx }) => {
    const coop = ctx.organizationId;
    // the period's lines, net of returns; the shop's revenue of a consignment line is its margin
    const lines = sql`
      with l as (
        select s.id as sale_id, s.business_date, s.sold_at, s.member_id, s.outlet_id,
          s.payment_method, l.product_id,
          l.qty_base - l.returned_qty_base as qty,
          round(l.amount_rupiah::numeric * (l.qty_base - l.returned_qty_base) / l.qty_base)::bigint as amount,
          round(l.cost_rupiah::numeric * (l.qty_base - l.returned_qty_base) / l.qty_base)::bigint as cost,
          round(coalesce(l.consignor_share_rupiah, 0)::numeric * (l.qty_base - l.returned_qty_base) / l.qty_base)::bigint as share
        from shop_sales s
        join shop_sale_lines l on l.cooperative_id = s.cooperative_id and l.sale_id = s.id
        where s.cooperative_id = ${coop} and s.status = 'posted'
          and s.business_date between ${f.from}::date and ${f.to}::date
          and (${f.outletId}::bigint is null or s.outlet_id = ${f.outletId})
      )`;
    const agg = sql`coalesce(sum(amount - share), 0)::bigint as sales, coalesce(sum(cost), 0)::bigint as cost,
      coalesce(sum(amount - share - cost), 0)::bigint as margin, count(distinct sale_id)::bigint as count`;
    const [totals, byDay, byHour, byProduct, byMember, byOutlet, byPayment, slow, owed] =
      await Promise.all([
        sql<Agg & { member_sales: bigint }>`${lines}
          select ${agg}, coalesce(sum(amount - share) filter (where member_id is not null), 0)::bigint as member_sales
          from l`.execute(tx),
        sql<Agg & { day: string }>`${lines}
          select business_date::text as day, ${agg} from l group by business_date order by business_date`.execute(
          tx,
        ),
        sql<Agg & { hour: number }>`${lines}
          select extract(hour from sold_at at time zone 'Asia/Jakarta')::int as hour, ${agg}
          from l group by 1 order by 1`.execute(tx),
        sql<
          Agg & { product_id: bigint; sku: string; name: string; qty: bigint; base_unit: string }
        >`${lines}
          select l.product_id, p.sku, p.name, p.base_unit, sum(l.qty)::bigint as qty, ${agg}
          from l join shop_products p on p.cooperative_id = ${coop} and p.id = l.product_id
          group by l.product_id, p.sku, p.name, p.base_unit order by sales desc limit 50`.execute(
          tx,
        ),
        sql<Agg & { member_id: bigint; member_number: string | null; name: string }>`${lines}
          select l.member_id, m.member_number, m.full_name as name, ${agg}
          from l join members m on m.cooperative_id = ${coop} and m.id = l.member_id
          group by l.member_id, m.member_number, m.full_name order by sales desc limit 20`.execute(
          tx,
        ),
        sql<Agg & { outlet_id: bigint; code: string }>`${lines}
          select l.outlet_id, o.code, ${agg}
          from l join shop_outlets o on o.cooperative_id = ${coop} and o.id = l.outlet_id
          group by l.outlet_id, o.code order by o.code`.execute(tx),
        sql<Agg & { method: string }>`${lines}
          select payment_method as method, ${agg} from l group by 1 order by 1`.execute(tx),
        // slow movers: on hand now, not sold in the period, the most money tied up first
        sql<{
          product_id: bigint;
          sku: string;
          name: string;
          qty_base: bigint;
          value_rupiah: bigint;
          last_sold: string | null;
        }>`
          select p.id as product_id, p.sku, p.name, sum(st.qty_base)::bigint as qty_base,
            sum(st.value_rupiah)::bigint as value_rupiah,
            (select max(s.business_date)::text from shop_sale_lines sl join shop_sales s
               on s.cooperative_id = sl.cooperative_id and s.id = sl.sale_id
             where sl.cooperative_id = ${coop} and sl.product_id = p.id and s.status = 'posted') as last_sold
          from shop_products p join shop_stock st on st.cooperative_id = p.cooperative_id and st.product_id = p.id
          where p.cooperative_id = ${coop} and p.active and st.qty_base > 0
            and (${f.outletId}::bigint is null or st.outlet_id = ${f.outletId})
            and not exists (select from shop_sale_lines sl join shop_sales s
                on s.cooperative_id = sl.cooperative_id and s.id = sl.sale_id
              where sl.cooperative_id = p.cooperative_id and sl.product_id = p.id and s.status = 'posted'
                and s.business_date between ${f.from}::date and ${f.to}::date)
          group by p.id, p.sku, p.name order by value_rupiah desc, p.name limit 30`.execute(tx),
        sql<{ supplier_id: bigint; name: string; owed: bigint }>`
          select s.id as supplier_id, s.name,
            coalesce(sum(round(l.consignor_share_rupiah::numeric * (l.qty_base - l.returned_qty_base) / l.qty_base)), 0)::bigint as owed
          from shop_suppliers s
          left join shop_sale_lines l on l.cooperative_id = s.cooperative_id and l.consignor_id = s.id
            and l.settlement_id is null
            and exists (select from shop_sales x where x.cooperative_id = l.cooperative_id
              and x.id = l.sale_id and x.status = 'posted' and x.business_date <= ${f.to}::date)
          where s.cooperative_id = ${coop} and s.consignment
          group by s.id, s.name order by owed desc, s.name`.execute(tx),
      ]);
    const t = totals.rows[0]!;
    return {
      from: f.from,
      to: f.to,
      outletId: f.outletId?.toString() ?? null,
      totals: {
        ...aggView(t),
        memberSalesRupiah: t.member_sales.toString(),
        nonMemberSalesRupiah: (t.sales - t.member_sales).toString(),
      },
      byDay: byDay.rows.map((r) => ({ date: r.day, ...aggView(r) })),
      byHour: byHour.rows.map((r) => ({ hour: r.hour, ...aggView(r) })),
      byProduct: byProduct.rows.map((r) => ({
        productId: r.product_id.toString(),
        sku: r.sku,
        name: r.name,
        qtyBase: r.qty.toString(),
        baseUnit: r.base_unit,
        ...aggView(r),
      })),
      byMember: byMember.rows.map((r) => ({
        memberId: r.member_id.toString(),
        memberNumber: r.member_number,
        name: r.name,
        ...aggView(r),
      })),
      byOutlet: byOutlet.rows.map((r) => ({
        outletId: r.outlet_id.toString(),
        code: r.code,
        ...aggView(r),
      })),
      byPayment: byPayment.rows.map((r) => ({ method: r.method, ...aggView(r) })),
      slowMovers: slow.rows.map((r) => ({
        productId: r.product_id.toString(),
        sku: r.sku,
        name: r.name,
        qtyBase: r.qty_base.toString(),
        valueRupiah: r.value_rupiah.toString(),
        lastSoldOn: r.last_sold,
      })),
      consignmentOwed: owed.rows.map((r) => ({
        supplierId: r.supplier_id.toString(),
        name: r.name,
        owedRupiah: r.owed.toString(),
      })),
    };
  });
}

export type SalesReport = Awaited<ReturnType<typeof salesReport>>;

const PAYMENT_ID: Record<string, string> = {
  cash: 'Tunai',
  qris: 'QRIS',
  member_account: 'Simpanan sukarela',
  member_credit: 'Kredit barang',
};

/** The same report for paper and spreadsheets (src/reports: PDF and Excel renderers). */
export function salesReportDocument(
  r: SalesReport,
  organization: string,
  generatedAt: string,
): ReportDocument {
  const money = [
    { header: 'Penjualan', kind: 'rupiah' as const },
    { header: 'HPP', kind: 'rupiah' as const },
    { header: 'Margin', kind: 'rupiah' as const },
  ];
  const moneyCells = (x: { salesRupiah: string; costRupiah: string; marginRupiah: string }) => [
    { rupiah: BigInt(x.salesRupiah) },
    { rupiah: BigInt(x.costRupiah) },
    { rupiah: BigInt(x.marginRupiah) },
  ];
  return {
    title: 'Laporan Penjualan Toko',
    organization,
    period: `Periode: ${formatDateId(r.from)} s.d. ${formatDateId(r.to)}`,
    generatedAt,
    orientation: 'portrait',
    sections: [
      {
        title: 'Ringkasan',
        columns: [
          { header: 'Uraian', kind: 'text' },
          { header: 'Jumlah', kind: 'rupiah' },
        ],
        rows: [
          { cells: ['Penjualan kepada anggota', { rupiah: BigInt(r.totals.memberSalesRupiah) }] },
          {
            cells: [
              'Penjualan kepada non-anggota',
              { rupiah: BigInt(r.totals.nonMemberSalesRupiah) },
            ],
          },
          { cells: ['Penjualan bersih', { rupiah: BigInt(r.totals.salesRupiah) }], style: 'total' },
          { cells: ['Harga pokok penjualan', { rupiah: BigInt(r.totals.costRupiah) }] },
          {
            cells: [
              'Margin (setelah bagian titip jual)',
              { rupiah: BigInt(r.totals.marginRupiah) },
            ],
            style: 'grand-total',
          },
        ],
      },
      {
        title: 'Per hari',
        columns: [
          { header: 'Tanggal', kind: 'date' },
          { header: 'Transaksi', kind: 'number' },
          ...money,
        ],
        rows: r.byDay.map((d) => ({
          cells: [{ date: d.date }, { number: d.count }, ...moneyCells(d)],
        })),
      },
      {
        title: 'Barang terlaris',
        columns: [
          { header: 'Barang', kind: 'text', width: 3 },
          { header: 'Jumlah', kind: 'number' },
          ...money,
        ],
        rows: r.byProduct.map((p) => ({
          cells: [`${p.name} (${p.sku})`, { number: Number(p.qtyBase) }, ...moneyCells(p)],
        })),
      },
      {
        title: 'Per cara bayar',
        columns: [
          { header: 'Cara bayar', kind: 'text' },
          { header: 'Transaksi', kind: 'number' },
          ...money,
        ],
        rows: r.byPayment.map((p) => ({
          cells: [PAYMENT_ID[p.method] ?? p.method, { number: p.count }, ...moneyCells(p)],
        })),
      },
      {
        title: 'Anggota dengan belanja terbesar',
        columns: [
          { header: 'Anggota', kind: 'text', width: 3 },
          { header: 'Transaksi', kind: 'number' },
          ...money,
        ],
        rows: r.byMember.map((m) => ({
          cells: [`${m.name} (${m.memberNumber ?? '-'})`, { number: m.count }, ...moneyCells(m)],
        })),
      },
      {
        title: 'Barang lambat laku (tidak terjual dalam periode)',
        columns: [
          { header: 'Barang', kind: 'text', width: 3 },
          { header: 'Stok', kind: 'number' },
          { header: 'Nilai stok', kind: 'rupiah' },
          { header: 'Terakhir terjual', kind: 'text' },
        ],
        rows: r.slowMovers.map((s) => ({
          cells: [
            `${s.name} (${s.sku})`,
            { number: Number(s.qtyBase) },
            { rupiah: BigInt(s.valueRupiah) },
            s.lastSoldOn ? formatDateId(s.lastSoldOn) : 'belum pernah',
          ],
        })),
      },
      {
        title: 'Utang titip jual kepada produsen anggota',
        columns: [
          { header: 'Produsen', kind: 'text', width: 3 },
          { header: 'Belum dibayar', kind: 'rupiah' },
        ],
        rows: r.consignmentOwed.map((c) => ({ cells: [c.name, { rupiah: BigInt(c.owedRupiah) }] })),
      },
    ],
    notes: [
      'Penjualan bersih: tanpa penjualan yang dibatalkan, dikurangi retur. Barang titip jual dihitung sebesar margin koperasi.',
    ],
  };
}

export async function salesReportFile(deps: Deps, ctx: OrgContext, f: SalesReportFilter) {
  const r = await salesReport(deps, ctx, f);
  const org = await inOrg(deps, ctx, ({ tx }) => findOrganization(tx, ctx.organizationId));
  return salesReportDocument(
    r,
    org?.name ?? '',
    deps.clock().toISOString().slice(0, 16).replace('T', ' '),
  );
}
