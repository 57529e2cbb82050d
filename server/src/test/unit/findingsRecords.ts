/**
 * Findings' input records for the rule tests: sessions and events with the fields a rule reads, each at
 * an entry of its own, and a run of every rule on them.
 */
import { computeFindings, defaultFindingsOptions } from '../../service/findings';
import { EventFacts, FactSet, Finding, SessionFacts } from '../../service/findings/model';
import { FindingsOptions } from '../../service/findings/options';

export const MIN = 60_000;
/** Ten minutes before midnight. */
export const T0 = Date.UTC(2021, 9, 31, 23, 50, 0);
let nextEntry = 0;

/** A session of alice, from START to STOP half an hour later, on a device of its own. */
export function session(over: Partial<SessionFacts> = {}): SessionFacts {
  const entry = nextEntry++;
  return {
    format: 'bluecedar', key: `k${entry}`, user: 'alice', device: `phone ${entry}`, uniqueId: `dev-${entry}`, publicIp: '198.51.100.1',
    start: T0, stop: T0 + 30 * MIN, rejected: false, failed: false,
    where: { entry, line: entry * 10 }, startRef: { entry, line: entry * 10 }, stopRef: { entry: entry + 1000, line: entry * 10 + 5 },
    ...over,
  };
}

export function event(over: Partial<EventFacts> & Pick<EventFacts, 'kind'>): EventFacts {
  const entry = nextEntry++;
  return { time: T0, label: over.kind, where: { entry, line: entry * 10 }, ...over };
}

/** Every rule on the records, with the default options changed by `configure`. */
export function run(facts: Partial<FactSet>, configure: (o: FindingsOptions) => void = () => undefined): Finding[] {
  const options = defaultFindingsOptions();
  configure(options);
  return computeFindings({ sessions: facts.sessions ?? [], events: facts.events ?? [] }, options).findings;
}

export function only(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}
