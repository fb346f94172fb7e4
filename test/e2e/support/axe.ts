/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeNode {
  target: string[];
  /** for color-contrast: the colours and ratio axe measured */
  any?: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } | null }[];
}
interface AxeResult {
  violations: { id: string; impact: string | null; nodes: AxeNode[] }[];
}

const measured = (n: AxeNode) => {
  const d = n.any?.[0]?.data;
  return d?.fgColor ? ` [${d.fgColor} on ${d.bgColor}: ${d.contrastRatio}]` : '';
};

/** WCAG 2 A and AA violations on the whole page (shell and content), by rule and the first elements concerned. */
export async function axeViolations(page: Page): Promise<string[]> {
  // evaluated through the DevTools protocol, not as a <script> element: the page's
  // Content-Security-Policy refuses inline scripts, as it should
  await page.evaluate(AXE_SOURCE);
  // A modal or a menu still fading in is measured at its blended colours (seen once in CI: the
  // year-end confirm button's label at 3.16:1 during the modal's transition; the same check passes
  // once it is shown). Wait for the page's finite animations and transitions to end; an endless
  // one (a loader) is left running.
  await page.evaluate(() =>
    Promise.race([
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().endTime !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
      new Promise((resolve) => setTimeout(resolve, 2_000)),
    ]),
  );
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: unknown, o: unknown): Promise<AxeResult> } }
    ).axe;
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] },
    });
  });
  return result.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? ''}): ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')}${measured(n)}`)
        .join(', ')}`,
  );
}
