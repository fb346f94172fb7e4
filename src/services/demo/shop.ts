import * as repo from '../../db/demo-shop.repo.js';
import { demoUser } from '../../db/demo-profit-sharing.repo.js';
import {
  applyMonthMovements,
  headOfficeBranch,
  insertMonthMovements,
} from '../../db/demo-savings.repo.js';
import type { Role } from '../../domain/auth/permissions.js';
import { consignmentSplit } from '../../domain/shop/consignment.js';
import { issue } from '../../domain/shop/hpp.js';
import { receiptHash, receiptNumber, type ChainedSale } from '../../domain/shop/receipt-chain.js';
import { lineAmount, priceOf, type PricedProduct } from '../../domain/shop/units.js';
import type { PostingLine } from '../../ledger/post.js';
import { closeSession, createDesk, openSession, seriesOfDesk } from '../cashdesk.js';
import { inOrg, type Deps, type OrgContext } from '../context.js';
import { postEntry } from '../ledger.js';
import type { OrganizationView } from '../organizations.js';
import { createOutlet, createProductIn, createSupplier, createTill } from '../shop/catalogue.js';
import { settleConsignmentIn } from '../shop/consignment.js';
import { recordSaleIn, setCreditLimit, type SaleInput } from '../shop/sales.js';
import { lockStock, paySupplier, postOpname, receiveGoodsIn, saveStock } from '../shop/stock.js';
import { addDays, lastDayOf, pad, postTransfer, rng } from './common.js';
import { DEMO_TODAY } from './loans/book.js';

/**
 * The demo consumer cooperative's shop (issue 18 item 7): Toko Koperasi in Jetayu with two tills,
 * 500 products (about 60 of them members' goods on consignment from 30 producers), seven
 * distributors, and a year of trade month by month inside the savings year (before each
 * month-end, so the members' sukarela purchases are in the month their interest is counted):
 *
 * - at the start of a month each distributor delivers what the month will sell and a little more
 *   (receiveGoodsIn: stock at cost, Dr Persediaan / Cr Utang dagang), the producers bring their
 *   consignment goods once a quarter (stock, no cost); last month's invoices are paid from the bank
 *   (paySupplier), this month's stay open;
 * - 25–40 sales a day on each till, 1–8 lines, about 60 % to members at member price (some paid
 *   from sukarela, a few on goods credit for the twenty members with a limit), the rest cash or
 *   QRIS; the shop shuts for Idul Fitri and is busier the two weeks before;
 * - the LAST `REAL_DAYS` days go through the point of sale itself (recordSaleIn: real receipts,
 *   the hash chain, the cashier's session opened and closed with its count). That path costs about
 *   0.1 s a sale here (some 24,000 sales in the year), so the earlier days are written set-based:
 *   the sales, lines and stock moves at the moving-average cost (src/domain/shop/hpp.ts, the same
 *   rules, the same order), receipt numbers and hashes computed with receiptHash so a till's chain
 *   verifies from its first sale, and ONE posted journal entry per day per till with the day's
 *   sales (members' and the public's, one line each: SHU participation is read per member from
 *   shop_sales), HPP, the producers' consignment shares and the paying side (cash, QRIS, sukarela
 *   per member with its savings movements, goods credit per member);
 * - at the end of a month: the takings banked, QRIS settled, goods credit of the month before paid
 *   back, consignment sales of the month settled into the producers' sukarela accounts (the last
 *   month stays unsettled, to settle in the app), and at the end of June a stock opname with a few
 *   differences.
 */

/** Days before the demo's last day that go through the point of sale (receipts, sessions). */
const REAL_DAYS = 2;
const HISTORY_FROM = '2025-12-01';

type Cat =
  | 'sembako'
  | 'minuman'
  | 'makanan ringan'
  | 'makanan beku'
  | 'perlengkapan mandi'
  | 'rumah tangga'
  | 'obat & kesehatan'
  | 'alat tulis'
  | 'batik & kerajinan'
  | 'sayur & buah';

/** Each category's goods: "name|size:price,size:price|pack unit:factor" (prices to the public). */
const CATALOGUE: Record<Cat, { weight: number; items: string[]; brands: string[] }> = {
  sembako: {
    weight: 3.2,
    brands: ['Cap Jago', 'Sari Tani', 'Cap Bintang', 'Mekar'],
    items: [
      'Beras Pandan Wangi|5 kg:78000,10 kg:152000,1 kg:16500',
      'Beras Medium|5 kg:65000,25 kg:315000',
      'Beras Merah|1 kg:24000',
      'Minyak Goreng Sawit|1 L:18000,2 L:35000|dus:12',
      'Minyak Goreng Pouch|1 L:19500,2 L:38000|dus:12',
      'Gula Pasir|1 kg:17500,500 g:9000',
      'Gula Merah Aren|500 g:18000',
      'Tepung Terigu Serbaguna|1 kg:13000,500 g:7000',
      'Tepung Terigu Protein Tinggi|1 kg:14500',
      'Tepung Beras|500 g:9000',
      'Tepung Tapioka|500 g:8000',
      'Tepung Maizena|300 g:11000',
      'Garam Beryodium|250 g:3000,500 g:5000',
      'Kecap Manis|135 ml:6000,275 ml:12500,520 ml:22000',
      'Saus Sambal|135 ml:7000,340 ml:14000',
      'Saus Tomat|340 ml:12000',
      'Mie Instan Goreng|85 g:3500|dus:40',
      'Mie Instan Kuah Soto|75 g:3200|dus:40',
      'Mie Instan Ayam Bawang|70 g:3200|dus:40',
      'Mie Telur|200 g:8000',
      'Susu Kental Manis|370 g:13500,40 g:1500',
      'Kopi Bubuk|165 g:15000,50 g:5500',
      'Kopi Susu Sachet Renceng|10 x 30 g:16000',
      'Teh Celup|25 kantong:7000',
      'Teh Tubruk Melati|80 g:6000',
      'Margarin|200 g:7500',
      'Mentega|200 g:9500',
      'Sarden Saus Tomat|155 g:11000,425 g:25000',
      'Bihun Jagung|175 g:6500',
      'Soun|100 g:5000',
      'Kacang Hijau|500 g:14000',
      'Kacang Tanah|500 g:17000',
      'Bawang Goreng|100 g:15000',
      'Penyedap Rasa|100 g:6000',
      'Bumbu Nasi Goreng|sachet:2500',
      'Santan Kemasan|65 ml:3500',
      'Ikan Asin Jambal|250 g:35000',
      'Terasi Udang|100 g:6000',
      'Kerupuk Udang Mentah|250 g:18000',
    ],
  },
  minuman: {
    weight: 2.2,
    brands: ['Tirta', 'Segar', 'Sari Murni'],
    items: [
      'Air Mineral|600 ml:4000|dus:24',
      'Air Mineral Gelas|220 ml:1000|dus:48',
      'Air Mineral Botol Besar|1500 ml:7000|dus:12',
      'Air Mineral Galon Isi Ulang|19 L:21000',
      'Teh Botol|350 ml:5000|dus:24',
      'Teh Kotak|200 ml:4000|dus:24',
      'Teh Hijau|450 ml:7000',
      'Minuman Isotonik|500 ml:7500',
      'Susu UHT Cokelat|200 ml:6000|dus:24',
      'Susu UHT Full Cream|1 L:19500',
      'Kopi Susu Botol|220 ml:8000',
      'Jus Jambu|250 ml:6500',
      'Sirup Cocopandan|460 ml:22000',
      'Sirup Jeruk|460 ml:21000',
      'Minuman Soda|390 ml:7000',
      'Sari Kacang Hijau|250 ml:5000',
      'Jahe Merah Instan|sachet:2500',
      'Yogurt Minum|200 ml:9000',
      'Air Kelapa|330 ml:10000',
      'Susu Kedelai|300 ml:6000',
    ],
  },
  'makanan ringan': {
    weight: 1.6,
    brands: ['Sari Rasa', 'Gurih', 'Cap Kupu'],
    items: [
      'Keripik Kentang|68 g:11000',
      'Keripik Singkong Balado|150 g:9000',
      'Kacang Atom|100 g:7000',
      'Wafer Cokelat|110 g:7000',
      'Biskuit Kelapa|300 g:10000',
      'Biskuit Susu|120 g:5000',
      'Roti Tawar|400 g:15000',
      'Roti Sobek Cokelat|220 g:14000',
      'Cokelat Batang|62 g:12000',
      'Permen Mint|25 g:2000',
      'Permen Jahe|125 g:5000',
      'Kerupuk Bawang|250 g:12000',
      'Makaroni Pedas|100 g:8000',
      'Jelly Cup|15 g:1500',
      'Agar-agar Bubuk|7 g:5000',
      'Sereal Jagung|225 g:25000',
      'Stik Keju|100 g:12000',
      'Kue Nastar|250 g:45000',
      'Pilus Pedas|25 g:2000',
    ],
  },
  'makanan beku': {
    weight: 0.6,
    brands: ['Prima', 'Cap Bandeng'],
    items: [
      'Nugget Ayam|500 g:38000',
      'Sosis Sapi|500 g:35000',
      'Bakso Sapi|500 g:40000',
      'Es Krim Cup|100 ml:5000',
      'Otak-otak Ikan|500 g:30000',
    ],
  },
  'perlengkapan mandi': {
    weight: 1.1,
    brands: ['Harum', 'Melati', 'Sehat'],
    items: [
      'Sabun Mandi Batang|85 g:4000|pak:6',
      'Sabun Mandi Cair Isi Ulang|450 ml:22000',
      'Sampo Sachet|10 ml:1000',
      'Sampo|170 ml:24000',
      'Pasta Gigi|190 g:14000,75 g:7500',
      'Sikat Gigi|1 pcs:8000',
      'Deodoran|50 ml:22000',
      'Bedak Bayi|100 g:12000',
      'Minyak Kayu Putih|60 ml:23000',
      'Cotton Bud|100 pcs:6000',
      'Pembalut Wanita|10 pcs:12000',
      'Popok Bayi Ukuran M|20 pcs:55000',
      'Tisu Basah|50 lembar:12000',
      'Sabun Cuci Muka|100 g:20000',
      'Losion Tangan dan Badan|200 ml:18000',
    ],
  },
  'rumah tangga': {
    weight: 1.2,
    brands: ['Bersih', 'Cap Mawar', 'Kilau'],
    items: [
      'Deterjen Bubuk|800 g:22000,1.8 kg:45000',
      'Deterjen Cair|750 ml:19000',
      'Sabun Cuci Piring|780 ml:15000',
      'Pewangi Pakaian|900 ml:18000',
      'Pembersih Lantai|800 ml:14000',
      'Pemutih Pakaian|500 ml:8000',
      'Obat Nyamuk Bakar|10 spiral:6500',
      'Obat Nyamuk Semprot|600 ml:38000',
      'Tisu Gulung|4 gulung:15000',
      'Tisu Wajah|250 lembar:14000',
      'Korek Api|1 pak:1000',
      'Lilin Putih|1 pak:5000',
      'Baterai AA|2 pcs:9000',
      'Lampu LED|9 W:22000',
      'Kantong Plastik|1 pak:5000',
      'Spons Cuci Piring|3 pcs:4000',
      'Sapu Ijuk|1 pcs:25000',
      'Gas Elpiji Isi Ulang|3 kg:22000',
    ],
  },
  'obat & kesehatan': {
    weight: 0.5,
    brands: ['Husada', 'Sehat'],
    items: [
      'Obat Sakit Kepala|strip 4 tablet:3000',
      'Minyak Angin|12 ml:12000',
      'Plester Luka|10 lembar:5000',
      'Vitamin C 500 mg|strip 10 tablet:8000',
      'Masker Medis|50 pcs:25000',
      'Obat Batuk Sirup|100 ml:18000',
      'Jamu Tolak Angin|sachet:4000',
    ],
  },
  'alat tulis': {
    weight: 0.7,
    brands: ['Pena Mas', 'Kenanga'],
    items: [
      'Buku Tulis 38 Lembar|1 pcs:4000|pak:10',
      'Buku Tulis 58 Lembar|1 pcs:5500|pak:10',
      'Pensil 2B|1 pcs:3500',
      'Pulpen Hitam|1 pcs:3000|pak:12',
      'Pulpen Biru|1 pcs:3000|pak:12',
      'Penghapus|1 pcs:2000',
      'Rautan Pensil|1 pcs:3000',
      'Penggaris|30 cm:4000',
      'Spidol Permanen|1 pcs:8000',
      'Spidol Papan Tulis|1 pcs:9000',
      'Kertas HVS A4 70 gsm|1 rim:55000',
      'Kertas HVS F4 70 gsm|1 rim:60000',
      'Map Plastik|1 pcs:2500',
      'Amplop Putih|1 pak:10000',
      'Lem Kertas|1 pcs:4000',
      'Stabilo|1 pcs:8000',
      'Buku Gambar A4|1 pcs:6000',
      'Krayon|12 warna:18000',
      'Selotip Bening|1 pcs:5000',
      'Cairan Koreksi|1 pcs:6000',
      'Isi Staples|1 kotak:3000',
    ],
  },
  'batik & kerajinan': {
    weight: 0.25,
    brands: ['Pesisir'],
    items: [
      'Kain Batik Cap Pekalongan|2 m:125000',
      'Kain Batik Printing|2 m:65000',
      'Kemeja Batik Pria|M:145000,L:150000,XL:155000',
      'Daster Batik|1 pcs:55000',
      'Selendang Batik|1 pcs:45000',
      'Masker Kain Batik|1 pcs:10000',
      'Dompet Batik|1 pcs:35000',
      'Sarung Tenun|1 pcs:85000',
      'Taplak Meja Batik|1 pcs:60000',
      'Tas Anyaman Pandan|1 pcs:75000',
    ],
  },
  'sayur & buah': {
    weight: 1.4,
    brands: [],
    items: [
      'Cabai Merah Keriting|kg:45000',
      'Cabai Rawit|kg:55000',
      'Bawang Merah|kg:38000',
      'Bawang Putih|kg:36000',
      'Tomat|kg:12000',
      'Kentang|kg:18000',
      'Wortel|kg:14000',
      'Kol|kg:10000',
      'Buncis|kg:16000',
      'Sawi Hijau|kg:10000',
      'Kacang Panjang|kg:14000',
      'Terong Ungu|kg:12000',
      'Timun|kg:9000',
      'Labu Siam|kg:8000',
      'Jahe|kg:28000',
      'Kunyit|kg:20000',
      'Telur Ayam Ras|kg:29000',
      'Jeruk Pontianak|kg:28000',
      'Pisang Ambon|kg:18000',
      'Apel Malang|kg:32000',
      'Pepaya|kg:10000',
      'Semangka|kg:9000',
      'Mangga Harum Manis|kg:25000',
      'Salak Pondoh|kg:18000',
      'Melon|kg:15000',
    ],
  },
};

/** Who delivers each category. */
const DISTRIBUTORS: { name: string; phone: string; cats: Cat[] }[] = [
  { name: 'CV Sumber Pangan Pekalongan', phone: '0285421733', cats: ['sembako', 'makanan beku'] },
  { name: 'PT Tirta Segar Distribusi', phone: '0285412260', cats: ['minuman'] },
  { name: 'UD Makmur Jaya Kedungwuni', phone: '0285785114', cats: ['makanan ringan'] },
  {
    name: 'CV Harum Sentosa',
    phone: '0285423871',
    cats: ['perlengkapan mandi', 'rumah tangga', 'obat & kesehatan'],
  },
  { name: 'Grosir Alat Tulis Pena Mas', phone: '0285424490', cats: ['alat tulis'] },
  { name: 'UD Tani Makmur Kajen', phone: '0285381205', cats: ['sayur & buah'] },
  { name: 'CV Batik Pesisir Kauman', phone: '0285426318', cats: ['batik & kerajinan'] },
];

/** What the member producers make: a word for the supplier, products with their price. */
const PRODUCER_GOODS: { what: string; cat: Cat; products: [string, number][] }[] = [
  {
    what: 'batik tulis',
    cat: 'batik & kerajinan',
    products: [
      ['Batik Tulis Jlamprang', 450000],
      ['Batik Tulis Buketan', 525000],
      ['Selendang Batik Tulis', 175000],
    ],
  },
  {
    what: 'batik cap',
    cat: 'batik & kerajinan',
    products: [
      ['Kain Batik Cap Sogan', 150000],
      ['Kemeja Batik Cap', 135000],
    ],
  },
  {
    what: 'kripik',
    cat: 'makanan ringan',
    products: [
      ['Kripik Tempe', 12000],
      ['Kripik Singkong Pedas', 10000],
      ['Kripik Pisang', 11000],
    ],
  },
  {
    what: 'telur asin',
    cat: 'sembako',
    products: [
      ['Telur Asin Bakar', 4500],
      ['Telur Asin Rebus', 4000],
    ],
  },
  {
    what: 'kopi',
    cat: 'minuman',
    products: [
      ['Kopi Robusta Petungkriyono 200 g', 35000],
      ['Kopi Arabika Petungkriyono 200 g', 55000],
    ],
  },
  {
    what: 'madu',
    cat: 'obat & kesehatan',
    products: [['Madu Randu 500 g', 75000]],
  },
  {
    what: 'sambal',
    cat: 'sembako',
    products: [
      ['Sambal Bawang Botol', 20000],
      ['Sambal Teri Botol', 25000],
    ],
  },
  {
    what: 'emping',
    cat: 'makanan ringan',
    products: [['Emping Melinjo 250 g', 30000]],
  },
  {
    what: 'abon',
    cat: 'sembako',
    products: [
      ['Abon Sapi 100 g', 35000],
      ['Abon Ikan Tongkol 100 g', 25000],
    ],
  },
  {
    what: 'kue',
    cat: 'makanan ringan',
    products: [
      ['Kue Kering Lidah Kucing', 40000],
      ['Rengginang Ketan', 15000],
      ['Peyek Kacang', 12000],
    ],
  },
  {
    what: 'kerajinan',
    cat: 'batik & kerajinan',
    products: [
      ['Tas Rajut', 90000],
      ['Tempat Tisu Anyaman', 35000],
    ],
  },
  {
    what: 'jamu',
    cat: 'obat & kesehatan',
    products: [
      ['Jamu Kunyit Asam Botol', 10000],
      ['Jamu Beras Kencur Botol', 10000],
    ],
  },
  {
    what: 'gula aren',
    cat: 'sembako',
    products: [['Gula Aren Cetak 500 g', 20000]],
  },
  {
    what: 'sabun herbal',
    cat: 'perlengkapan mandi',
    products: [
      ['Sabun Sereh Wangi', 15000],
      ['Sabun Kopi', 15000],
    ],
  },
];

interface Product extends PricedProduct {
  id: bigint;
  name: string;
  cat: Cat;
  weight: number;
  weighed: boolean;
  /** cost per priceUnitBase base units */
  costRupiah: bigint;
  pack: { unit: string; factor: bigint } | null;
  consignorId: bigint | null;
  consignorMemberId: bigint | null;
  marginBps: number;
  supplier: number;
  /** sold only whole: expensive goods go one at a time */
  dear: boolean;
}

interface Member {
  id: bigint;
  weight: number;
  sukarelaId: bigint | null;
  creditLimit: bigint;
}

interface Line {
  product: Product;
  unit: string;
  qty: bigint;
  qtyBase: bigint;
  price: bigint;
  priceBase: bigint;
  amount: bigint;
  cost: bigint;
  share: bigint | null;
}

interface Sale {
  till: number;
  date: string;
  soldAt: string;
  clientSaleId: string;
  member: Member | null;
  lines: Line[];
  total: bigint;
  method: 'cash' | 'qris' | 'member_account' | 'member_credit';
  reference: string | null;
  tendered: bigint | null;
}

const round100 = (v: number) => BigInt(Math.max(100, Math.round(v / 100) * 100));

/** EAN-13 with its check digit from 12 digits. */
export function ean13(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return first12 + String((10 - (sum % 10)) % 10);
}

const uuidOf = (rand: () => number) => {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rand() * 4)]!;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

async function staffContext(
  deps: Deps,
  org: OrganizationView,
  username: string,
): Promise<OrgContext> {
  const u = await demoUser(deps.database.db, org.id, username);
  if (!u) throw new Error(`demo user ${username} missing`);
  return {
    organizationId: org.id,
    actor: { userId: u.id, label: username },
    roles: [u.role as Role],
    requestId: null,
    ip: null,
  };
}

/** The services' clock on a demo day at a WIB hour. */
const at = (deps: Deps, day: string, hourWib: number): Deps => ({
  ...deps,
  clock: () => new Date(`${day}T${pad(hourWib - 7)}:00:00Z`),
});

export interface DemoShop {
  /** the month's trade, inside the savings year (before the month-end) */
  month(month: string): Promise<void>;
  counts(): {
    products: number;
    sales: number;
    realSales: number;
    tills: bigint[];
  };
}

/**
 * The shop of the demo consumer cooperative; `month` is called for each demo month in order,
 * after the savings counter of the month and before its month-end.
 */
export function demoShop(deps: Deps, org: OrganizationView): DemoShop {
  const coop = org.id;
  const rand = rng(18_0007);
  // the demo's today is in the open November (the loan book's DEMO_TODAY); trade stops the day before
  const lastDay = addDays(DEMO_TODAY, -1);
  const realFrom = addDays(lastDay, -(REAL_DAYS - 1));

  let state: Awaited<ReturnType<typeof setUp>> | null = null;
  const balances = new Map<string, bigint>();
  const creditOwed = new Map<string, bigint>();
  /** goods credit bought in a month, paid back on the 10th of the next */
  let creditOfLastMonth = new Map<string, bigint>();
  let unpaidInvoices: { id: bigint; total: bigint; paidOn: string }[] = [];
  let salesCount = 0;
  let realCount = 0;

  async function setUp() {
    const pengurus = await staffContext(deps, org, 'konsumen.pengurus');
    const kasir = await staffContext(deps, org, 'konsumen.kasir');
    const outlet = await createOutlet(deps, pengurus, {
      code: 'TOKO-1',
      name: 'Toko Koperasi Batik Sejahtera',
      address: 'Jl. Jetayu No. 12, Panjang Wetan, Pekalongan Utara, Kota Pekalongan 51141',
    });
    const outletId = BigInt(outlet.id);
    const branch = await headOfficeBranch(deps.database.db, coop);
    if (!branch) throw new Error('demo shop: the cooperative has no office');
    const tills: { id: bigint; code: string; deskId: bigint; deskCode: string }[] = [];
    for (const n of [1, 2]) {
      const desk = await createDesk(deps, pengurus, {
        branchId: branch.id,
        code: `K${n}`,
        name: `Kasir Toko ${n}`,
      });
      const till = await createTill(deps, pengurus, {
        outletId,
        code: `K${n}`,
        name: `Kasir ${n} Toko Koperasi`,
        deskId: BigInt(desk.id),
      });
      tills.push({
        id: BigInt(till.id),
        code: till.code,
        deskId: BigInt(desk.id),
        deskCode: desk.code,
      });
    }
    const suppliers: bigint[] = [];
    for (const d of DISTRIBUTORS) {
      const s = await createSupplier(deps, pengurus, {
        name: d.name,
        phone: d.phone,
        consignment: false,
      });
      suppliers.push(BigInt(s.id));
    }
    const memberRows = await repo.shopMembers(deps.database.db, coop);
    const members: Member[] = memberRows.map((m) => ({
      id: m.id,
      weight: 0.2 + rand() * rand() * 3,
      sukarelaId: m.sukarela_id,
      creditLimit: 0n,
    }));
    // goods credit (kredit barang) for twenty members, set by the pengurus
    for (const m of members.filter((_, i) => i % 15 === 7)) {
      m.creditLimit = BigInt(5 + Math.floor(rand() * 11)) * 100_000n;
      await setCreditLimit(deps, pengurus, m.id, m.creditLimit);
    }
    // thirty member producers (titip jual), each with one to three products
    const producerRows = memberRows.filter((_, i) => i % 10 === 3).slice(0, 30);
    const producers: { supplierId: bigint; memberId: bigint; goods: number }[] = [];
    for (const [i, m] of producerRows.entries()) {
      const goods = i % PRODUCER_GOODS.length;
      const s = await createSupplier(deps, pengurus, {
        name: `${m.full_name} (${PRODUCER_GOODS[goods]!.what})`,
        memberId: m.id,
        phone: `0812${String(2_100_000 + i * 7_919).padStart(8, '0')}`,
        consignment: true,
        marginBps: 1000 + 250 * Math.floor(rand() * 5),
      });
      producers.push({ supplierId: BigInt(s.id), memberId: m.id, goods });
    }

    // the catalogue: 500 products, barcodes 899 (Indonesia) + a running number
    const products: Product[] = [];
    let seq = 0;
    const barcode = () => ean13(`899${String(7_310_000_00 + ++seq).padStart(9, '0')}`);
    await inOrg(deps, pengurus, async (o) => {
      const add = async (
        p: Omit<Product, 'id' | 'units' | 'priceUnitBase' | 'baseUnit'>,
        sku: string,
      ) => {
        const weighed = p.weighed;
        const packPrice = p.pack
          ? {
              memberPriceRupiah: round100(Number(p.memberPriceRupiah * p.pack.factor) * 0.97),
              publicPriceRupiah: round100(Number(p.publicPriceRupiah * p.pack.factor) * 0.98),
            }
          : null;
        const units = weighed
          ? [{ unit: 'kg', factorBase: 1000n }]
          : p.pack
            ? [{ unit: p.pack.unit, factorBase: p.pack.factor, barcode: barcode(), ...packPrice }]
            : [];
        const id = await createProductIn(o, {
          sku,
          name: p.name,
          category: p.cat,
          baseUnit: weighed ? 'g' : 'pcs',
          priceUnit: weighed ? 'kg' : 'pcs',
          priceUnitBase: weighed ? 1000 : 1,
          weighed,
          memberPriceRupiah: p.memberPriceRupiah,
          publicPriceRupiah: p.publicPriceRupiah,
          consignorId: p.consignorId,
          reorderLevelBase: weighed ? 5_000n : BigInt(5 + Math.floor(rand() * 20)),
          barcode: weighed ? ean13(`20${String(10_000 + seq++).padStart(10, '0')}`) : barcode(),
          units,
        });
        products.push({
          ...p,
          id,
          baseUnit: weighed ? 'g' : 'pcs',
          priceUnitBase: weighed ? 1000n : 1n,
          units: [
            {
              unit: weighed ? 'g' : 'pcs',
              factorBase: 1n,
              memberPriceRupiah: null,
              publicPriceRupiah: null,
            },
            ...units.map((u) => ({
              unit: u.unit,
              factorBase: u.factorBase,
              memberPriceRupiah: 'memberPriceRupiah' in u ? (u.memberPriceRupiah ?? null) : null,
              publicPriceRupiah: 'publicPriceRupiah' in u ? (u.publicPriceRupiah ?? null) : null,
            })),
          ],
        });
      };
      const prices = (publicPrice: number) => {
        const pub = round100(publicPrice);
        return {
          publicPriceRupiah: pub,
          memberPriceRupiah: round100(Number(pub) * (0.95 + rand() * 0.02)),
          costRupiah: BigInt(Math.round(Number(pub) * (0.8 + rand() * 0.08))),
        };
      };
      // the producers' goods first (about sixty), then the distributors' up to 500
      for (const [i, pr] of producers.entries()) {
        const g = PRODUCER_GOODS[pr.goods]!;
        const first = producerRows[i]!.full_name.split(' ')[0];
        const n = 1 + Math.floor(rand() * g.products.length);
        for (const [name, price] of g.products.slice(0, n)) {
          const margin = (
            await o.tx
              .selectFrom('shop_suppliers')
              .select('margin_bps')
              .where('cooperative_id', '=', coop)
              .where('id', '=', pr.supplierId)
              .executeTakeFirstOrThrow()
          ).margin_bps!;
          const pub = round100(price * (0.95 + rand() * 0.1));
          await add(
            {
              name: `${name} ${first}`.slice(0, 200),
              cat: g.cat,
              weight: 0.3 + rand() * 0.7,
              weighed: false,
              publicPriceRupiah: pub,
              memberPriceRupiah: round100(Number(pub) * 0.97),
              costRupiah: 0n,
              pack: null,
              consignorId: pr.supplierId,
              consignorMemberId: pr.memberId,
              marginBps: margin,
              supplier: -1,
              dear: price >= 100_000,
            },
            `TJ-${String(products.length + 1).padStart(4, '0')}`,
          );
        }
      }
      const own: { cat: Cat; name: string; price: number; pack: Product['pack'] }[][] = [];
      for (const [cat, c] of Object.entries(CATALOGUE) as [Cat, (typeof CATALOGUE)[Cat]][]) {
        const list: (typeof own)[number] = [];
        for (const brandRound of [0, 1, 2, 3]) {
          for (const item of c.items) {
            const [name, sizes, pack] = item.split('|');
            const brand = c.brands[(brandRound + name!.length) % Math.max(1, c.brands.length)];
            if (brandRound > 0 && (c.brands.length <= brandRound || cat === 'sayur & buah'))
              continue;
            for (const s of sizes!.split(',')) {
              const [size, price] = s.split(':');
              const label =
                cat === 'sayur & buah' ? name! : `${name} ${brand} ${size}`.replace(/ 1 pcs$/, '');
              const [packUnit, factor] = pack ? pack.split(':') : [];
              list.push({
                cat,
                name: label,
                price:
                  Number(price) * (1 + (brandRound % 2 ? 0.06 : 0) - (brandRound > 1 ? 0.04 : 0)),
                pack: packUnit ? { unit: packUnit, factor: BigInt(factor!) } : null,
              });
            }
          }
        }
        own.push(list);
      }
      // round robin over the categories so each has its share of the 500
      const target = 500 - products.length;
      const taken = new Set<string>();
      for (let round = 0; products.length < 500 && round < 200; round++)
        for (const list of own) {
          if (products.length >= 500 || products.length - (500 - target) >= target) break;
          const x = list[round];
          if (!x || taken.has(x.name)) continue;
          taken.add(x.name);
          const w = CATALOGUE[x.cat].weight * (0.15 + rand() * rand() * 2) * (round < 10 ? 2 : 1);
          const supplier = DISTRIBUTORS.findIndex((d) => d.cats.includes(x.cat));
          await add(
            {
              name: x.name,
              cat: x.cat,
              weight: w,
              weighed: x.cat === 'sayur & buah',
              ...prices(x.price),
              pack: x.pack,
              consignorId: null,
              consignorMemberId: null,
              marginBps: 0,
              supplier,
              dear: x.price >= 100_000,
            },
            `${x.cat
              .slice(0, 3)
              .toUpperCase()
              .replace(/[^A-Z]/g, 'X')}-${String(products.length + 1).padStart(4, '0')}`,
          );
        }
    });
    const cumulative: number[] = [];
    let acc = 0;
    for (const p of products) cumulative.push((acc += p.weight));
    const memberCumulative: number[] = [];
    let macc = 0;
    for (const m of members) memberCumulative.push((macc += m.weight));
    const chain = tills.map(() => ({ receiptNo: 0, hash: '' }));
    return {
      pengurus,
      kasir,
      outletId,
      branchId: branch.id,
      tills,
      suppliers,
      producers,
      products,
      members,
      chain,
      pickProduct: () => {
        const r = rand() * acc;
        let lo = 0;
        let hi = cumulative.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cumulative[mid]! < r) lo = mid + 1;
          else hi = mid;
        }
        return products[lo]!;
      },
      pickMember: () => {
        const r = rand() * macc;
        let lo = 0;
        let hi = memberCumulative.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (memberCumulative[mid]! < r) lo = mid + 1;
          else hi = mid;
        }
        return members[lo]!;
      },
    };
  }

  /** A day's sales of both tills, in the order they were rung up. */
  function daySales(s: NonNullable<typeof state>, date: string): Sale[] {
    const out: Sale[] = [];
    const d = new Date(`${date}T00:00:00Z`);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    // the weeks before Idul Fitri (20 March 2026) are the busiest; the shop shuts for two days
    if (date === '2026-03-20' || date === '2026-03-21') return out;
    const busy = date >= '2026-03-06' && date <= '2026-03-19';
    for (const [t] of s.tills.entries()) {
      let n = 25 + Math.floor(rand() * 16);
      if (weekend) n = Math.min(40, n + 4);
      if (busy) n = Math.min(40, n + 8);
      const minutes = Array.from({ length: n }, () => Math.floor(rand() * 810))
        .sort((a, b) => a - b)
        .map((m, i) => m * 60 + i);
      for (const secs of minutes) {
        const soldAt = new Date(
          Date.parse(`${date}T00:30:00.000Z`) + secs * 1000 + Math.floor(rand() * 59) * 1000,
        ).toISOString();
        const member = rand() < 0.6 ? s.pickMember() : null;
        const nLines = 1 + Math.floor(rand() * 8);
        const seen = new Set<bigint>();
        const lines: Line[] = [];
        for (let i = 0; i < nLines; i++) {
          const p = s.pickProduct();
          if (seen.has(p.id)) continue;
          seen.add(p.id);
          let unit = p.baseUnit;
          let qty = 1n;
          if (p.weighed) qty = BigInt(250 + 50 * Math.floor(rand() * 30));
          else if (p.pack && rand() < 0.04) unit = p.pack.unit;
          else if (!p.dear) {
            const r = rand();
            qty = r < 0.7 ? 1n : r < 0.9 ? 2n : BigInt(3 + Math.floor(rand() * 3));
          }
          const factor = p.units.find((u) => u.unit === unit)!.factorBase;
          const pr = priceOf(p, unit, member !== null);
          if ('code' in pr) throw new Error(`demo shop: ${pr.code}`);
          const qtyBase = qty * factor;
          const amount = lineAmount(qtyBase, pr.priceRupiah, pr.priceBase);
          const share =
            p.consignorId === null
              ? null
              : consignmentSplit(amount, p.marginBps).consignorShareRupiah;
          lines.push({
            product: p,
            unit,
            qty,
            qtyBase,
            price: pr.priceRupiah,
            priceBase: pr.priceBase,
            amount,
            cost: 0n,
            share,
          });
        }
        const total = lines.reduce((x, l) => x + l.amount, 0n);
        let method: Sale['method'] = rand() < 0.72 ? 'cash' : 'qris';
        if (member) {
          const r = rand();
          const owed = creditOwed.get(member.id.toString()) ?? 0n;
          const bal = member.sukarelaId ? (balances.get(member.sukarelaId.toString()) ?? 0n) : 0n;
          if (member.creditLimit > 0n && r < 0.4 && owed + total <= member.creditLimit) {
            method = 'member_credit';
            creditOwed.set(member.id.toString(), owed + total);
            creditOfLastMonth.set(
              member.id.toString(),
              (creditOfLastMonth.get(member.id.toString()) ?? 0n) + total,
            );
          } else if (member.sukarelaId && r < 0.55 && bal - total >= 60_000n) {
            method = 'member_account';
            balances.set(member.sukarelaId.toString(), bal - total);
          }
        }
        const tendered =
          method === 'cash'
            ? (() => {
                const steps = [2_000n, 5_000n, 10_000n, 20_000n, 50_000n, 100_000n];
                const exact = rand() < 0.25;
                if (exact) return total;
                const step = steps.find((x) => x * 4n >= total) ?? 100_000n;
                return ((total + step - 1n) / step) * step;
              })()
            : null;
        out.push({
          till: t,
          date,
          soldAt,
          clientSaleId: uuidOf(rand),
          member,
          lines,
          total,
          method,
          reference:
            method === 'qris' ? `QR${String(Math.floor(rand() * 1e12)).padStart(12, '0')}` : null,
          tendered,
        });
      }
    }
    return out.sort((a, b) => a.soldAt.localeCompare(b.soldAt));
  }

  function chained(s: NonNullable<typeof state>, sale: Sale, receiptNo: number): ChainedSale {
    return {
      tillId: s.tills[sale.till]!.id.toString(),
      receiptNo,
      clientSaleId: sale.clientSaleId,
      soldAt: sale.soldAt,
      memberId: sale.member?.id.toString() ?? null,
      lines: sale.lines.map((l) => ({
        productId: l.product.id.toString(),
        unit: l.unit,
        qty: l.qty.toString(),
        qtyBase: l.qtyBase.toString(),
        priceRupiah: l.price.toString(),
        priceBase: l.priceBase.toString(),
        amountRupiah: l.amount.toString(),
      })),
      totalRupiah: sale.total.toString(),
      paymentMethod: sale.method,
      paymentReference: sale.reference,
      tenderedRupiah: sale.tendered?.toString() ?? null,
    };
  }

  /** The distributors' deliveries for what the month will sell; the producers' goods. */
  async function deliveries(s: NonNullable<typeof state>, month: string, sales: Sale[]) {
    const need = new Map<bigint, bigint>();
    for (const sale of sales)
      for (const l of sale.lines)
        need.set(l.product.id, (need.get(l.product.id) ?? 0n) + l.qtyBase);
    const stock = await inOrg(deps, s.pengurus, (o) =>
      lockStock(
        o,
        s.outletId,
        s.products.map((p) => p.id),
      ),
    );
    const bySupplier = new Map<
      bigint,
      { productId: bigint; unit: string; qty: bigint; costRupiah: bigint }[]
    >();
    for (const p of s.products) {
      const sold = need.get(p.id) ?? 0n;
      const onHand = stock.get(p.id.toString())?.qtyBase ?? 0n;
      // the producers bring their goods once a quarter, for three months
      const consigned = p.consignorId !== null;
      if (consigned && Number(month.slice(5)) % 3 !== 0) continue;
      const want = ((consigned ? 3n : 1n) * sold * 6n) / 5n + (p.weighed ? 2_000n : 4n) - onHand;
      if (want <= 0n) continue;
      const unit = p.weighed ? 'kg' : (p.pack?.unit ?? 'pcs');
      const factor = p.weighed ? 1000n : (p.pack?.factor ?? 1n);
      const qty = (want + factor - 1n) / factor;
      const supplierId = p.consignorId ?? s.suppliers[p.supplier]!;
      const cost =
        p.consignorId === null
          ? (qty * factor * p.costRupiah + p.priceUnitBase / 2n) / p.priceUnitBase
          : 0n;
      const lines = bySupplier.get(supplierId) ?? [];
      lines.push({ productId: p.id, unit, qty, costRupiah: cost });
      bySupplier.set(supplierId, lines);
    }
    const received = `${month}-01`;
    const invoices: { id: bigint; total: bigint; paidOn: string }[] = [];
    await inOrg(deps, s.pengurus, async (o) => {
      let n = 0;
      for (const [supplierId, lines] of bySupplier) {
        const consignment = s.producers.some((p) => p.supplierId === supplierId);
        const r = await receiveGoodsIn(o, {
          supplierId,
          outletId: s.outletId,
          receivedOn: received,
          invoiceNo: consignment
            ? null
            : `INV/${month.replace('-', '')}/${String(++n).padStart(3, '0')}`,
          dueOn: consignment ? null : addDays(received, 30),
          lines,
        });
        if (!consignment && BigInt(r.totalRupiah) > 0n)
          invoices.push({
            id: BigInt(r.id),
            total: BigInt(r.totalRupiah),
            paidOn: addDays(received, 25),
          });
      }
    });
    return invoices;
  }

  /** Days written set-based: costs at moving average, one entry per day per till. */
  async function writeDays(s: NonNullable<typeof state>, sales: Sale[]) {
    if (sales.length === 0) return;
    await inOrg(deps, s.kasir, async (o) => {
      const stock = await lockStock(
        o,
        s.outletId,
        s.products.map((p) => p.id),
      );
      for (const sale of sales)
        for (const l of sale.lines) {
          const key = l.product.id.toString();
          const out = issue(stock.get(key)!, l.qtyBase);
          stock.set(key, out.state);
          l.cost = l.product.consignorId === null ? out.costRupiah : 0n;
        }
      await saveStock(o, s.outletId, stock);
      // one entry per day and till
      const groups = new Map<string, Sale[]>();
      for (const sale of sales) {
        const k = `${sale.date}|${sale.till}`;
        const g = groups.get(k) ?? [];
        g.push(sale);
        groups.set(k, g);
      }
      const saleRows: Record<string, unknown>[] = [];
      const lineRows: Record<string, unknown>[] = [];
      const savingsRows: Record<string, unknown>[] = [];
      const sukarela = new Map<string, bigint>();
      for (const [k, g] of groups) {
        const [date, tillIndex] = k.split('|');
        const till = s.tills[Number(tillIndex)]!;
        let cash = 0n;
        let qris = 0n;
        let cost = 0n;
        const account = new Map<bigint, bigint>();
        const credit = new Map<bigint, bigint>();
        let memberSales = 0n;
        const consignor = new Map<bigint, bigint>();
        let publicSales = 0n;
        const add = (m: Map<bigint, bigint>, key: bigint, v: bigint) =>
          m.set(key, (m.get(key) ?? 0n) + v);
        for (const sale of g) {
          if (sale.method === 'cash') cash += sale.total;
          else if (sale.method === 'qris') qris += sale.total;
          else if (sale.method === 'member_account') add(account, sale.member!.id, sale.total);
          else add(credit, sale.member!.id, sale.total);
          for (const l of sale.lines) {
            const own = l.share === null ? l.amount : l.amount - l.share;
            if (l.share !== null && l.share > 0n)
              add(consignor, l.product.consignorMemberId!, l.share);
            cost += l.cost;
            if (sale.member) memberSales += own;
            else publicSales += own;
          }
        }
        const lines: PostingLine[] = [];
        if (cash > 0n)
          lines.push({ account: { role: 'cash' }, debitRupiah: cash, branchId: s.branchId });
        if (qris > 0n) lines.push({ account: { role: 'qrisClearing' }, debitRupiah: qris });
        for (const [m, v] of account)
          lines.push({ account: { role: 'savingsSukarela' }, debitRupiah: v, memberId: m });
        for (const [m, v] of credit)
          lines.push({ account: { role: 'goodsCreditReceivable' }, debitRupiah: v, memberId: m });
        // the members' purchases in one line: their SHU participation is read per member from
        // shop_sales (src/db/shu.repo.ts), and fewer lines keep the year's seeding quick
        if (memberSales > 0n)
          lines.push({ account: { role: 'salesMembers' }, creditRupiah: memberSales });
        if (publicSales > 0n)
          lines.push({ account: { role: 'salesNonMembers' }, creditRupiah: publicSales });
        for (const [m, v] of consignor)
          lines.push({ account: { role: 'consignmentPayable' }, creditRupiah: v, memberId: m });
        if (cost > 0n)
          lines.push(
            { account: { role: 'costOfGoodsSold' }, debitRupiah: cost },
            { account: { role: 'inventory' }, creditRupiah: cost },
          );
        const first = s.chain[Number(tillIndex)]!.receiptNo + 1;
        const posted = await postEntry(o, {
          entryDate: date!,
          description: `Rekap penjualan toko ${till.code} ${date} (${receiptNumber(till.code, first)} s.d. ${receiptNumber(till.code, first + g.length - 1)})`,
          source: { type: 'shop.sales-day', id: `${till.code}/${date}` },
          series: seriesOfDesk(till.deskCode),
          branchId: s.branchId,
          lines,
        });
        for (const sale of g) {
          const c = s.chain[sale.till]!;
          const receiptNo = c.receiptNo + 1;
          const hash = receiptHash(c.hash, chained(s, sale, receiptNo));
          let savingsAccountId: bigint | null = null;
          if (sale.method === 'member_account') {
            savingsAccountId = sale.member!.sukarelaId!;
            const key = savingsAccountId.toString();
            const after = (sukarela.get(key) ?? balancesAtStart.get(key) ?? 0n) - sale.total;
            sukarela.set(key, after);
            savingsRows.push({
              account_id: key,
              kind: 'shop-purchase',
              sign: -1,
              amount: sale.total.toString(),
              after: after.toString(),
              date: sale.date,
              entry: posted.entryId.toString(),
            });
          }
          saleRows.push({
            till_id: till.id.toString(),
            receipt_no: receiptNo,
            client_sale_id: sale.clientSaleId,
            outlet_id: s.outletId.toString(),
            cashier_user_id: s.kasir.actor.userId,
            member_id: sale.member?.id.toString() ?? null,
            sold_at: sale.soldAt,
            business_date: sale.date,
            total: sale.total.toString(),
            cost: sale.lines.reduce((x, l) => x + l.cost, 0n).toString(),
            payment_method: sale.method,
            payment_reference: sale.reference,
            tendered: sale.tendered?.toString() ?? null,
            savings_account_id: savingsAccountId?.toString() ?? null,
            prev_hash: c.hash,
            hash,
            entry: posted.entryId.toString(),
          });
          for (const [i, l] of sale.lines.entries())
            lineRows.push({
              client_sale_id: sale.clientSaleId,
              line_no: i + 1,
              product_id: l.product.id.toString(),
              unit: l.unit,
              qty: l.qty.toString(),
              qty_base: l.qtyBase.toString(),
              price: l.price.toString(),
              price_base: l.priceBase.toString(),
              amount: l.amount.toString(),
              cost: l.cost.toString(),
              consignor_id: l.product.consignorId?.toString() ?? null,
              share: l.share?.toString() ?? null,
            });
          c.receiptNo = receiptNo;
          c.hash = hash;
        }
      }
      const ids = await repo.insertSales(o.tx, coop, JSON.stringify(saleRows));
      const saleOf = new Map(ids.map((r) => [r.client_sale_id, r]));
      for (const l of lineRows) {
        const sale = saleOf.get(l.client_sale_id as string)!;
        l.sale_id = sale.id.toString();
        l.entry = sale.journal_entry_id.toString();
        l.date = String(sale.business_date).slice(0, 10);
        delete l.client_sale_id;
      }
      await repo.insertSaleLinesAndMoves(o.tx, coop, s.outletId, JSON.stringify(lineRows));
      for (const [i, t] of s.tills.entries())
        await repo.setTillHead(o.tx, coop, t.id, s.chain[i]!.receiptNo, s.chain[i]!.hash);
      if (savingsRows.length > 0) {
        await insertMonthMovements(o.tx, coop, JSON.stringify(savingsRows));
        await applyMonthMovements(o.tx, coop, JSON.stringify(savingsRows));
      }
    });
    salesCount += sales.length;
  }

  /** The last days at the point of sale itself: a session per till and day, every sale recorded. */
  async function ringUp(s: NonNullable<typeof state>, sales: Sale[]) {
    const days = [...new Set(sales.map((x) => x.date))].sort();
    for (const day of days)
      for (const [t, till] of s.tills.entries()) {
        const todays = sales.filter((x) => x.date === day && x.till === t);
        if (todays.length === 0) continue;
        const float = 300_000n;
        const session = await openSession(at(deps, day, 7), s.kasir, {
          deskId: till.deskId,
          businessDate: day,
          openingFloatRupiah: float,
        });
        await inOrg(at(deps, day, 12), s.kasir, async (o) => {
          for (const sale of todays) {
            const c = s.chain[t]!;
            const receiptNo = c.receiptNo + 1;
            const hash = receiptHash(c.hash, chained(s, sale, receiptNo));
            const input: SaleInput = {
              clientSaleId: sale.clientSaleId,
              tillId: till.id,
              receiptNo,
              prevHash: c.hash,
              hash,
              soldAt: sale.soldAt,
              memberId: sale.member?.id ?? null,
              lines: sale.lines.map((l) => ({
                productId: l.product.id,
                unit: l.unit,
                qty: l.qty,
                qtyBase: l.qtyBase,
                priceRupiah: l.price,
                priceBase: l.priceBase,
                amountRupiah: l.amount,
              })),
              totalRupiah: sale.total,
              paymentMethod: sale.method,
              paymentReference: sale.reference,
              tenderedRupiah: sale.tendered,
              offline: false,
            };
            await recordSaleIn(o, input);
            c.receiptNo = receiptNo;
            c.hash = hash;
          }
        });
        const cash = todays.filter((x) => x.method === 'cash').reduce((a, x) => a + x.total, 0n);
        await closeSession(at(deps, day, 21), s.kasir, BigInt(session.id), {
          countedRupiah: float + cash,
          entryDate: day,
        });
        realCount += todays.length;
      }
    salesCount += sales.length;
  }

  let balancesAtStart = new Map<string, bigint>();

  async function month(month: string): Promise<void> {
    const first = `${month}-01`;
    if (first > lastDay || first < HISTORY_FROM) return;
    state ??= await setUp();
    const s = state;
    const end = lastDayOf(month) < lastDay ? lastDayOf(month) : lastDay;
    // the month's balances after the counter's movements
    balances.clear();
    for (const a of await repo.accountBalances(deps.database.db, coop))
      if (a.status === 'active') balances.set(a.id.toString(), a.balance_rupiah);
    balancesAtStart = new Map(balances);
    // last month's goods credit paid back on the 10th (potong gaji or at the counter)
    const repaid = creditOfLastMonth;
    creditOfLastMonth = new Map();
    const sales: Sale[] = [];
    for (let d = first; d <= end; d = addDays(d, 1)) {
      if (d === addDays(first, 9))
        for (const [m, v] of repaid) creditOwed.set(m, (creditOwed.get(m) ?? 0n) - v);
      sales.push(...daySales(s, d));
    }
    const invoices = await deliveries(s, month, sales);
    await creditRepaid(s, month, repaid);
    await writeDays(
      s,
      sales.filter((x) => x.date < realFrom),
    );
    await ringUp(
      s,
      sales.filter((x) => x.date >= realFrom),
    );
    await monthEnd(s, month, end, sales, repaid);
    // last month's invoices paid from the bank (this month's are due next month)
    for (const inv of unpaidInvoices)
      await paySupplier(deps, s.pengurus, inv.id, {
        amountRupiah: inv.total,
        method: 'bank',
        paidOn: inv.paidOn,
      });
    unpaidInvoices = invoices;
    if (month === '2026-06') await opname(s, end);
  }

  async function creditRepaid(
    s: NonNullable<typeof state>,
    month: string,
    repaid: Map<string, bigint>,
  ) {
    const repay = [...repaid.values()].reduce((a, v) => a + v, 0n);
    if (repay > 0n)
      await inOrg(deps, s.pengurus, (o) =>
        postEntry(o, {
          entryDate: addDays(`${month}-01`, 9),
          description: `Pelunasan kredit barang anggota bulan sebelumnya (${month})`,
          source: { type: 'demo.shop-credit', id: month },
          lines: [
            { account: { role: 'cash' }, debitRupiah: repay, branchId: s.branchId },
            ...[...repaid].map(([m, v]) => ({
              account: { role: 'goodsCreditReceivable' },
              creditRupiah: v,
              memberId: BigInt(m),
            })),
          ],
        }),
      );
  }

  async function monthEnd(
    s: NonNullable<typeof state>,
    month: string,
    end: string,
    sales: Sale[],
    repaid: Map<string, bigint>,
  ) {
    const cash = sales.filter((x) => x.method === 'cash').reduce((a, x) => a + x.total, 0n);
    const qris = sales.filter((x) => x.method === 'qris').reduce((a, x) => a + x.total, 0n);
    const repay = [...repaid.values()].reduce((a, v) => a + v, 0n);
    await inOrg(deps, s.pengurus, async (o) => {
      await postTransfer(o, {
        entryDate: end,
        description: `Setoran hasil penjualan toko ke bank ${month}`,
        source: { type: 'demo.cash-to-bank', id: `shop-${month}` },
        debit: 'bank',
        credit: 'cash',
        amount: cash + repay,
      });
      const fee = (qris * 3n) / 1000n; // MDR 0.3 %
      await postEntry(o, {
        entryDate: end,
        description: `Pencairan dana QRIS ke rekening bank ${month} (MDR 0,3 %)`,
        source: { type: 'demo.shop-qris', id: month },
        lines: [
          { account: { role: 'bank' }, debitRupiah: qris - fee },
          { account: { code: '5209' }, debitRupiah: fee },
          { account: { role: 'qrisClearing' }, creditRupiah: qris },
        ],
      });
      // the producers' consignment sales of the month into their sukarela (the last month waits)
      if (end !== lastDay) {
        const per = new Map<bigint, { share: bigint; memberId: bigint }>();
        for (const sale of sales)
          for (const l of sale.lines)
            if (l.product.consignorId !== null) {
              const e = per.get(l.product.consignorId) ?? {
                share: 0n,
                memberId: l.product.consignorMemberId!,
              };
              e.share += l.share!;
              per.set(l.product.consignorId, e);
            }
        // each producer with a sukarela account is paid through the app's own settlement
        const hasSukarela = new Set(s.members.filter((m) => m.sukarelaId).map((m) => m.id));
        for (const [supplierId, e] of per)
          if (e.share > 0n && hasSukarela.has(e.memberId))
            await settleConsignmentIn(o, supplierId, { throughDate: end, settledOn: end });
      }
    });
  }

  /** The end-of-June count of sembako and toiletries: a few short, one over. */
  async function opname(s: NonNullable<typeof state>, day: string) {
    const stock = await inOrg(deps, s.pengurus, (o) =>
      lockStock(
        o,
        s.outletId,
        s.products.map((p) => p.id),
      ),
    );
    const counted = s.products
      .filter(
        (p) =>
          p.consignorId === null &&
          (p.cat === 'sembako' || p.cat === 'perlengkapan mandi' || p.cat === 'sayur & buah') &&
          (stock.get(p.id.toString())?.qtyBase ?? 0n) > 0n,
      )
      .slice(0, 60);
    const diffs = new Map<number, bigint>([
      [3, -1n],
      [11, -2n],
      [19, -1n],
      [27, 1n],
      [34, -3n],
    ]);
    const weighed = counted.findIndex((p) => p.weighed);
    await postOpname(deps, s.pengurus, {
      outletId: s.outletId,
      countedOn: day,
      note: 'Stock opname akhir semester I: sembako, perlengkapan mandi, sayur dan buah',
      lines: counted.map((p, i) => {
        const sys = stock.get(p.id.toString())!.qtyBase;
        let d = diffs.get(i) ?? 0n;
        if (i === weighed) d = -350n; // susut timbang
        const c = sys + d;
        return { productId: p.id, countedQtyBase: c < 0n ? 0n : c };
      }),
    });
  }

  return {
    month,
    counts: () => ({
      products: state?.products.length ?? 0,
      sales: salesCount,
      realSales: realCount,
      tills: state?.tills.map((t) => t.id) ?? [],
    }),
  };
}
