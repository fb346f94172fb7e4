/**
 * The receipt as ESC/POS bytes for a 58/80 mm thermal printer, sent over WebUSB or Web Serial
 * where the browser offers them (Chromium on a laptop). Loaded on demand: the encoder is a chunk
 * of its own that a till without such a printer never downloads.
 */
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { COLUMNS, hashPrefix, type PaperWidth, type ReceiptData } from './receipt';

/** Rupiah without the symbol, dots between thousands: what fits a 32-column line. */
const amount = (v: string) => BigInt(v).toLocaleString('id-ID');

export interface EscposWords {
  number: string;
  total: string;
  change: string;
  member: string;
  reference: string;
  offline: string;
  hash: string;
  thanks: string;
  method: string;
}

export function encodeReceipt(data: ReceiptData, width: PaperWidth, words: EscposWords) {
  const columns = COLUMNS[width];
  const e = new ReceiptPrinterEncoder({ language: 'esc-pos', columns });
  const pair = (left: string, right: string) => {
    const room = Math.max(1, columns - right.length);
    const l = left.length > room - 1 ? left.slice(0, room - 1) : left;
    return l + ' '.repeat(columns - l.length - right.length) + right;
  };
  e.initialize()
    .codepage('auto')
    .align('center')
    .bold(true)
    .line(data.cooperativeName)
    .bold(false)
    .line(data.outletName)
    .align('left')
    .rule()
    .line(pair(words.number, data.receiptNumber))
    .line(new Date(data.soldAt).toLocaleString('id-ID', { timeZone: 'Asia/Jakarta' }))
    .line(data.cashier)
    .rule();
  for (const l of data.lines) {
    e.line(l.name);
    e.line(pair(`${l.qty} ${l.unit} x ${amount(l.priceRupiah)}`, amount(l.amountRupiah)));
  }
  e.rule()
    .bold(true)
    .line(pair(words.total, amount(data.totalRupiah)))
    .bold(false)
    .line(pair(words.method, amount(data.tenderedRupiah ?? data.totalRupiah)));
  if (data.paymentMethod === 'cash') e.line(pair(words.change, amount(data.changeRupiah)));
  if (data.paymentReference) e.line(`${words.reference}: ${data.paymentReference}`);
  if (data.member) e.line(`${words.member}: ${data.member.number} ${data.member.name}`);
  if (data.offline) e.line(words.offline);
  e.rule()
    .align('center')
    .line(`${words.hash}: ${hashPrefix(data.hash)}`)
    .line(words.thanks)
    .newline(3)
    .cut('partial');
  return e.encode();
}

// The parts of WebUSB and Web Serial used here (not in TypeScript's DOM library).
interface UsbEndpoint {
  direction: 'in' | 'out';
  endpointNumber: number;
}
interface UsbDevice {
  configuration: { interfaces: { alternate: { endpoints: UsbEndpoint[] } }[] } | null;
  open(): Promise<void>;
  close(): Promise<void>;
  selectConfiguration(n: number): Promise<void>;
  claimInterface(n: number): Promise<void>;
  transferOut(endpoint: number, data: Uint8Array): Promise<unknown>;
}
interface SerialPort {
  open(o: { baudRate: number }): Promise<void>;
  close(): Promise<void>;
  writable: WritableStream<Uint8Array> | null;
}
interface PrinterNavigator {
  usb?: { requestDevice(o: { filters: object[] }): Promise<UsbDevice> };
  serial?: { requestPort(): Promise<SerialPort> };
}

const nav = () => navigator as Navigator & PrinterNavigator;

/** Asks the cashier to pick the printer (the browser's own chooser) and sends the bytes. */
export async function sendToPrinter(bytes: Uint8Array, link: 'usb' | 'serial') {
  const n = nav();
  if (link === 'usb' && n.usb) {
    const device = await n.usb.requestDevice({ filters: [] });
    await device.open();
    if (!device.configuration) await device.selectConfiguration(1);
    await device.claimInterface(0);
    const out = device.configuration?.interfaces[0]?.alternate.endpoints.find(
      (x) => x.direction === 'out',
    );
    if (!out) throw new Error('no output endpoint');
    await device.transferOut(out.endpointNumber, bytes);
    await device.close();
    return;
  }
  if (link === 'serial' && n.serial) {
    const port = await n.serial.requestPort();
    await port.open({ baudRate: 9600 });
    const writer = port.writable?.getWriter();
    if (!writer) throw new Error('the port is not writable');
    await writer.write(bytes);
    writer.releaseLock();
    await port.close();
    return;
  }
  throw new Error('no printer link');
}
