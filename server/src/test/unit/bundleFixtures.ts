/**
 * Generated bundles for the bundle-index tests: one long, deterministic log split into rotated files
 * at entry boundaries, so sessions start in one file and stop in a later one.
 */
import { gzipSync } from 'node:zlib';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bcLinked, bcReject, BcSession, bcStart, bcStop, oagAuthz, oagLogin, oagLogout, oagSession, prng } from './helpers';

const USERS = ['jruser', 'akim', 'dpatel', 'mlopez', 'tnguyen', 'rsingh'];
const APPS = [['PromCLI', 'com.mocana.promcli'], ['Acme Mail', 'com.acme.mail'], ['Docs', 'com.acme.docs']];

/** Entries of a Blue Cedar log (each a string ending with a line break), in time order. */
export function blueCedarEntries(count: number, seed: number, start = Date.UTC(2021, 10, 11, 8, 0, 0)): string[] {
  const rnd = prng(seed);
  const entries: string[] = [];
  const open: BcSession[] = [];
  let t = start;
  let gsid = 3_000_000_000;
  for (let n = 0; entries.length < count; n++) {
    t += 1000 + Math.floor(rnd() * 20_000);
    const r = rnd();
    const pretty = rnd() < 0.3;
    const withYear = rnd() < 0.7;
    if (r < 0.2 || open.length === 0) {
      const app = APPS[Math.floor(rnd() * APPS.length)];
      // One session in six is paired by identity (appGsid 0), as older gateways log them.
      const s: BcSession & { started: number } = {
        username: USERS[Math.floor(rnd() * USERS.length)], appName: app[0], appPackageId: app[1],
        uniqueId: `00:11:22:33:${String(n % 97).padStart(2, '0')}:aa`, assignedIp: `10.24.0.${n % 250}`,
        appGsid: rnd() < 1 / 6 ? 0 : gsid++, started: t,
      };
      open.push(s);
      entries.push(bcStart(t, s, { pretty, withYear }));
    } else if (r < 0.4) {
      const s = open.splice(Math.floor(rnd() * open.length), 1)[0] as BcSession & { started: number };
      const seconds = Math.round((t - s.started) / 1000);
      entries.push(bcStop(t, { ...s, durationSeconds: seconds, duration: `${Math.floor(seconds / 60)} minutes ${seconds % 60} seconds` }, { pretty, withYear }));
    } else if (r < 0.45) {
      entries.push(bcReject(t, USERS[Math.floor(rnd() * USERS.length)]));
    } else {
      const s = open[Math.floor(rnd() * open.length)];
      entries.push(bcLinked(t, s.appGsid, `Adding tunnel interface vt${n % 40} with address ${s.assignedIp}`, rnd() < 0.5 ? 'INTFMGR' : 'IKE'));
    }
  }
  return entries;
}

/** Entries (lines) of an OAG audit log, in time order. */
export function oagEntries(count: number, seed: number, start = Date.UTC(2021, 8, 14, 13, 0, 0)): string[] {
  const rnd = prng(seed);
  const entries: string[] = [];
  const open: { id: string; user: string; app: string }[] = [];
  let t = start;
  for (let n = 0; entries.length < count; n++) {
    t += 500 + Math.floor(rnd() * 5000);
    const r = rnd();
    if (r < 0.15 || open.length === 0) {
      const s = { id: `_${n.toString(16).padStart(8, '0')}${Math.floor(rnd() * 1e9).toString(16)}`, user: `${USERS[Math.floor(rnd() * USERS.length)]}@acme.example`, app: APPS[Math.floor(rnd() * APPS.length)][0] };
      open.push(s);
      entries.push(oagLogin(t, s.id, s.user, rnd() < 0.3 ? 'LOCAL' : 'SAML'));
      entries.push(oagSession(t + 200, s.id, s.user, s.app));
    } else if (r < 0.3) {
      const s = open.splice(Math.floor(rnd() * open.length), 1)[0];
      entries.push(oagLogout(t, s.id, s.user, s.app));
    } else {
      const s = open[Math.floor(rnd() * open.length)];
      entries.push(oagAuthz(t, s.id, s.user, s.app, `/r/${n % 50}`, rnd() < 0.2 ? 'DENY' : 'ALLOW'));
    }
  }
  return entries;
}

export interface BundleFile {
  /** File name, as rotation names them (`messages` is the newest). */
  name: string;
  /** The file's text (before compression). */
  text: string;
  gzip: boolean;
}

/**
 * Splits entries into `parts` rotated files, oldest first in the returned list, named so that name
 * order is not time order (`messages.2.gz` is the oldest, `messages` the newest).
 */
export function rotate(entries: readonly string[], parts: number, base: string, options: { gzipEvery?: number; crlf?: boolean } = {}): BundleFile[] {
  const files: BundleFile[] = [];
  const size = Math.ceil(entries.length / parts);
  for (let p = 0; p < parts; p++) {
    const age = parts - 1 - p;
    let text = entries.slice(p * size, (p + 1) * size).join('');
    if (options.crlf) {
      text = text.replace(/\r?\n/g, '\r\n');
    }
    const gzip = options.gzipEvery !== undefined && age > 0 && age % options.gzipEvery === 0;
    files.push({ name: age === 0 ? base : `${base}.${age}${gzip ? '.gz' : ''}`, text, gzip });
  }
  return files;
}

/** Writes the files into `dir`; returns their paths in the same order. */
export function writeBundle(dir: string, files: readonly BundleFile[]): string[] {
  fs.mkdirSync(dir, { recursive: true });
  return files.map((file) => {
    const full = path.join(dir, file.name);
    fs.writeFileSync(full, file.gzip ? gzipSync(Buffer.from(file.text)) : file.text);
    return full;
  });
}

export interface Place {
  file: string;
  line: number;
}

/** Where line `line` of the concatenation is, file by file. */
export function placer(files: readonly BundleFile[]): (line: number) => Place {
  const bases: number[] = [];
  let total = 0;
  for (const file of files) {
    bases.push(total);
    total += file.text.split(/\r\n|\n/).length - 1;
  }
  return (line) => {
    let i = bases.length - 1;
    while (i > 0 && bases[i] > line) {
      i--;
    }
    return { file: files[i].name, line: line - bases[i] };
  };
}
