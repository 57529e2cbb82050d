/** Many Policy REJECTs or failed logins for one user, device or source address within a few minutes. */
import { humanDuration } from '../../wording';
import { findBursts } from '../bursts';
import { identityKey } from '../identity';
import { EventFacts, EventFactKind } from '../model';
import { BaseRuleOptions, byTime, EvidenceList, groupBy, quoted, Rule } from '../rule';

export interface BurstOptions extends BaseRuleOptions {
  count: number;
  windowMinutes: number;
}

const FAILURES: ReadonlySet<EventFactKind> = new Set(['policyReject', 'loginFail', 'authnFail']);

/**
 * What a burst is about: the value as written (`of`) and the key events are grouped by (`group`: one
 * account written in several ways is one account, see identity.ts).
 */
export interface BurstKey {
  name: string;
  of: (e: EventFacts) => string | undefined;
  group: (written: string) => string | undefined;
}

/** Who a burst is about, in the order findings are reported (a burst seen by user is not repeated by device). */
const KEYS: BurstKey[] = [
  { name: 'user', of: (e) => e.user, group: identityKey },
  { name: 'device', of: (e) => e.device, group: identityKey },
  { name: 'source address', of: (e) => e.sourceIp, group: identityKey },
];

export const failureBurst: Rule<BurstOptions> = {
  id: 'failureBurst',
  code: 'finding-failure-burst',
  title: 'Burst of rejections or failed logins',
  defaults: { enabled: true, severity: 'warning', count: 5, windowMinutes: 10 },
  explain: (o) => `At least ${burstCount(o)} Policy REJECTs or failed logins (OAG USER_LOGIN / USER_AUTHN FAIL) for one user, `
    + `device or source address within ${o.windowMinutes} minutes: someone guessing passwords, or a client misconfigured and retrying.`,
  run(facts, options, report) {
    const failures = byTime(facts.events.filter((e) => FAILURES.has(e.kind)));
    reportBursts(failures, options, report, (burst, who) => {
      const rejects = burst.filter((e) => e.kind === 'policyReject').length;
      const what = rejects === burst.length ? 'Policy REJECTs' : rejects === 0 ? 'failed logins' : 'REJECTs and failed logins';
      return `${burst.length} ${what} for ${who}`;
    });
  },
};

/** Whole events, at least one: a count of 0 (below the schema's minimum) or 2.5 is read as 1 or 3. */
export function burstCount(options: BurstOptions): number {
  return Math.max(1, Math.ceil(options.count));
}

/** Shared by the failure and the denial rules: one finding per burst, the same burst not twice. */
export function reportBursts(
  sorted: (EventFacts & { time: number })[], options: BurstOptions,
  report: Parameters<Rule['run']>[2], describe: (burst: EventFacts[], who: string) => string,
  keys: readonly BurstKey[] = KEYS,
): void {
  const windowMs = options.windowMinutes * 60_000;
  const count = burstCount(options);
  const seen = new Set<string>();
  for (const key of keys) {
    for (const events of groupBy(sorted, (e) => { const v = key.of(e); return v === undefined ? undefined : key.group(v); }).values()) {
      for (const [first, last] of findBursts(events.map((e) => e.time), count, windowMs)) {
        const burst = events.slice(first, last + 1);
        const identity = `${refKey(burst[0])}|${refKey(burst[burst.length - 1])}|${burst.length}`;
        if (seen.has(identity)) {
          continue;
        }
        seen.add(identity);
        // Built only if the rule is under its limit: past it, findings are just counted.
        report(() => {
          // The name as the burst's first event writes it; events that write it otherwise say how.
          const value = key.of(burst[0])!;
          const evidence = new EvidenceList();
          for (const e of burst) {
            const user = e.user !== undefined && !(key.name === 'user' && e.user === value) ? ` (${quoted(e.user)})` : '';
            evidence.add(e, `${e.label}${e.reason ? `: ${quoted(e.reason)}` : ''}${user}`);
          }
          const span = burst[burst.length - 1].time - burst[0].time;
          return {
            message: `${describe(burst, `${key.name} ${quoted(value)}`)} within ${humanDuration(span / 1000)} (threshold: ${count} in ${options.windowMinutes} min).`,
            where: burst[0].where, time: burst[0].time, zone: burst[0].zone, end: burst[burst.length - 1].time,
            user: key.name === 'user' ? value : burst[0].user, device: key.name === 'device' ? value : burst[0].device, evidence,
          };
        });
      }
    }
  }
}

function refKey(e: EventFacts): string {
  return `${e.where.file ?? ''}#${e.where.entry}`;
}
