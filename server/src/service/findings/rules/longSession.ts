/** Sessions far longer than the rest: over a fixed limit, or many times the log's median. */
import { humanDuration } from '../../wording';
import { BaseRuleOptions, EvidenceList, quoted, Rule } from '../rule';
import { durationOf, lastTime } from './sessionSpan';

export interface LongSessionOptions extends BaseRuleOptions {
  hours: number;
  /** 0 turns the comparison with the median off. */
  timesMedian: number;
}

/** The median comparison needs a "rest" to compare with, and ignores sessions under an hour. */
const MIN_SESSIONS_FOR_MEDIAN = 10;
const MIN_RELATIVE_SECONDS = 3600;

export const longSession: Rule<LongSessionOptions> = {
  id: 'longSession',
  code: 'finding-long-session',
  title: 'Unusually long session',
  defaults: { enabled: true, severity: 'information', hours: 24, timesMedian: 20 },
  explain: (o) => `A session that lasted more than ${o.hours} h`
    + (o.timesMedian > 0 ? `, or more than ${o.timesMedian} times the median session of the log (and at least an hour)` : '')
    + `, or (Blue Cedar) that has no STOP and was still open more than ${o.hours} h after its START at the end of the log`
    + ': a tunnel kept open by an unattended or automated client, or a session that was never closed properly.',
  run(facts, options, report) {
    const measured = facts.sessions.map((s) => ({ s, seconds: durationOf(s) })).filter((m): m is { s: typeof m.s; seconds: number } => m.seconds !== undefined);
    const sorted = measured.map((m) => m.seconds).sort((a, b) => a - b);
    const median = sorted.length >= MIN_SESSIONS_FOR_MEDIAN ? sorted[Math.floor(sorted.length / 2)] : undefined;
    for (const { s, seconds } of measured) {
      const overLimit = seconds > options.hours * 3600;
      const overMedian = median !== undefined && options.timesMedian > 0 && seconds >= MIN_RELATIVE_SECONDS && seconds > options.timesMedian * median;
      if (!overLimit && !overMedian) {
        continue;
      }
      // Built only if the rule is under its limit: past it, findings are just counted.
      report(() => {
        const evidence = new EvidenceList();
        if (s.startRef) {
          evidence.add({ where: s.startRef, time: s.start, zone: s.zone }, 'session starts');
        }
        if (s.stopRef) {
          evidence.add({ where: s.stopRef, time: s.stop, zone: s.zone }, `session ends${s.durationSeconds !== undefined ? `, durationSeconds ${s.durationSeconds}` : ''}`);
        }
        const why = overLimit ? `over the ${options.hours} h limit` : `${Math.round(seconds / median!)} times the median of ${humanDuration(median!)}`;
        return {
          message: `Session of ${quoted(s.user)} lasted ${humanDuration(seconds)}, ${why}.`,
          where: s.where, time: s.start ?? s.stop, zone: s.zone, end: s.stop, user: s.user, device: s.device, evidence,
        };
      });
    }
    // Blue Cedar sessions never stopped: the gateway writes a STOP when a tunnel ends, so one without
    // was open at least from its START to the end of the log. That is a lower bound of its length, so
    // only the fixed limit applies to it, not the median. (An OAG session seldom ends with a logout: it
    // lapses, and the log going on says nothing of it.)
    const end = lastTime(facts);
    for (const s of facts.sessions) {
      if (s.format !== 'bluecedar' || s.stop !== undefined || s.durationSeconds !== undefined || s.start === undefined || end === undefined) {
        continue;
      }
      const seconds = (end - s.start) / 1000;
      if (!(seconds > options.hours * 3600)) {
        continue;
      }
      report(() => {
        const evidence = new EvidenceList();
        if (s.startRef) {
          evidence.add({ where: s.startRef, time: s.start, zone: s.zone }, 'session starts; no STOP follows in the log');
        }
        return {
          message: `Session of ${quoted(s.user)} has no STOP and was still open at the end of the log, ${humanDuration(seconds)} after it started, over the ${options.hours} h limit.`,
          where: s.where, time: s.start, zone: s.zone, end, user: s.user, device: s.device, evidence,
        };
      });
    }
  },
};
