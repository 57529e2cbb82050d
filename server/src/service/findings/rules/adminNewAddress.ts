/** OAG: a login to the admin or web console from an address that account has not used before. */
import { identityKey } from '../identity';
import { EventFacts } from '../model';
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
    // Accounts and addresses are compared as identityKey writes them: `Admin` is `admin`, `FE80::1` is `fe80::1`.
    const known = new Set(options.knownAddresses.map(identityKey).filter((a): a is string => a !== undefined));
    /** Per account: the addresses it logged in from so far, and its first login (shown as evidence). */
    const accounts = new Map<string, { addresses: Set<string>; first: EventFacts & { time: number } }>();
    for (const login of byTime(facts.events.filter((e) => e.kind === 'adminLogin'))) {
      const address = identityKey(login.sourceIp);
      if (address === undefined) {
        continue;
      }
      const user = identityKey(login.user) ?? '';
      const account = accounts.get(user);
      const firstTime = account === undefined;
      const isNew = !known.has(address) && (firstTime ? known.size > 0 : !account.addresses.has(address));
      if (account) {
        account.addresses.add(address);
      } else {
        accounts.set(user, { addresses: new Set([address]), first: login });
      }
      if (!isNew) {
        continue;
      }
      // Built only if the rule is under its limit: past it, findings are just counted.
      report(() => {
        const evidence = new EvidenceList();
        evidence.add(login, `${login.label} from ${quoted(login.sourceIp)}`);
        if (account) {
          evidence.add(account.first, `first console login of ${quoted(account.first.user)} in the log, from ${quoted(account.first.sourceIp)}`);
        }
        return {
          message: `Console login of ${quoted(login.user)} from ${quoted(login.sourceIp)}, an address ${firstTime ? 'not among the known admin addresses' : 'this account has not used before in this log'}.`,
          where: login.where, time: login.time, zone: login.zone, user: login.user, evidence,
        };
      });
    }
  },
};
