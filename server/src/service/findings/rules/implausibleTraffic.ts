/** A STOP reporting more traffic than its session's duration makes plausible. */
import { bytesText, humanDuration } from '../../wording';
import { BaseRuleOptions, EvidenceList, quoted, Rule } from '../rule';
import { durationOf } from './sessionSpan';

export interface ImplausibleTrafficOptions extends BaseRuleOptions {
  /** Average rate, in megabits per second over the whole session, above which the counters are doubted. */
  maxMbps: number;
}

export const implausibleTraffic: Rule<ImplausibleTrafficOptions> = {
  id: 'implausibleTraffic',
  code: 'finding-implausible-traffic',
  title: 'Implausible traffic for the session\'s duration',
  defaults: { enabled: true, severity: 'information', maxMbps: 100 },
  explain: (o) => `The STOP's byte counters (\`bytesRx\` + \`bytesTx\`) divided by the session's duration give more than ${o.maxMbps} Mbit/s on average, `
    + 'more than a mobile tunnel sustains: the counters or the duration are wrong, or the session carried bulk data worth a look.',
  run(facts, options, report) {
    for (const s of facts.sessions) {
      if (s.bytesRx === undefined && s.bytesTx === undefined) {
        continue;
      }
      const seconds = durationOf(s);
      // A negative counter is no traffic: added as it is, it would cancel the other one out.
      const bytes = Math.max(0, s.bytesRx ?? 0) + Math.max(0, s.bytesTx ?? 0);
      if (seconds === undefined || !Number.isFinite(bytes) || bytes <= 0) {
        continue;
      }
      // A session reported as 0 s still took at least a second.
      const mbps = (bytes * 8) / Math.max(1, seconds) / 1e6;
      if (mbps <= options.maxMbps) {
        continue;
      }
      // Built only if the rule is under its limit: past it, findings are just counted.
      report(() => {
        const evidence = new EvidenceList();
        const stopAt = { where: s.stopRef ?? s.where, time: s.stop, zone: s.zone };
        evidence.add(stopAt, `bytesRx ${s.bytesRx ?? 0}, bytesTx ${s.bytesTx ?? 0}, ${humanDuration(seconds)}`);
        if (s.startRef) {
          evidence.add({ where: s.startRef, time: s.start, zone: s.zone }, 'session starts');
        }
        return {
          message: `STOP of ${quoted(s.user)} reports ${bytesText(bytes)} in ${humanDuration(seconds)}: ${mbps.toFixed(0)} Mbit/s on average (limit ${options.maxMbps}).`,
          where: stopAt.where, time: s.stop ?? s.start, zone: s.zone, user: s.user, device: s.device, evidence,
        };
      });
    }
  },
};
