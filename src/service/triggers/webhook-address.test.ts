import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeRange, isPrivateAddress, parseIp, privateRange } from './webhook-address.js';

/** The range an address is in, as "name cidr" (plus " via ..."), or "public". */
function rangeOf(address: string): string {
  const ip = parseIp(address);
  if (ip === undefined) throw new Error(`not parsed: ${address}`);
  const r = privateRange(ip);
  if (r === undefined) return 'public';
  return `${r.name} ${r.cidr}${r.via === undefined ? '' : ` via ${r.via}`}`;
}

describe('IPv4 ranges, at their first and last address and just outside', () => {
  it.each([
    ['0.0.0.0', 'unspecified ("this network") 0.0.0.0/8'],
    ['0.255.255.255', 'unspecified ("this network") 0.0.0.0/8'],
    ['1.0.0.0', 'public'],
    ['9.255.255.255', 'public'],
    ['10.0.0.0', 'private (RFC 1918) 10.0.0.0/8'],
    ['10.255.255.255', 'private (RFC 1918) 10.0.0.0/8'],
    ['11.0.0.0', 'public'],
    ['100.63.255.255', 'public'],
    ['100.64.0.0', 'shared (carrier-grade NAT) 100.64.0.0/10'],
    ['100.127.255.255', 'shared (carrier-grade NAT) 100.64.0.0/10'],
    ['100.128.0.0', 'public'],
    ['126.255.255.255', 'public'],
    ['127.0.0.0', 'loopback 127.0.0.0/8'],
    ['127.0.0.1', 'loopback 127.0.0.0/8'],
    ['127.255.255.255', 'loopback 127.0.0.0/8'],
    ['128.0.0.0', 'public'],
    ['169.253.255.255', 'public'],
    ['169.254.0.0', 'link-local (cloud metadata) 169.254.0.0/16'],
    ['169.254.169.254', 'link-local (cloud metadata) 169.254.0.0/16'],
    ['169.254.255.255', 'link-local (cloud metadata) 169.254.0.0/16'],
    ['169.255.0.0', 'public'],
    ['172.15.255.255', 'public'],
    ['172.16.0.0', 'private (RFC 1918) 172.16.0.0/12'],
    ['172.31.255.255', 'private (RFC 1918) 172.16.0.0/12'],
    ['172.32.0.0', 'public'],
    ['191.255.255.255', 'public'],
    ['192.0.0.0', 'IETF protocol assignments 192.0.0.0/24'],
    ['192.0.0.255', 'IETF protocol assignments 192.0.0.0/24'],
    ['192.0.1.0', 'public'],
    ['192.0.2.0', 'documentation (TEST-NET-1) 192.0.2.0/24'],
    ['192.0.2.255', 'documentation (TEST-NET-1) 192.0.2.0/24'],
    ['192.0.3.0', 'public'],
    ['192.88.98.255', 'public'],
    ['192.88.99.0', '6to4 relay anycast (deprecated) 192.88.99.0/24'],
    ['192.88.99.255', '6to4 relay anycast (deprecated) 192.88.99.0/24'],
    ['192.88.100.0', 'public'],
    ['192.167.255.255', 'public'],
    ['192.168.0.0', 'private (RFC 1918) 192.168.0.0/16'],
    ['192.168.255.255', 'private (RFC 1918) 192.168.0.0/16'],
    ['192.169.0.0', 'public'],
    ['198.17.255.255', 'public'],
    ['198.18.0.0', 'benchmarking 198.18.0.0/15'],
    ['198.19.255.255', 'benchmarking 198.18.0.0/15'],
    ['198.20.0.0', 'public'],
    ['198.51.99.255', 'public'],
    ['198.51.100.0', 'documentation (TEST-NET-2) 198.51.100.0/24'],
    ['198.51.100.255', 'documentation (TEST-NET-2) 198.51.100.0/24'],
    ['198.51.101.0', 'public'],
    ['203.0.112.255', 'public'],
    ['203.0.113.0', 'documentation (TEST-NET-3) 203.0.113.0/24'],
    ['203.0.113.255', 'documentation (TEST-NET-3) 203.0.113.0/24'],
    ['203.0.114.0', 'public'],
    ['223.255.255.255', 'public'],
    ['224.0.0.0', 'multicast 224.0.0.0/4'],
    ['239.255.255.255', 'multicast 224.0.0.0/4'],
    ['240.0.0.0', 'reserved 240.0.0.0/4'],
    ['255.255.255.254', 'reserved 240.0.0.0/4'],
    ['255.255.255.255', 'broadcast 255.255.255.255/32'],
    ['8.8.8.8', 'public'],
    ['93.184.215.14', 'public'],
  ])('%s: %s', (address, expected) => {
    expect(rangeOf(address)).toBe(expected);
  });
});

describe('IPv6 ranges, and IPv4 addresses carried in IPv6', () => {
  it.each([
    ['::', 'unspecified ::/128'],
    ['::1', 'loopback ::1/128'],
    ['0:0:0:0:0:0:0:1', 'loopback ::1/128'],
    ['[::1]', 'loopback ::1/128'],
    ['::2', 'IPv4-compatible (deprecated) ::/96'],
    ['::8.8.8.8', 'IPv4-compatible (deprecated) ::/96'],
    ['::ffff:127.0.0.1', 'loopback 127.0.0.0/8 via IPv4-mapped IPv6'],
    ['::ffff:7f00:1', 'loopback 127.0.0.0/8 via IPv4-mapped IPv6'],
    ['[::ffff:7f00:1]', 'loopback 127.0.0.0/8 via IPv4-mapped IPv6'],
    ['::FFFF:169.254.169.254', 'link-local (cloud metadata) 169.254.0.0/16 via IPv4-mapped IPv6'],
    ['::ffff:10.1.2.3', 'private (RFC 1918) 10.0.0.0/8 via IPv4-mapped IPv6'],
    ['::ffff:0.0.0.0', 'unspecified ("this network") 0.0.0.0/8 via IPv4-mapped IPv6'],
    ['::ffff:8.8.8.8', 'public'],
    ['::ffff:0:127.0.0.1', 'loopback 127.0.0.0/8 via IPv4-translated IPv6'],
    ['64:ff9b::127.0.0.1', 'loopback 127.0.0.0/8 via NAT64'],
    ['64:ff9b::a9fe:a9fe', 'link-local (cloud metadata) 169.254.0.0/16 via NAT64'],
    ['64:ff9b::8.8.8.8', 'public'],
    ['64:ff9b:1::', 'NAT64 (local use) 64:ff9b:1::/48'],
    ['64:ff9b:1:ffff:ffff:ffff:ffff:ffff', 'NAT64 (local use) 64:ff9b:1::/48'],
    ['100::', 'discard-only 100::/64'],
    ['100::ffff:ffff:ffff:ffff', 'discard-only 100::/64'],
    ['100:0:0:1::', 'reserved (not global unicast) outside 2000::/3'],
    ['1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved (not global unicast) outside 2000::/3'],
    ['2000::', 'public'],
    ['2001::', 'Teredo 2001::/32'],
    ['2001:0:ffff:ffff:ffff:ffff:ffff:ffff', 'Teredo 2001::/32'],
    ['2001:1::1', 'public'],
    ['2001:2::', 'benchmarking 2001:2::/48'],
    ['2001:2:0:ffff:ffff:ffff:ffff:ffff', 'benchmarking 2001:2::/48'],
    ['2001:2:1::', 'public'],
    ['2001:1f:ffff:ffff:ffff:ffff:ffff:ffff', 'public'],
    ['2001:20::', 'ORCHIDv2 2001:20::/28'],
    ['2001:2f:ffff:ffff:ffff:ffff:ffff:ffff', 'ORCHIDv2 2001:20::/28'],
    ['2001:30::', 'public'],
    ['2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', 'public'],
    ['2001:db8::', 'documentation 2001:db8::/32'],
    ['2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', 'documentation 2001:db8::/32'],
    ['2001:db9::', 'public'],
    ['2002:7f00:1::', 'loopback 127.0.0.0/8 via 6to4'],
    ['2002:c0a8:101::1', 'private (RFC 1918) 192.168.0.0/16 via 6to4'],
    ['2002:808:808::', 'public'],
    ['3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'public'],
    ['3fff::', 'documentation 3fff::/20'],
    ['3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff', 'documentation 3fff::/20'],
    ['3fff:1000::', 'public'],
    ['4000::', 'reserved (not global unicast) outside 2000::/3'],
    ['fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved (not global unicast) outside 2000::/3'],
    ['fc00::', 'unique-local fc00::/7'],
    ['fd12:3456:789a::1', 'unique-local fc00::/7'],
    ['fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'unique-local fc00::/7'],
    ['fe00::', 'reserved (not global unicast) outside 2000::/3'],
    ['fe7f:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'reserved (not global unicast) outside 2000::/3'],
    ['fe80::', 'link-local fe80::/10'],
    ['fe80::1%eth0', 'link-local fe80::/10'],
    ['FEBF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF', 'link-local fe80::/10'],
    ['fec0::', 'site-local (deprecated) fec0::/10'],
    ['feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'site-local (deprecated) fec0::/10'],
    ['ff00::', 'multicast ff00::/8'],
    ['ff02::1', 'multicast ff00::/8'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 'multicast ff00::/8'],
    ['2606:4700:4700::1111', 'public'],
    ['2a00:1450:4001:82a::200e', 'public'],
  ])('%s: %s', (address, expected) => {
    expect(rangeOf(address)).toBe(expected);
  });
});

describe('parseIp', () => {
  it('reads the IPv6 shorthands into 16 bytes', () => {
    expect(parseIp('::')?.bytes).toEqual(Array<number>(16).fill(0));
    expect(parseIp('1::')?.bytes).toEqual([0, 1, ...Array<number>(14).fill(0)]);
    expect(parseIp('::1.2.3.4')?.bytes).toEqual([...Array<number>(12).fill(0), 1, 2, 3, 4]);
    expect(parseIp('1:2:3:4:5:6:7:8')?.bytes).toEqual([
      0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8,
    ]);
    expect(parseIp('1:2:3:4:5:6:1.2.3.4')?.bytes).toEqual([
      0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 1, 2, 3, 4,
    ]);
    expect(parseIp('abcd::ef01')?.bytes).toEqual([
      0xab,
      0xcd,
      ...Array<number>(12).fill(0),
      0xef,
      0x01,
    ]);
    expect(parseIp('192.168.1.20')).toEqual({ family: 4, bytes: [192, 168, 1, 20] });
  });

  it.each([
    '',
    'localhost',
    'example.com',
    '1.2.3',
    '1.2.3.4.5',
    '256.0.0.1',
    '1.2.3.-1',
    '01.2.3.4',
    '0x7f.0.0.1',
    '2130706433',
    ' 1.2.3.4',
    '1::2::3',
    '12345::',
    'g::1',
    ':1',
    '1:',
    ':::1',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7::8',
    '1.2.3.4::',
    '::1.2.3.4:5',
    '::1.2.3.4.5',
    '::256.1.1.1',
  ])('is not an address: %j', (text) => {
    expect(parseIp(text)).toBeUndefined();
  });
});

describe('parseIp and privateRange on any address', () => {
  const bytes = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: n, maxLength: n });
  const full = (b: readonly number[]) =>
    Array.from({ length: 8 }, (_, i) =>
      (((b[2 * i] ?? 0) << 8) | (b[2 * i + 1] ?? 0)).toString(16),
    ).join(':');

  it("reads any IPv6 address in full and in the URL parser's compressed form", () => {
    fc.assert(
      fc.property(bytes(16), (b) => {
        expect(parseIp(full(b))?.bytes).toEqual(b);
        expect(parseIp(new URL(`http://[${full(b)}]/`).hostname)?.bytes).toEqual(b);
      }),
    );
  });

  it('judges an IPv4 address and its IPv4-mapped IPv6 form alike', () => {
    fc.assert(
      fc.property(bytes(4), (b) => {
        const dotted = b.join('.');
        const v4 = privateRange({ family: 4, bytes: b });
        const mapped = privateRange({
          family: 6,
          bytes: [...Array<number>(10).fill(0), 255, 255, ...b],
        });
        expect(mapped === undefined ? undefined : { name: mapped.name, cidr: mapped.cidr }).toEqual(
          v4,
        );
        expect(isPrivateAddress(`::ffff:${dotted}`)).toBe(isPrivateAddress(dotted));
      }),
    );
  });
});

describe('isPrivateAddress', () => {
  it('refuses what it cannot read, rather than guess', () => {
    expect(isPrivateAddress('localhost')).toBe(true);
    expect(isPrivateAddress('0177.0.0.1')).toBe(true);
    expect(isPrivateAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isPrivateAddress('169.254.169.254')).toBe(true);
    expect(isPrivateAddress('8.8.8.8')).toBe(false);
    expect(isPrivateAddress('2606:4700:4700::1111')).toBe(false);
  });
});

describe('describeRange', () => {
  it('names the range, and the IPv6 form that carried an IPv4 address', () => {
    const ip = (text: string) => {
      const parsed = parseIp(text);
      const r = parsed === undefined ? undefined : privateRange(parsed);
      if (r === undefined) throw new Error(`public: ${text}`);
      return describeRange(r);
    };
    expect(ip('127.0.0.1')).toBe('the loopback range 127.0.0.0/8');
    expect(ip('::ffff:169.254.169.254')).toBe(
      'the link-local (cloud metadata) range 169.254.0.0/16 (as IPv4-mapped IPv6)',
    );
  });
});
