/**
 * OAG: many access denials within a few minutes for one resource (a policy locking people out, replayed
 * cookies), or for one user or source address across resources (a scan of protected paths).
 */
import { identityKey } from '../identity';
import { EventFactKind } from '../model';
import { byTime, Rule } from '../rule';
import { BurstKey, burstCount, BurstOptions, reportBursts } from './failureBurst';

const DENIALS: ReadonlySet<EventFactKind> = new Set(['authzDeny', 'sessionDeny']);

export const denySpike: Rule<BurstOptions> = {
  id: 'denySpike',
  code: 'finding-deny-spike',
  title: 'Spike of access denials',
  defaults: { enabled: true, severity: 'warning', count: 10, windowMinutes: 5 },
  explain: (o) => `At least ${burstCount(o)} access denials (USER_AUTHZ DENY, USER_SESSION DENY) for one resource, or for one user or `
    + `source address across resources, within ${o.windowMinutes} minutes: a scan of protected paths, replayed or forged session cookies, `
    + 'or a policy change that locks people out.',
  run(facts, options, report) {
    const denials = byTime(facts.events.filter((e) => DENIALS.has(e.kind)));
    const keys: BurstKey[] = [{
      name: 'resource',
      of: (e) => {
        const resource = e.resource === undefined ? undefined : pathOf(e.resource);
        return resource === undefined ? undefined : `${resource}${e.app && e.app !== e.resource ? ` · ${e.app}` : ''}`;
      },
      group: (written) => written,
    },
    // The same denials seen by who asked: a burst already reported for its resource is not repeated.
    { name: 'user', of: (e) => e.user, group: identityKey },
    { name: 'source address', of: (e) => e.sourceIp, group: identityKey }];
    reportBursts(denials, options, report, (burst, who) => `${burst.length} access denials for ${who}`, keys);
  },
};

/**
 * A requested resource without its query string or fragment: a client adding `?id=1`, `?id=2`... asks
 * for one resource, and would otherwise spread its denials over as many resources as it likes.
 */
export function pathOf(resource: string): string {
  const end = resource.search(/[?#]/);
  return end === -1 ? resource : resource.slice(0, end);
}
