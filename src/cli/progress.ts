import cliProgress from 'cli-progress';
import type { Progress } from '../services/backup.js';
import type { Output } from './io.js';

/** A progress bar per table on a terminal; quiet one-line-per-table output otherwise (CI, pipes). */
export function tableProgress(stderr: Output): Progress {
  if (!stderr.isTTY) {
    return {
      start: (table, total) => stderr.write(`  ${table}: ${total} rows\n`),
      advance() {},
      stop() {},
    };
  }
  const bars = new cliProgress.MultiBar(
    {
      format: '  {table} |{bar}| {value}/{total}',
      hideCursor: true,
      clearOnComplete: false,
      stream: stderr as NodeJS.WritableStream,
    },
    cliProgress.Presets.shades_classic,
  );
  let bar: cliProgress.SingleBar | undefined;
  return {
    start(table, total) {
      bar?.stop();
      bar = bars.create(Math.max(total, 1), 0, { table: table.padEnd(28) });
      if (total === 0) bar.update(1);
    },
    advance(rows) {
      bar?.increment(rows);
    },
    stop() {
      bar?.stop();
      bars.stop();
    },
  };
}
