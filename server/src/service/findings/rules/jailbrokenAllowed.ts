/** A session let in from a device that reports itself jailbroken or rooted. */
import { EvidenceList, quoted, Rule } from '../rule';
import { BaseRuleOptions } from '../rule';

export const jailbrokenAllowed: Rule<BaseRuleOptions> = {
  id: 'jailbrokenAllowed',
  code: 'finding-jailbroken-allowed',
  title: 'Jailbroken device allowed',
  defaults: { enabled: true, severity: 'warning' },
  explain: () => 'The device of this session reports itself as jailbroken or rooted (`device.jailbroken` is true), '
    + 'yet the gateway opened the session instead of rejecting it. A jailbroken device can bypass app protections; '
    + 'check the policy that let it in.',
  run(facts, _options, report) {
    for (const s of facts.sessions) {
      if (s.jailbroken !== true || s.failed) {
        continue;
      }
      // Built only if the rule is under its limit: past it, findings are just counted.
      report(() => {
        const evidence = new EvidenceList();
        const what = `device.jailbroken is true for ${quoted(s.device)}`;
        if (s.startRef) {
          evidence.add({ where: s.startRef, time: s.start, zone: s.zone }, `Session START: ${what}`);
        }
        if (s.stopRef) {
          evidence.add({ where: s.stopRef, time: s.stop, zone: s.zone }, `Session STOP: the session ran until here`);
        }
        return {
          message: `Session of ${quoted(s.user)} from jailbroken device ${quoted(s.device)} was allowed${s.app ? ` (${quoted(s.app)})` : ''}.`,
          where: s.where, time: s.start ?? s.stop, zone: s.zone, end: s.stop, user: s.user, device: s.device, evidence,
        };
      });
    }
  },
};
