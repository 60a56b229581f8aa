/**
 * IP addresses and CIDRs as the API server reads them (k8s.io/utils/net ParseIPSloppy and
 * ParseCIDRSloppy, Go's net parser before Go 1.17 made it strict), with the reasons of
 * k8s.io/apimachinery/pkg/util/validation/ip.go word for word.
 */
import { isIPv6 } from 'node:net';

export const INVALID_IP = 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
export const INVALID_CIDR = 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';

/** 4 or 6, or undefined when `text` is no address. Sloppy: IPv4 parts may have leading zeros. */
export function ipFamily(text: string): 4 | 6 | undefined {
  const parts = text.split('.');
  if (parts.length === 4 && parts.every((p) => /^[0-9]+$/.test(p) && Number(p) <= 255)) return 4;
  // Node's parser takes a zone ("fe80::1%eth0"), Go's does not.
  return !text.includes('%') && isIPv6(text) ? 6 : undefined;
}

export function isValidIP(text: string): boolean {
  return ipFamily(text) !== undefined;
}

/** An address, "/", and a prefix length in decimal digits no longer than the address. */
export function isValidCIDR(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const family = ipFamily(text.slice(0, slash));
  const bits = text.slice(slash + 1);
  return family !== undefined && /^[0-9]+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}
