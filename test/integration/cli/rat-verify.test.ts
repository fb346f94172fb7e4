import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BoardJson } from '../../../src/domain/rat/ballot/index.js';
import type { OpenedDeps } from '../../../src/services/deps.js';
import { closeAndTally, copy, newElection, register, vote } from '../../unit/rat/election.js';
import { runCli } from './run-cli.js';

/**
 * `sokoguru rat verify --board FILE`: a published board re-checked without a database; exit 0 if
 * every check passes, 1 with the problems listed, 2 if the file is no board.
 */

const noDatabase = {} as OpenedDeps;
const dir = mkdtempSync(join(tmpdir(), 'sg-rat-verify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const verify = (args: string[]) => runCli(noDatabase, ['rat', 'verify', ...args]);

/** setuju 3 (one voter weighted 2), tidak setuju 0, abstain 1; voter b changed their mind. */
function board(): BoardJson {
  const e = newElection(2, 3);
  const [a, b, c] = register(e, [2, 1, 1]);
  vote(e, a!, 2, [0]);
  vote(e, b!, 1, [1]);
  vote(e, c!, 1, [2]);
  vote(e, b!, 1, [0]);
  return closeAndTally(e, [2, 3]);
}
const good = board();

describe('sokoguru rat verify', () => {
  it('a sound board: exit 0, the totals and PASSED, nothing opened', async () => {
    const r = await verify(['--board', file('good.json', good)]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.opened).toBe(0);
    expect(r.stdout).toContain('Papan suara: RAT Tahun Buku 2025 (ksp-demo/rat-2025)');
    expect(r.stdout).toContain('4 surat suara, 3 dihitung (1 diganti suara berikutnya), bobot 4');
    expect(r.stdout).toMatch(/^ {2}setuju: 3\n {2}tidak setuju: 0\n {2}abstain: 1$/m);
    expect(r.stdout).toContain('Hasil: LULUS');
  });

  it('the example board of docs/examples: a motion and an election of pengawas, verified', async () => {
    const example = resolve(import.meta.dirname, '../../../docs/examples/rat-board-2025.json');
    const r = await verify(['--board', example, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      tallyVerified: boolean;
      questions: { questionId: string; counted: number; superseded: number; counts: number[] }[];
    };
    expect(report.tallyVerified).toBe(true);
    // motion: setuju 1, tidak setuju 3 (one voter weighted 2, one changed their mind), abstain 1
    expect(report.questions.map((q) => [q.questionId, q.counted, q.superseded, q.counts])).toEqual([
      ['agenda-3-shu', 4, 1, [1, 3, 1]],
      ['agenda-5-pengawas', 3, 0, [3, 1, 1, 0]],
    ]);
  });

  it('--json: the report as JSON', async () => {
    const r = await verify(['--board', file('good.json', good), '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { ok: boolean; questions: { counts: number[] }[] };
    expect(report.ok).toBe(true);
    expect(report.questions[0]?.counts).toEqual([3, 0, 1]);
  });

  it('a tampered board: exit 1 with each problem and where it is', async () => {
    const bad = copy(good);
    const entry = bad.entries[2];
    if (entry?.kind !== 'ballot') throw new Error('entry 2 is a ballot');
    entry.ballot.choices[1]!.proof.responses[1] = entry.ballot.choices[0]!.proof.responses[0]!;
    bad.tally!.questions[0]!.counts = [4, 0, 0];
    const r = await verify(['--board', file('bad.json', bad)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Hasil: GAGAL');
    expect(r.stdout).toContain('entries[2]: hash entri tidak sama dengan isinya (entri diubah)');
    expect(r.stdout).toContain('entries[2]: bukti pilihan 1 tidak sah');
    const en = await verify(['--board', file('bad.json', bad), '--json', '--lang', 'en']);
    expect(en.code).toBe(1);
    const report = JSON.parse(en.stdout) as {
      ok: boolean;
      problems: { code: string; at: string; message: string }[];
    };
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({
      code: 'ballot-choice-proof',
      at: 'entries[2]',
      params: { choice: 1 },
      message: 'the proof of choice 1 is invalid (not 0 or the weight, or the proof was changed)',
    });
  });

  it('a removed entry: exit 1', async () => {
    const bad = copy(good);
    bad.entries.splice(1, 1);
    const r = await verify(['--board', file('removed.json', bad)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('entries[1]: nomor urut 2, seharusnya 1');
  });

  it('not JSON, not a board, no file: exit 2 with a sentence, in English with --lang en', async () => {
    const notJson = await verify(['--board', file('x.json', '{"format": ')]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^Kesalahan: berkas .*x\.json bukan JSON yang sah/);
    const other = await verify(['--board', file('y.json', { format: 'lain' }), '--lang', 'en']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      /^Error: the file .*y\.json is not a RAT ballot board \(format sokoguru-rat-board\/1\)/,
    );
    expect(other.stdout).toBe('');
    const missing = await verify(['--board', join(dir, 'tidak-ada.json'), '--lang', 'en']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  });
});
