/**
 * Which IP addresses are private or internal, so that a webhook cannot be aimed at the
 * server's own network (server-side request forgery): loopback, the private and link-local
 * ranges (the cloud metadata service at 169.254.169.254), carrier-grade NAT, unique-local,
 * multicast, reserved, and the documentation and benchmarking ranges, which no real receiver
 * uses; in IPv6, everything outside global unicast 2000::/3 too. IPv6 forms that carry an
 * IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, NAT64, 6to4) are judged by that IPv4 address.
 *
 * Pure: it reads address text and never resolves a name or opens a socket (see
 * webhook-target.ts for that).
 */

export type TIp = {
  family: 4 | 6;
  /** 4 bytes for IPv4, 16 for IPv6. */
  bytes: readonly number[];
};

/** A private or internal range an address falls in. */
export type TPrivateRange = {
  /** e.g. "loopback" */
  name: string;
  /** e.g. "127.0.0.0/8" */
  cidr: string;
  /** The IPv6 form that carried the IPv4 address, e.g. "IPv4-mapped IPv6". */
  via?: string;
};

type TRange = {
  name: string;
  cidr: string;
  ip: TIp;
  bits: number;
  /** For IPv6 ranges that carry an IPv4 address: the byte where it starts. */
  embedsIpv4At?: number;
};

const range = (cidr: string, name: string, embedsIpv4At?: number): TRange => {
  const [text = '', bits = ''] = cidr.split('/');
  const ip = parseIp(text);
  if (ip === undefined) throw new Error(`not a range: ${cidr}`);
  return {
    name,
    cidr,
    ip,
    bits: Number(bits),
    ...(embedsIpv4At === undefined ? {} : { embedsIpv4At }),
  };
};

/** The first range that holds an address names it, so narrower ranges come first. */
const IPV4_RANGES: readonly TRange[] = [
  range('0.0.0.0/8', 'unspecified ("this network")'),
  range('10.0.0.0/8', 'private (RFC 1918)'),
  range('100.64.0.0/10', 'shared (carrier-grade NAT)'),
  range('127.0.0.0/8', 'loopback'),
  range('169.254.0.0/16', 'link-local (cloud metadata)'),
  range('172.16.0.0/12', 'private (RFC 1918)'),
  range('192.0.0.0/24', 'IETF protocol assignments'),
  range('192.0.2.0/24', 'documentation (TEST-NET-1)'),
  range('192.88.99.0/24', '6to4 relay anycast (deprecated)'),
  range('192.168.0.0/16', 'private (RFC 1918)'),
  range('198.18.0.0/15', 'benchmarking'),
  range('198.51.100.0/24', 'documentation (TEST-NET-2)'),
  range('203.0.113.0/24', 'documentation (TEST-NET-3)'),
  range('224.0.0.0/4', 'multicast'),
  range('255.255.255.255/32', 'broadcast'),
  range('240.0.0.0/4', 'reserved'),
];

const IPV6_RANGES: readonly TRange[] = [
  range('::/128', 'unspecified'),
  range('::1/128', 'loopback'),
  range('::ffff:0:0/96', 'IPv4-mapped IPv6', 12),
  range('::ffff:0:0:0/96', 'IPv4-translated IPv6', 12),
  range('::/96', 'IPv4-compatible (deprecated)'),
  range('64:ff9b::/96', 'NAT64', 12),
  range('64:ff9b:1::/48', 'NAT64 (local use)'),
  range('100::/64', 'discard-only'),
  range('2001::/32', 'Teredo'),
  range('2001:2::/48', 'benchmarking'),
  range('2001:20::/28', 'ORCHIDv2'),
  range('2001:db8::/32', 'documentation'),
  range('2002::/16', '6to4', 2),
  range('3fff::/20', 'documentation'),
  range('fc00::/7', 'unique-local'),
  range('fe80::/10', 'link-local'),
  range('fec0::/10', 'site-local (deprecated)'),
  range('ff00::/8', 'multicast'),
];

/** Public IPv6 addresses are all in it; what is outside is reserved or special. */
const GLOBAL_UNICAST = range('2000::/3', 'global unicast');
const NOT_GLOBAL_UNICAST: TPrivateRange = {
  name: 'reserved (not global unicast)',
  cidr: 'outside 2000::/3',
};

/**
 * Parses an IPv4 address in dotted-quad form or an IPv6 address (brackets and a zone such as
 * `%eth0` allowed); undefined for anything else, host names included. IPv4 parts with leading
 * zeros are refused: some resolvers read them as octal.
 */
export function parseIp(text: string): TIp | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return bare.includes(':') ? parseIpv6(bare.replace(/%[^%]*$/, '')) : parseIpv4(bare);
}

function parseIpv4(text: string): TIp | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(part) || Number(part) > 255) return undefined;
    bytes.push(Number(part));
  }
  return { family: 4, bytes };
}

function parseIpv6(text: string): TIp | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string | undefined): number[] | undefined => {
    if (half === undefined || half === '') return [];
    const out: number[] = [];
    const parts = half.split(':');
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (v4 === undefined) return undefined;
        const [a = 0, b = 0, c = 0, d = 0] = v4.bytes;
        out.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-f]{1,4}$/i.test(part)) {
        out.push(parseInt(part, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  // An IPv4 tail belongs to the last half only.
  if (head === undefined || (halves.length === 2 && halves[0]?.includes('.'))) return undefined;
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (tail === undefined) return undefined;
  const written = head.length + tail.length;
  if (halves.length === 1 ? written !== 8 : written > 7) return undefined;
  const all = [...head, ...Array<number>(8 - written).fill(0), ...tail];
  return { family: 6, bytes: all.flatMap((g) => [g >> 8, g & 0xff]) };
}

function inRange(ip: TIp, r: TRange): boolean {
  if (ip.family !== r.ip.family) return false;
  for (let bit = 0; bit < r.bits; bit += 8) {
    const left = Math.min(8, r.bits - bit);
    const mask = (0xff << (8 - left)) & 0xff;
    if (((ip.bytes[bit / 8] ?? 0) & mask) !== ((r.ip.bytes[bit / 8] ?? 0) & mask)) return false;
  }
  return true;
}

/** The private or internal range an address is in; undefined for a public address. */
export function privateRange(ip: TIp): TPrivateRange | undefined {
  const ranges = ip.family === 4 ? IPV4_RANGES : IPV6_RANGES;
  const found = ranges.find((r) => inRange(ip, r));
  if (found === undefined) {
    return ip.family === 6 && !inRange(ip, GLOBAL_UNICAST) ? NOT_GLOBAL_UNICAST : undefined;
  }
  if (found.embedsIpv4At === undefined) return { name: found.name, cidr: found.cidr };
  const at = found.embedsIpv4At;
  const inner = privateRange({ family: 4, bytes: ip.bytes.slice(at, at + 4) });
  return inner === undefined ? undefined : { ...inner, via: found.name };
}

/**
 * True when a webhook must not be sent to this address: a private or internal one, or text
 * that is not an IP address at all (refused rather than guessed at).
 * @example isPrivateAddress('::ffff:127.0.0.1') // true
 */
export function isPrivateAddress(text: string): boolean {
  const ip = parseIp(text);
  return ip === undefined || privateRange(ip) !== undefined;
}

/** "the loopback range 127.0.0.0/8", for error messages. */
export function describeRange(r: TPrivateRange): string {
  return `the ${r.name} range ${r.cidr}${r.via === undefined ? '' : ` (as ${r.via})`}`;
}
