/** OAG: a login to the admin or web console from an address that account has not used before. */
import { BaseRuleOptions, byTime, EvidenceList, quoted, Rule } from '../rule';

export interface AdminNewAddressOptions extends BaseRuleOptions {
  /** Addresses admins are expected to come from; none given: every account's first address is taken as known. */
  knownAddresses: string[];
}

export const adminNewAddress: Rule<AdminNewAddressOptions> = {
  id: 'adminNewAddress',
  code: 'finding-admin-new-address',
  title: 'Console login from a new address',
  defaults: { enabled: true, severity: 'warning', knownAddresses: [] },
  explain: (o) => (o.knownAddresses.length > 0
    ? 'A successful login to the Access Gateway admin or web console from a REMOTE_IP that is neither in the known admin addresses nor used by this account earlier in the log.'
    : 'A successful login to the Access Gateway admin or web console from a REMOTE_IP this account did not use earlier in the log (its first login only sets what is known). Stolen admin credentials are often used from a new place.'),
  run(facts, options, report) {
    const known = new Set(options.knownAddresses.map((a) => a.trim()));
    const seen = new Map<string, { address: string; first: { where: typeof facts.events[0]['where']; time: number; zone?: number } }>();
    const seenAddresses = new Map<string, Set<string>>();
    for (const login of byTime(facts.events.filter((e) => e.kind === 'adminLogin'))) {
      const user = login.user ?? '';
      const address = login.sourceIp;
      if (address === undefined) {
        continue;
      }
      let addresses = seenAddresses.get(user);
      const firstTime = addresses === undefined;
      if (!addresses) {
        addresses = new Set();
        seenAddresses.set(user, addresses);
        seen.set(user, { address, first: login });
      }
      const isNew = !addresses.has(address) && !known.has(address) && (!firstTime || known.size > 0);
      addresses.add(address);
      if (!isNew) {
        continue;
      }
      const evidence = new EvidenceList();
      evidence.add(login, `${login.label} from ${address}`);
      const before = seen.get(user)!;
      if (!firstTime) {
        evidence.add(before.first, `first console login of ${quoted(login.user)} in the log, from ${before.address}`);
      }
      report({
        message: `Console login of ${quoted(login.user)} from ${quoted(address)}, an address ${firstTime ? 'not among the known admin addresses' : 'this account has not used before in this log'}.`,
        where: login.where, time: login.time, zone: login.zone, user: login.user, evidence,
      });
    }
  },
};
