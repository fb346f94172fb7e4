import type { WarningRule } from './early-warning.js';

/**
 * The message an officer gets when alerts about the cooperatives in their charge are raised or get
 * worse: one message per check, short enough for WhatsApp or SMS (the outbox holds 2,000
 * characters; past ten cooperatives the rest are counted, not listed). Percentages from basis
 * points with a decimal comma, as Indonesian readers write them.
 */

export interface DigestItem {
  cooperative: string;
  rule: WarningRule;
  severity: number;
  value: string;
  threshold: string;
  change: 'raised' | 'escalated';
}

const RULES: Record<WarningRule, { id: string; en: string }> = {
  liquidity: { id: 'likuiditas', en: 'liquidity' },
  npl: { id: 'NPL', en: 'NPL' },
  capital: { id: 'permodalan', en: 'capital' },
  shrinking: { id: 'aset menyusut', en: 'assets shrinking' },
  loss: { id: 'rugi', en: 'loss' },
  reports: { id: 'laporan tidak masuk', en: 'reports missing' },
  rat: { id: 'RAT', en: 'RAT' },
  predikat: { id: 'predikat', en: 'rating' },
};
const SEVERITY = {
  id: ['', 'waspada', 'serius', 'kritis'],
  en: ['', 'watch', 'serious', 'critical'],
};
const BPS_RULES: WarningRule[] = ['liquidity', 'npl', 'capital', 'shrinking'];

/** 1234 bps → '12,34 %' (id) or '12.34 %' (en); exact from the integer. */
export function percentOfBps(bps: number, locale: 'id' | 'en'): string {
  const sign = bps < 0 ? '-' : '';
  const a = Math.abs(bps);
  const frac = String(a % 100).padStart(2, '0');
  const whole = Math.floor(a / 100);
  const f = frac === '00' ? '' : `${locale === 'id' ? ',' : '.'}${frac.replace(/0$/, '')}`;
  return `${sign}${whole}${f} %`;
}

/** What an alert says in words: the figure against its limit, the RAT, the quarters missing. */
export function alertDetail(
  i: Pick<DigestItem, 'rule' | 'value' | 'threshold'>,
  locale: 'id' | 'en',
): string {
  if (BPS_RULES.includes(i.rule))
    return `${percentOfBps(Number(i.value), locale)} (${locale === 'id' ? 'batas' : 'limit'} ${percentOfBps(Number(i.threshold), locale)})`;
  if (i.rule === 'rat')
    return i.value === 'not_held'
      ? locale === 'id'
        ? `belum diadakan, tenggat ${i.threshold}`
        : `not held, due ${i.threshold}`
      : locale === 'id'
        ? `diadakan ${i.value}, tenggat ${i.threshold}`
        : `held ${i.value}, due ${i.threshold}`;
  if (i.rule === 'reports')
    return locale === 'id' ? `${i.value} triwulan` : `${i.value} quarter(s)`;
  return i.value;
}

export function alertDigest(locale: 'id' | 'en', items: DigestItem[]): string {
  const shown = items.slice(0, 10);
  const head =
    locale === 'id'
      ? `Sokoguru peringatan dini: ${items.length} peringatan baru atau memburuk untuk koperasi binaan Anda.`
      : `Sokoguru early warning: ${items.length} new or worsening alert(s) for cooperatives in your charge.`;
  const lines = shown.map(
    (i) =>
      `- ${i.cooperative}: ${RULES[i.rule][locale]} ${alertDetail(i, locale)} [${SEVERITY[locale][i.severity] ?? i.severity}${i.change === 'escalated' ? (locale === 'id' ? ', memburuk' : ', worse') : ''}]`,
  );
  const more =
    items.length > shown.length
      ? [
          locale === 'id'
            ? `… dan ${items.length - shown.length} lainnya.`
            : `… and ${items.length - shown.length} more.`,
        ]
      : [];
  const tail =
    locale === 'id' ? 'Buka Sokoguru > Peringatan dini.' : 'Open Sokoguru > Early warning.';
  return [head, ...lines, ...more, tail].join('\n').slice(0, 2000);
}
