/** The reasons a Blue Cedar gateway gives for a Policy REJECT, explained in our own words. */
import { POLICY_REJECT_REASONS } from '../formats';

const [JAILBROKEN, MALFORMED_MAC, FAILED_VALIDATION, POST_AUTH] = POLICY_REJECT_REASONS;

export interface RejectReasonDoc {
  /** The reason as gateways write it in the log (the documentation's table adds an "a" to the first). */
  reason: string;
  explanation: string;
  action: string;
}

const REASONS: readonly (RejectReasonDoc & { keywords: RegExp })[] = [
  {
    reason: JAILBROKEN,
    keywords: /jail ?broken|rooted/i,
    explanation: 'Someone connected from a jailbroken (or rooted) device, and their account is not permitted to use one.',
    action: 'If such devices should be let in, change the default through the gateway\'s setting for allowing compromised devices and apps (see "Allowing compromised devices and apps to access the gateway"); otherwise the user has to connect from a device that is not jailbroken.',
  },
  {
    reason: MALFORMED_MAC,
    keywords: /mac address/i,
    explanation: 'The MAC address the device reported was all zeros or not a properly formed address, so the gateway would not accept it.',
    action: 'Look at the device\'s `uniqueId` in this entry; the device or app has to report a valid hardware address.',
  },
  {
    reason: FAILED_VALIDATION,
    keywords: /failed validation/i,
    explanation: 'External validation of the device with the MDM server did not succeed. In this case the JSON usually also carries a `remediation` entry: the gateway\'s default remediation text or one sent by the MDM server.',
    action: 'Follow the `remediation` text and check the device\'s standing in the MDM; see "Securing MDM-managed devices with the gateway" for how external validation and remediation strings work.',
  },
  {
    reason: POST_AUTH,
    keywords: /post-?auth/i,
    explanation: 'Once the user had authenticated, the policy rules looked at this session\'s attributes (user, device, app and so on) and did not let it connect.',
    action: 'Review the dynamic app policies (see "Managing dynamic app policies") if this session should have been allowed.',
  },
];

/** Lower case, articles dropped, whitespace collapsed: 'Attempting login with jailbroken device' matches too. */
function normalize(text: string): string {
  return text.toLowerCase().replace(/\b(a|an|the)\b/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The documented reason the text is (or contains), or undefined for a reason the documentation doesn't list. */
export function matchRejectReason(text: string): RejectReasonDoc | undefined {
  const wanted = normalize(text);
  if (wanted.length === 0) {
    return undefined;
  }
  const exact = REASONS.find((r) => wanted.includes(normalize(r.reason)));
  return exact ?? REASONS.find((r) => r.keywords.test(text));
}

export const REJECT_REASON_DOCS: readonly RejectReasonDoc[] = REASONS;
