/**
 * The bundle index as the plain records the findings rules and the timeline read (the same records an
 * open document gives through factsOfAnalysis), so every rule and the timeline work across files.
 * References name the file; `entry` is the row within it.
 */
import { LevelClass, levelClass } from '../findings/levels';
import { EntryRef, EVENT_FACT_KINDS, EventFacts, FactSet, SessionFacts } from '../findings/model';
import { BLUECEDAR_SEVERITIES, OAG_LEVELS } from '../formats/vocabulary';
import { LogFormat } from '../model';
import { BundleIndex } from './bundleIndex';
import { FLAG_REJECTED, NONE, NO_ZONE } from './columns';
import { FactString } from './facts';

export interface BundleFactsOptions {
  /** Also list entries of error severity (the timeline marks them; no rule reads them). */
  errors?: boolean;
}

const EVENT_LABEL: Record<string, string> = {
  policyReject: 'Policy REJECT', loginFail: 'USER_LOGIN FAIL', authnFail: 'USER_AUTHN FAIL', authzDeny: 'USER_AUTHZ DENY',
  sessionDeny: 'USER_SESSION DENY', adminLogin: 'USER_LOGIN',
};

export function factsOfBundle(index: BundleIndex, options: BundleFactsOptions = {}): FactSet {
  const sessions = index.sessions;
  const rows = index.rows;
  const files = index.files;
  const ref = (row: number): EntryRef => {
    const at = rows.locate(row);
    return { file: files[at.file].path, entry: at.index, line: at.columns.line[at.index] };
  };
  const time = (row: number): number | undefined => {
    const at = rows.locate(row);
    const t = at.columns.time[at.index];
    return Number.isNaN(t) ? undefined : t;
  };
  const zone = (row: number): number | undefined => {
    const at = rows.locate(row);
    const z = at.columns.zone[at.index];
    return z === NO_ZONE ? undefined : z;
  };
  // One pass over the rows for what sessions need from their members: an OAG denial inside.
  const rejected = new Uint8Array(sessions.length);
  for (let file = 0; file < files.length; file++) {
    if (files[file].format !== 'oag') {
      continue;
    }
    const columns = files[file].entries;
    for (let i = 0; i < columns.length; i++) {
      const id = columns.session[i];
      if (id !== NONE && (columns.flags[i] & FLAG_REJECTED) !== 0) {
        rejected[id] = 1;
      }
    }
  }
  const out: SessionFacts[] = [];
  for (let id = 0; id < sessions.length; id++) {
    const start = sessions.start[id] === NONE ? undefined : sessions.start[id];
    const stop = sessions.stop[id] === NONE ? undefined : sessions.stop[id];
    const anchor = sessions.anchor(id);
    const format = files[rows.fileOf(anchor)].format;
    const sources = index.sessionFactRows(id);
    const pick = (name: FactString): string | undefined => index.firstFact(sources, name);
    const stopFacts = stop === undefined ? undefined : index.factRowAt(stop);
    const number = (name: 'durationSeconds' | 'bytesRx' | 'bytesTx'): number | undefined => {
      const value = stopFacts ? stopFacts.facts.numbers[name][stopFacts.f] : Number.NaN;
      return Number.isNaN(value) ? undefined : value;
    };
    const jail = sources.map(({ facts, f }) => facts.jailbroken[f]);
    const startFailed = format === 'oag' && start !== undefined && (rows.locate(start).columns.flags[rows.locate(start).index] & FLAG_REJECTED) !== 0;
    out.push({
      format,
      key: index.strings.get(sessions.key[id]) ?? String(id),
      user: pick('user'),
      device: index.deviceOf(sources),
      uniqueId: pick('uniqueId'),
      osType: pick('osType'),
      app: pick('app'),
      publicIp: pick('publicIp'),
      start: start === undefined ? undefined : time(start),
      stop: stop === undefined ? undefined : time(stop),
      zone: zone(anchor),
      jailbroken: jail.includes(1) ? true : jail.includes(0) ? false : undefined,
      securityPatchVersion: pick('securityPatch'),
      mobileCountryCode: pick('mobileCountryCode'),
      bytesRx: number('bytesRx'),
      bytesTx: number('bytesTx'),
      durationSeconds: number('durationSeconds'),
      rejected: rejected[id] === 1,
      failed: startFailed,
      where: ref(anchor),
      startRef: start === undefined ? undefined : ref(start),
      stopRef: stop === undefined ? undefined : ref(stop),
    });
  }
  const events: EventFacts[] = [];
  // The latest time of any entry: where a session without STOP is taken to end (FactSet.end).
  let end = -Infinity;
  const who = (id: number): Pick<EventFacts, 'user' | 'device' | 'app'> => (id === NONE || !out[id] ? {} : { user: out[id].user, device: out[id].uniqueId, app: out[id].app });
  for (let file = 0; file < files.length; file++) {
    const { entries: columns, facts, format, path } = files[file];
    const levels: readonly string[] = format === 'bluecedar' ? BLUECEDAR_SEVERITIES : OAG_LEVELS;
    let f = 0;
    for (let i = 0; i < columns.length; i++) {
      while (f < facts.length && facts.entry[f] < i) {
        f++;
      }
      const t = columns.time[i];
      if (t > end) {
        end = t;
      }
      const z = columns.zone[i];
      const id = columns.session[i];
      const where = { file: path, entry: i, line: columns.line[i] };
      const code = f < facts.length && facts.entry[f] === i ? facts.event[f] : -1;
      if (code >= 0) {
        const kind = EVENT_FACT_KINDS[code];
        const text = (name: FactString): string | undefined => index.strings.get(facts.strings[name][f]) || undefined;
        events.push({
          kind, time: Number.isNaN(t) ? undefined : t, zone: z === NO_ZONE ? undefined : z,
          user: text('user'), device: text('uniqueId'), sourceIp: text('publicIp'), app: text('app'), reason: text('reason'),
          resource: text('resource'), session: id === NONE ? undefined : out[id]?.key, label: EVENT_LABEL[kind] ?? kind, where,
        });
      } else if (options.errors && columns.severity[i] > 0 && levelClass(format, levels[columns.severity[i] - 1]) === 'error') {
        const label = index.strings.get(columns.label[i]);
        events.push({
          kind: 'error', time: Number.isNaN(t) ? undefined : t, zone: z === NO_ZONE ? undefined : z,
          label: `${label ?? ''} ${levels[columns.severity[i] - 1]}`.trim(), ...who(id), session: id === NONE ? undefined : out[id]?.key, where,
        });
      }
    }
  }
  return { sessions: out, events, end: Number.isFinite(end) ? end : undefined };
}

/** Every entry's time and severity class, for the timeline's histogram. */
export function bundleLevels(index: BundleIndex): (visit: (time: number | undefined, level: LevelClass) => void) => void {
  return (visit) => {
    for (const file of index.files) {
      const levels: readonly string[] = file.format === 'bluecedar' ? BLUECEDAR_SEVERITIES : OAG_LEVELS;
      const classes = levels.map((l) => levelClass(file.format as LogFormat, l));
      const { time, severity, length } = file.entries;
      for (let i = 0; i < length; i++) {
        visit(Number.isNaN(time[i]) ? undefined : time[i], severity[i] > 0 ? classes[severity[i] - 1] : 'info');
      }
    }
  };
}
