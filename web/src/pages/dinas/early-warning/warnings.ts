import type { TFunction } from 'i18next';

/** Badge colours by severity, dark enough for white text at WCAG AA. */
export const SEVERITY_COLOR = { 1: 'yellow.9', 2: 'orange.9', 3: 'red.9' } as const;

const PERCENT_RULES = ['liquidity', 'npl', 'capital', 'shrinking'];

/** Basis points as a percentage with a decimal comma: 1250 → '12,5 %'. */
export const percentOfBps = (bps: number) =>
  `${(bps / 100).toLocaleString('id-ID', { maximumFractionDigits: 2 })} %`;

/** What a warning measured against its threshold, in words. */
export function warningDetail(
  t: TFunction,
  w: { rule: string; value: string; threshold: string },
): string {
  if (PERCENT_RULES.includes(w.rule))
    return t('watchList.detail.ratio', {
      value: percentOfBps(Number(w.value)),
      threshold: percentOfBps(Number(w.threshold)),
    });
  if (w.rule === 'rat')
    return w.value === 'not_held'
      ? t('watchList.detail.ratNotHeld', { deadline: w.threshold })
      : t('watchList.detail.ratLate', { heldOn: w.value, deadline: w.threshold });
  if (w.rule === 'reports') return t('watchList.detail.reports', { count: Number(w.value) });
  if (w.rule === 'loss') return t('watchList.detail.loss');
  return w.value;
}
