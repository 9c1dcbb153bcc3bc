// Who may call the receiver: Ozon's address ranges, IPv4 range matching, and the caller's address
// behind trusted proxies.

/** The address ranges Ozon sends push notifications from. */
export const OZON_PUSH_SOURCES: readonly string[] = /* @__PURE__ */ Object.freeze(['195.34.21.0/24', '185.73.192.0/22', '91.223.93.0/24']);

/** An IPv4 address (also IPv4-mapped IPv6, `::ffff:a.b.c.d`) as a 32-bit number. */
function ipv4(address: string): number | undefined {
  const m = /^(?:::ffff:)?(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/i.exec(address.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + p, 0);
}

/** A test for a list of IPv4 ranges (`a.b.c.d/n`) and exact addresses; throws TypeError on a bad entry. */
export function sourceMatcher(list: readonly string[]): (address: string | undefined) => boolean {
  const ranges = list.map((entry) => {
    const [ip = '', bits] = entry.split('/');
    const base = ipv4(ip);
    const n = bits === undefined ? 32 : Number(bits);
    if (base === undefined) {
      if (bits !== undefined) throw new TypeError(`allowedSources: "${entry}" is not an IPv4 range`);
      return (a: string) => a === entry; // an exact IPv6 address
    }
    if (!Number.isInteger(n) || n < 0 || n > 32) throw new TypeError(`allowedSources: bad prefix length in "${entry}"`);
    const size = 2 ** (32 - n);
    const start = base - (base % size);
    return (a: string) => {
      const v = ipv4(a);
      return v !== undefined && v >= start && v < start + size;
    };
  });
  return (address) => address !== undefined && ranges.some((r) => r(address));
}

/**
 * The caller's address: the socket's, or with `hops` trusted proxies the entry those proxies
 * added to `X-Forwarded-For` (counted from the right; entries further left can be forged).
 */
export function callerAddress(remote: string | undefined, forwardedFor: string | null | undefined, hops: number): string | undefined {
  if (hops <= 0) return remote;
  const chain = (forwardedFor ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return chain.length >= hops ? chain[chain.length - hops] : undefined;
}
