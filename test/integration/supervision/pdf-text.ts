import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF written by pdfmake/PDFKit, enough to assert what it says: every content stream
 * inflated, the hex strings of each TJ/Tj operator decoded (standard fonts, WinAnsi), one line per
 * operator.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  const streamRe = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamRe.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const bytes = Buffer.from(raw.slice(start, end), 'latin1');
    let text: string;
    try {
      text = inflateSync(bytes).toString('latin1');
    } catch {
      text = bytes.toString('latin1');
    }
    for (const op of text.matchAll(/\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const body = op[1] ?? `<${op[2] ?? ''}>`;
      const hexes = [...body.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) =>
        Buffer.from(h[1] ?? '', 'hex').toString('latin1'),
      );
      lines.push(hexes.join(''));
    }
    streamRe.lastIndex = end + 'endstream'.length;
  }
  return lines.join('');
}
