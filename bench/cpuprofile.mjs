// Summarises a V8 .cpuprofile (from node --cpu-prof): self time per function, largest first.
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * @param {{ top?: number, root?: string, fromUs?: number, toUs?: number }} options
 *   fromUs/toUs: only samples taken in this window (V8 sample times share the monotonic clock of
 *   process.hrtime on Linux, so another process can mark the window it is interested in).
 */
/** `file`: a .cpuprofile path, or the profile object itself. */
export function summariseProfile(file, { top = 20, root, fromUs = -Infinity, toUs = Infinity } = {}) {
  const profile = typeof file === 'string' ? JSON.parse(readFileSync(file, 'utf8')) : file;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (at < fromUs || at > toUs) continue;
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const rows = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || '(anonymous)';
    if (name === '(idle)') {
      idle += us;
      continue;
    }
    total += us;
    let where = callFrame.url ? callFrame.url.replace(/^file:\/\//, '') : '';
    if (where && root) where = path.relative(root, where);
    const key = `${name}\t${where}:${callFrame.lineNumber + 1}`;
    rows.set(key, (rows.get(key) ?? 0) + us);
  }
  const sorted = [...rows].sort((a, b) => b[1] - a[1]).slice(0, top).map(([key, us]) => {
    const [fn, where] = key.split('\t');
    return { function: fn, location: where === ':0' ? '' : where, selfMs: +(us / 1000).toFixed(1), percent: +((100 * us) / total).toFixed(1) };
  });
  return { busyMs: +(total / 1000).toFixed(1), idleMs: +(idle / 1000).toFixed(1), top: sorted };
}

export function formatProfile(summary) {
  const lines = [`busy ${summary.busyMs} ms (idle ${summary.idleMs} ms not counted)`, '| self ms | % | function | location |', '|---:|---:|---|---|'];
  for (const r of summary.top) lines.push(`| ${r.selfMs} | ${r.percent} | ${r.function} | ${r.location} |`);
  return lines.join('\n');
}
