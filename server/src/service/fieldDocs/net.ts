/** Classifies IP addresses for hovers, so a reader sees at a glance whether an address is internal. */

function ipv4Octets(text: string): number[] | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!match) {
    return undefined;
  }
  const octets = match.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? octets : undefined;
}

/** A short phrase describing the address range, or undefined when the text is not an IP address. */
export function describeIpAddress(text: string): string | undefined {
  const octets = ipv4Octets(text);
  if (octets) {
    const [a, b] = octets;
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) {
      return 'an IPv4 address in a private (RFC 1918) range';
    }
    if (a === 127) {
      return 'an IPv4 loopback address';
    }
    if (a === 169 && b === 254) {
      return 'an IPv4 link-local address';
    }
    if (a === 100 && b >= 64 && b <= 127) {
      return 'an IPv4 address in the carrier-grade NAT range (100.64.0.0/10)';
    }
    if (a === 0) {
      return 'an IPv4 address in the "this network" range, not a real host address';
    }
    if (a >= 224) {
      return 'an IPv4 multicast or reserved address';
    }
    return 'a public IPv4 address';
  }
  const trimmed = text.trim();
  if (/^[0-9a-f:]+$/i.test(trimmed) && trimmed.includes(':') && trimmed.split(':').length >= 3) {
    if (trimmed === '::1') {
      return 'the IPv6 loopback address';
    }
    if (/^fe[89ab]/i.test(trimmed)) {
      return 'an IPv6 link-local address';
    }
    if (/^f[cd]/i.test(trimmed)) {
      return 'an IPv6 unique local (private) address';
    }
    return 'an IPv6 address';
  }
  return undefined;
}
