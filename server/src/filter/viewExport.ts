/**
 * Export of a filtered view: every entry of every part written to a file, as the log's own text, CSV
 * (fixed columns) or NDJSON (every field the parser reads). Never onto one of the view's own logs.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { csvHeader, csvLine, exportRecord, ndjsonLine } from '../service/filters/records';
import { parseLog } from '../service/parse';
import { pathOfFileUri, samePath } from '../fileUris';
import { Plan } from './viewPlans';

/** Writes every entry of the plan (all parts) to `target`. */
export async function exportPlan(plan: Plan, target: string, as: 'log' | 'csv' | 'ndjson'): Promise<{ entries: number; path: string } | { error: string }> {
  const resolved = path.resolve(target);
  const sources = plan.files.map((f) => f.path ?? pathOfFileUri(f.uri)).filter((p): p is string => !!p);
  if (sources.some((p) => samePath(p, resolved)) || await sameFileOnDisk(sources, resolved)) {
    return { error: 'That is the log itself: choose another file (the log is never written to).' };
  }
  // Opened first, so that a folder, a missing folder or a file that cannot be written fails the export
  // (the caller says why) instead of a stream failing later while the answer counts entries.
  const handle = await fs.open(resolved, 'w');
  const out = handle.createWriteStream();
  let failed: Error | undefined;
  out.on('error', (error) => {
    failed = error;
  });
  const write = (text: string): Promise<void> => new Promise((resolve, reject) => {
    if (failed) {
      reject(failed);
      return;
    }
    out.write(text, (error) => (error ? reject(error) : resolve()));
  });
  let count = 0;
  try {
    if (as === 'csv') {
      await write(`${csvHeader()}\n`);
    }
    for (let part = 0; ; part++) {
      const page = await plan.page(part, true);
      if (!page) {
        break;
      }
      const lines = page.text.split(page.eol);
      const { entries } = page;
      let chunk = '';
      for (let k = 0; k < entries.count; k++) {
        const text = lines.slice(entries.viewLine[k], entries.viewLine[k] + entries.lines[k]).join(page.eol);
        const file = plan.files[entries.file[k]];
        if (as === 'log') {
          chunk += text + page.eol;
        } else {
          const log = parseLog(text, file.format);
          const parsed = log.entries[0];
          if (parsed) {
            const record = exportRecord(log, parsed, file.path ?? file.uri, entries.line[k]);
            chunk += `${as === 'csv' ? csvLine(record) : ndjsonLine(record, log, parsed)}\n`;
          }
        }
        count++;
        if (chunk.length > 1 << 20) {
          await write(chunk);
          chunk = '';
        }
      }
      await write(chunk);
      if (!page.end?.more) {
        break;
      }
    }
  } finally {
    await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  if (failed) {
    throw failed;
  }
  return { entries: count, path: resolved };
}

/**
 * Whether `target` is one of the sources under another name: a hard or symbolic link to it, a path
 * through a linked folder, another spelling on a file system that ignores case.
 */
async function sameFileOnDisk(sources: readonly string[], target: string): Promise<boolean> {
  const stat = (p: string) => fs.stat(p, { bigint: true }).catch(() => undefined);
  const wanted = await stat(target);
  if (!wanted) {
    return false;
  }
  for (const source of sources) {
    const known = await stat(source);
    if (known && known.dev === wanted.dev && known.ino === wanted.ino) {
      return true;
    }
  }
  return false;
}
