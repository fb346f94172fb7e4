import i18n from './i18n';

const locale = () => (i18n.language === 'en' ? 'en-GB' : 'id-ID');

/** Rupiah from a decimal string or bigint, exact (Intl formats bigint without going through float). */
export function rupiah(value: string | bigint): string {
  const v = typeof value === 'bigint' ? value : BigInt(value);
  return new Intl.NumberFormat('id-ID', {
    style: 'currency',
    currency: 'IDR',
    maximumFractionDigits: 0,
  }).format(v);
}

export function dateTime(iso: string): string {
  return new Intl.DateTimeFormat(locale(), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  }).format(new Date(iso));
}

export function date(isoDate: string): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

/** The digits of a typed amount ("1.000.000" → "1000000"), as the API takes rupiah. */
export const digits = (v: number | string): string => String(v).replace(/[^0-9]/g, '');

/**
 * A percentage the API sends as a decimal string ("30.00", "0.612") in Indonesian notation
 * ("30,00 %"), its digits kept as sent (the server rounded it once); '–' when there is none.
 */
export const percent = (decimal: string | null): string =>
  decimal === null ? '–' : `${decimal.replace('.', ',')} %`;
