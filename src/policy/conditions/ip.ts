/**
 * `IpAddress`: CIDR membership for IPv4 (`203.0.113.0/24`) and IPv6 (`2001:DB8::/32`); a bare address
 * is a /32 (IPv6: /128). Addresses are four 32-bit words (IPv4 uses the last), so a test is four
 * masked compares. IPv4 dotted quads are read by hand (the hot path: `aws:SourceIp`); IPv6 text,
 * with its `::` and embedded-IPv4 forms, is left to ipaddr.js. An IPv4-mapped IPv6 address
 * (`::ffff:10.0.0.1`) counts as its IPv4 address.
 */
import ipaddr from 'ipaddr.js';
import { defineOperator, SLOT } from './operator.ts';

export interface Address {
  readonly v6: boolean;
  readonly words: readonly [number, number, number, number];
}

export interface Cidr extends Address {
  readonly masks: readonly [number, number, number, number];
}

/** Strict four-part decimal (no leading zeros: `010` would be octal to some parsers). */
function parseIpv4(text: string): number | undefined {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let parts = 0;
  for (let i = 0; i <= text.length; i++) {
    const code = i < text.length ? text.charCodeAt(i) : 46;
    if (code === 46) {
      if (digits === 0 || octet > 255 || ++parts > 4) return undefined;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && octet === 0) return undefined;
      octet = octet * 10 + code - 48;
      digits++;
    } else {
      return undefined;
    }
  }
  return parts === 4 ? value : undefined;
}

export function parseAddress(text: string): Address | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { v6: false, words: [0, 0, 0, v4] };
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return undefined;
  const address = ipaddr.IPv6.parse(text);
  if (address.isIPv4MappedAddress()) {
    const [a = 0, b = 0, c = 0, d = 0] = address.toIPv4Address().octets;
    return { v6: false, words: [0, 0, 0, ((a << 24) | (b << 16) | (c << 8) | d) >>> 0] };
  }
  const p = address.parts;
  const word = (i: number) => (((p[i] ?? 0) << 16) | (p[i + 1] ?? 0)) >>> 0;
  return { v6: true, words: [word(0), word(2), word(4), word(6)] };
}

function mask(bits: number): number {
  if (bits <= 0) return 0;
  return bits >= 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = parseAddress(slash === -1 ? text.trim() : text.slice(0, slash).trim());
  if (address === undefined) return undefined;
  const max = address.v6 ? 128 : 32;
  const prefixText = slash === -1 ? String(max) : text.slice(slash + 1).trim();
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > max) return undefined;
  // IPv4 lives in the last word: its prefix counts from bit 96.
  const bits = Number(prefixText) + (address.v6 ? 0 : 96);
  const masks = [mask(bits), mask(bits - 32), mask(bits - 64), mask(bits - 96)] as const;
  const w = address.words;
  const words = [0, 1, 2, 3].map((i) => ((w[i] ?? 0) & (masks[i] ?? 0)) >>> 0);
  return { v6: address.v6, words: [words[0] ?? 0, words[1] ?? 0, words[2] ?? 0, words[3] ?? 0], masks };
}

export function inCidr(cidr: Cidr, address: Address): boolean {
  const a = address.words;
  const m = cidr.masks;
  const c = cidr.words;
  return (
    cidr.v6 === address.v6 &&
    (a[3] & m[3]) >>> 0 === c[3] &&
    (a[2] & m[2]) >>> 0 === c[2] &&
    (a[1] & m[1]) >>> 0 === c[1] &&
    (a[0] & m[0]) >>> 0 === c[0]
  );
}

export const ipAddress = defineOperator<Cidr, Address>({
  name: 'IpAddress',
  variables: false,
  slot: SLOT.ip,
  preparePolicy: parseCidr,
  prepareRequest: parseAddress,
  test: inCidr,
});
