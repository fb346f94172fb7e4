import type { PaymentMethod } from './api';

/** What a printed receipt shows, kept with the sale when it is rung up (online or offline). */
export interface ReceiptData {
  cooperativeName: string;
  outletName: string;
  tillCode: string;
  receiptNumber: string;
  soldAt: string;
  cashier: string;
  lines: { name: string; qty: string; unit: string; priceRupiah: string; amountRupiah: string }[];
  totalRupiah: string;
  paymentMethod: PaymentMethod;
  paymentReference: string | null;
  tenderedRupiah: string | null;
  changeRupiah: string;
  member: { number: string; name: string } | null;
  hash: string;
  offline: boolean;
}

export type PaperWidth = '58' | '80';

/** Characters per line of a thermal printer's standard font: 32 on 58 mm paper, 48 on 80 mm. */
export const COLUMNS: Record<PaperWidth, number> = { '58': 32, '80': 48 };

/** The first characters of the receipt's chain hash, printed so a receipt can be matched to the books. */
export const hashPrefix = (hash: string) => hash.slice(0, 12);

/** Which direct printer connections (WebUSB, Web Serial) this browser offers. */
export const printerLinks = () => ({ usb: 'usb' in navigator, serial: 'serial' in navigator });
