/** Every findings rule, in the order their findings are listed. */
import { Rule } from './rule';
import { adminNewAddress } from './rules/adminNewAddress';
import { denySpike } from './rules/denySpike';
import { failureBurst } from './rules/failureBurst';
import { implausibleTraffic } from './rules/implausibleTraffic';
import { jailbrokenAllowed } from './rules/jailbrokenAllowed';
import { longSession } from './rules/longSession';
import { oldSecurityPatch } from './rules/oldSecurityPatch';
import { overlappingSessions } from './rules/overlappingSessions';

// Each rule's options type differs; the runner treats them alike through BaseRuleOptions.
export const RULES: readonly Rule[] = [
  jailbrokenAllowed, oldSecurityPatch, failureBurst, overlappingSessions, denySpike, adminNewAddress, longSession, implausibleTraffic,
] as unknown as readonly Rule[];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
