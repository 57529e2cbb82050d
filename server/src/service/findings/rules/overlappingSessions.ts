/** One user with sessions at the same time from different public addresses or mobile countries. */
import { humanDuration } from '../../wording';
import { identityKey } from '../identity';
import { SessionFacts } from '../model';
import { BaseRuleOptions, EvidenceList, groupBy, quoted, Rule } from '../rule';
import { lastTime, Span, spanOf } from './sessionSpan';

export interface OverlappingSessionsOptions extends BaseRuleOptions {
  /** How long two sessions must run together to count (a device moving between networks overlaps briefly). */
  minOverlapMinutes: number;
  /** Also compare sessions of the same device (off: a phone switching from Wi-Fi to mobile data is normal). */
  sameDevice: boolean;
}

/** Sessions still running that each new one is compared with: bounds the work for a user with thousands at once. */
const MAX_COMPARED = 64;

interface Open {
  facts: SessionFacts;
  span: Span;
}

export const overlappingSessions: Rule<OverlappingSessionsOptions> = {
  id: 'overlappingSessions',
  code: 'finding-overlapping-sessions',
  title: 'Overlapping sessions from different places',
  defaults: { enabled: true, severity: 'warning', minOverlapMinutes: 1, sameDevice: false },
  explain: (o) => `This user had two sessions running at the same time for at least ${o.minOverlapMinutes} min, `
    + `from different public source addresses or with SIMs of different mobile countries${o.sameDevice ? '' : ', on different devices'}: `
    + 'one account used from two places at once may mean shared or stolen credentials. A session without STOP is taken to run to the end of the log.',
  run(facts, options, report) {
    const logEnd = lastTime(facts);
    // At least a millisecond: with 0 minutes set, one session ending as the next starts is not "at once".
    const minOverlap = Math.max(1, options.minOverlapMinutes * 60_000);
    const spans: Open[] = [];
    for (const s of facts.sessions) {
      const span = s.user !== undefined && !s.failed ? spanOf(s, logEnd) : undefined;
      if (span) {
        spans.push({ facts: s, span });
      }
    }
    spans.sort((a, b) => a.span.start - b.span.start);
    // One account written in several ways (case, spaces, invisible characters) is one account.
    for (const sessions of groupBy(spans, (o) => identityKey(o.facts.user)).values()) {
      const open = new OpenSet();
      for (const current of sessions) {
        // Sessions that ended too early to overlap this one (or any later one) long enough leave the set.
        open.endBefore(current.span.start + minOverlap);
        if (current.span.end - current.span.start < minOverlap) {
          continue;
        }
        const other = open.mayConflict(current.facts) ? conflicting(open.items, current, options.sameDevice) : undefined;
        if (other) {
          reportPair(other, current, report);
        }
        open.add(current);
      }
    }
  },
};

/**
 * The sessions of one user still running, with how many use each address and country: most new
 * sessions come from the same place as the running ones, which the counts tell without a scan.
 */
class OpenSet {
  readonly items: Open[] = [];
  private readonly ips = new Map<string, number>();
  private readonly countries = new Map<string, number>();
  private earliestEnd = Infinity;

  add(item: Open): void {
    this.items.push(item);
    count(this.ips, item.facts.publicIp, 1);
    count(this.countries, item.facts.mobileCountryCode, 1);
    this.earliestEnd = Math.min(this.earliestEnd, item.span.end);
    if (this.items.length > MAX_COMPARED) {
      this.remove(0);
    }
  }

  /** Drops the sessions that end before `time`. */
  endBefore(time: number): void {
    if (time <= this.earliestEnd) {
      return;
    }
    this.earliestEnd = Infinity;
    for (let i = this.items.length - 1; i >= 0; i--) {
      if (this.items[i].span.end < time) {
        this.remove(i);
      } else {
        this.earliestEnd = Math.min(this.earliestEnd, this.items[i].span.end);
      }
    }
  }

  /** Whether a running session has another address or another country than `s`. */
  mayConflict(s: SessionFacts): boolean {
    const other = (values: Map<string, number>, own: string | undefined): boolean =>
      own !== undefined && (values.size > 1 || (values.size === 1 && !values.has(own)));
    return other(this.ips, s.publicIp) || other(this.countries, s.mobileCountryCode);
  }

  private remove(index: number): void {
    const [item] = this.items.splice(index, 1);
    count(this.ips, item.facts.publicIp, -1);
    count(this.countries, item.facts.mobileCountryCode, -1);
  }
}

function count(values: Map<string, number>, key: string | undefined, delta: number): void {
  if (key === undefined) {
    return;
  }
  const next = (values.get(key) ?? 0) + delta;
  if (next > 0) {
    values.set(key, next);
  } else {
    values.delete(key);
  }
}

function conflicting(open: Open[], current: Open, sameDevice: boolean): Open | undefined {
  const s = current.facts;
  for (let i = open.length - 1; i >= 0; i--) {
    const o = open[i].facts;
    if (!sameDevice && o.uniqueId !== undefined && o.uniqueId === s.uniqueId) {
      continue;
    }
    const ipDiffers = o.publicIp !== undefined && s.publicIp !== undefined && o.publicIp !== s.publicIp;
    const countryDiffers = o.mobileCountryCode !== undefined && s.mobileCountryCode !== undefined && o.mobileCountryCode !== s.mobileCountryCode;
    if (ipDiffers || countryDiffers) {
      return open[i];
    }
  }
  return undefined;
}

function place(s: SessionFacts): string {
  const parts = [s.publicIp ? `from ${quoted(s.publicIp)}` : '', s.mobileCountryCode ? `country code ${quoted(s.mobileCountryCode)}` : ''].filter(Boolean);
  return parts.join(', ') || 'from an unknown place';
}

function reportPair(earlier: Open, later: Open, report: Parameters<Rule['run']>[2]): void {
  const a = earlier.facts;
  const b = later.facts;
  const user = b.user!;
  // The first session's name, when it writes the account otherwise.
  const otherName = a.user !== user ? `, user ${quoted(a.user)}` : '';
  const overlap = Math.min(earlier.span.end, later.span.end) - later.span.start;
  // Built only if the rule is under its limit: past it, findings are just counted.
  report(() => {
    const evidence = new EvidenceList();
    evidence.add({ where: a.startRef ?? a.where, time: earlier.span.start, zone: a.zone }, `first session ${place(a)}, device ${quoted(a.device)}${otherName}`);
    evidence.add({ where: b.startRef ?? b.where, time: later.span.start, zone: b.zone }, `second session ${place(b)}, device ${quoted(b.device)}`);
    if (a.stopRef) {
      evidence.add({ where: a.stopRef, time: a.stop, zone: a.zone }, 'first session ends');
    } else if (earlier.span.openEnded) {
      evidence.add({ where: a.where, time: earlier.span.end, zone: a.zone }, 'first session: no STOP in the log, taken as still running');
    }
    return {
      message: `${quoted(user)} had two sessions at once for ${humanDuration(overlap / 1000)}: ${place(a)} and ${place(b)}.`,
      where: b.where, time: later.span.start, zone: b.zone, end: Math.min(earlier.span.end, later.span.end), user, device: b.device, evidence,
    };
  });
}
