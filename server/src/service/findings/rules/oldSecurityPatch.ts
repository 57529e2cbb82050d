/** An Android device whose security patch level was old when its session started. */
import { EvidenceList, quoted, Rule } from '../rule';
import { BaseRuleOptions } from '../rule';

export interface OldSecurityPatchOptions extends BaseRuleOptions {
  maxAgeDays: number;
}

const DAY_MS = 86_400_000;

/** `2021-10-05` or `2021-10` (a month means its first day) as UTC milliseconds. */
export function patchDate(version: string): number | undefined {
  const match = /^\s*(\d{4})-(\d{2})(?:-(\d{2}))?\s*$/.exec(version);
  if (!match) {
    return undefined;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3] ?? '1')];
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return undefined;
  }
  return Date.UTC(year, month - 1, day);
}

export const oldSecurityPatch: Rule<OldSecurityPatchOptions> = {
  id: 'oldSecurityPatch',
  code: 'finding-old-security-patch',
  title: 'Old Android security patch',
  defaults: { enabled: true, severity: 'information', maxAgeDays: 90 },
  explain: (o) => `The device's Android security patch level (\`securityPatchVersion\`) was more than ${o.maxAgeDays} days `
    + 'older than the session\'s start, so it lacks the fixes published since. Times are compared as the log writes them.',
  run(facts, options, report) {
    for (const s of facts.sessions) {
      const at = s.start ?? s.stop;
      const patched = s.securityPatchVersion === undefined ? undefined : patchDate(s.securityPatchVersion);
      if (at === undefined || patched === undefined || s.failed) {
        continue;
      }
      // Blue Cedar times are the wall clock read as UTC; a day's difference is all that matters here.
      const ageDays = Math.floor((at + (s.zone ?? 0) * 60_000 - patched) / DAY_MS);
      if (ageDays <= options.maxAgeDays) {
        continue;
      }
      // Built only if the rule is under its limit: past it, findings are just counted.
      report(() => {
        const evidence = new EvidenceList();
        evidence.add({ where: s.startRef ?? s.where, time: at, zone: s.zone },
          `${s.startRef ? 'Session START' : 'Session STOP'}: securityPatchVersion ${quoted(s.securityPatchVersion)}, ${ageDays} days before`);
        return {
          message: `Android security patch ${quoted(s.securityPatchVersion)} of ${quoted(s.device)} (${quoted(s.user)}) was ${ageDays} days old at the session's start (limit ${options.maxAgeDays}).`,
          where: s.where, time: at, zone: s.zone, end: s.stop, user: s.user, device: s.device, evidence,
        };
      });
    }
  },
};
