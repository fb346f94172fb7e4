/**
 * Exact arithmetic for the health rubrics: rupiah are bigint, ratios are fractions of bigints,
 * and a figure becomes a two-decimal number exactly once, by ROUNDING RULE R:
 *
 *   R. A fraction is rounded to two decimals half away from zero (12.345 → 12.35,
 *      -12.345 → -12.35), and the rounded value is what is printed AND what is compared with
 *      band edges and predikat cut-offs, so a reader can check every band from the printed
 *      figures alone.
 *
 * Two-decimal numbers travel as bigint hundredths (75.5 % → 7550n).
 */

/** n / d with d > 0. */
export interface Fraction {
  n: bigint;
  d: bigint;
}

export const fraction = (n: bigint, d = 1n): Fraction => (d < 0n ? { n: -n, d: -d } : { n, d });

export const add = (a: Fraction, b: Fraction): Fraction => ({
  n: a.n * b.d + b.n * a.d,
  d: a.d * b.d,
});

export const mul = (a: Fraction, b: Fraction): Fraction => ({ n: a.n * b.n, d: a.d * b.d });

/** "0.75", "-1", "12" → a fraction; at most 8 decimals (rubric coefficients, band edges). */
export function parseDecimal(text: string): Fraction {
  const m = /^(-?)([0-9]+)(?:\.([0-9]{1,8}))?$/.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const decimals = m[3] ?? '';
  const n = BigInt(`${m[2]}${decimals}`) * (m[1] ? -1n : 1n);
  return { n, d: 10n ** BigInt(decimals.length) };
}

/** Rule R: the fraction rounded to hundredths, half away from zero. */
export function toHundredths(f: Fraction): bigint {
  const scaled = (f.n < 0n ? -f.n : f.n) * 100n;
  let q = scaled / f.d;
  if ((scaled % f.d) * 2n >= f.d) q += 1n;
  return f.n < 0n ? -q : q;
}

/** A band edge or cut-off written with at most two decimals, as hundredths ("7.5" → 750n). */
export function hundredthsOf(text: string): bigint {
  const f = parseDecimal(text);
  const h = f.n * 100n;
  if (h % f.d !== 0n) throw new Error(`more than two decimals: ${text}`);
  return h / f.d;
}

/** 7550n → "75.50", -5n → "-0.05". */
export function formatHundredths(h: bigint): string {
  const abs = h < 0n ? -h : h;
  const whole = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${h < 0n ? '-' : ''}${whole}.${cents}`;
}

/** Rule R applied to n / d × 100: a ratio in percent, as hundredths of a percent. */
export const percentHundredths = (num: Fraction, den: Fraction): bigint =>
  toHundredths({ n: num.n * den.d * 100n, d: num.d * den.n });
