/**
 * Residents' ratings that cannot be stuffed (F-SUPERVISE §4.11, F-ASSESS §4.10): rules deciding whether
 * a ballot counts at once, is capped, or is held for the county's review. Pure; the service counts the
 * ballots and applies the result (voice.service.ts).
 *
 * Decisions:
 * - A ballot over the per-address cap of a window is accepted but not counted ('capped'): residents
 *   behind one router or a mobile carrier's shared address are not turned away, and the county can
 *   accept them. The resident is thanked either way.
 * - A burst — `burstAddressVotes` ballots from one address, or `burstSubnetVotes` from one subnet
 *   (IPv4 /24, IPv6 /64), within `burstMinutes` — holds every ballot of that group inside the span,
 *   the earlier ones included ('held'), until the county accepts or discards them. A burst wins over the
 *   cap (it is the stronger signal and is reviewed the same way).
 * - Only counted and accepted ballots feed a satisfaction rate; the county sees how many were not
 *   counted and why.
 */
import { isIP } from 'node:net';

/** The rules (policy `assessment.ratingGuard`). */
export interface RatingGuard {
  /** Ballots per address, community and window that count; beyond it they are capped. */
  perAddress: number;
  /** The span a burst is counted in. */
  burstMinutes: number;
  /** Ballots from one address within the span that make a burst. */
  burstAddressVotes: number;
  /** Ballots from one subnet within the span that make a burst. */
  burstSubnetVotes: number;
}

export const RATING_GUARD_DEFAULTS: RatingGuard = {
  perAddress: 5,
  burstMinutes: 10,
  burstAddressVotes: 4,
  burstSubnetVotes: 10,
};

export type BallotStatus = 'counted' | 'capped' | 'held' | 'accepted' | 'discarded';
export type FlagReason = 'address_cap' | 'address_burst' | 'subnet_burst';

/** The address and its subnet as strings to digest: IPv4 a.b.c.d and a.b.c; IPv6 expanded, and its first 64 bits. */
export function addressKeys(ip: string): { address: string; subnet: string } | null {
  let a = ip.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) a = mapped[1];
  const zone = a.indexOf('%');
  if (zone >= 0) a = a.slice(0, zone);
  const kind = isIP(a);
  if (kind === 4) {
    const parts = a.split('.').map(Number);
    return { address: parts.join('.'), subnet: `${parts.slice(0, 3).join('.')}.0/24` };
  }
  if (kind === 6) {
    const groups = expandIPv6(a);
    return { address: groups.join(':'), subnet: `${groups.slice(0, 4).join(':')}::/64` };
  }
  return null;
}

function expandIPv6(a: string): string[] {
  let s = a;
  // An embedded IPv4 tail (::1.2.3.4) becomes two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    const [b1, b2, b3, b4] = v4.slice(1).map(Number);
    s = `${s.slice(0, v4.index)}${((b1 << 8) | b2).toString(16)}:${((b3 << 8) | b4).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - h.length - t.length;
  return [...h, ...Array(missing).fill('0'), ...t].map((g) => g.padStart(4, '0'));
}

/** What the service counted for the new ballot (itself included in the recent counts, not in `addressEarlier`). */
export interface BallotCounts {
  /** Earlier ballots from the same address in this window and community. */
  addressEarlier: number;
  /** Ballots from the same address within the last `burstMinutes`, this one included. */
  addressRecent: number;
  /** Ballots from the same subnet within the last `burstMinutes`, this one included. */
  subnetRecent: number;
}

export type BallotClass =
  | { status: 'counted' }
  | { status: 'capped'; reason: 'address_cap'; group: 'address' }
  | { status: 'held'; reason: 'address_burst'; group: 'address' }
  | { status: 'held'; reason: 'subnet_burst'; group: 'subnet' };

/** How a new ballot is counted. A ballot without an address (none known) always counts. */
export function classifyBallot(c: BallotCounts | null, g: RatingGuard): BallotClass {
  if (!c) return { status: 'counted' };
  if (c.addressRecent >= g.burstAddressVotes) return { status: 'held', reason: 'address_burst', group: 'address' };
  if (c.subnetRecent >= g.burstSubnetVotes) return { status: 'held', reason: 'subnet_burst', group: 'subnet' };
  if (c.addressEarlier >= g.perAddress) return { status: 'capped', reason: 'address_cap', group: 'address' };
  return { status: 'counted' };
}

/** Why a ballot is not (or not yet) counted, in words for the county. */
export function flagLabel(reason: FlagReason, g: RatingGuard): string {
  switch (reason) {
    case 'address_cap':
      return `同一网络地址在本测评期对本社区已提交 ${g.perAddress} 票，超出部分不计入`;
    case 'address_burst':
      return `同一网络地址 ${g.burstMinutes} 分钟内集中提交 ${g.burstAddressVotes} 票及以上，待县级审核`;
    case 'subnet_burst':
      return `同一网段 ${g.burstMinutes} 分钟内集中提交 ${g.burstSubnetVotes} 票及以上，待县级审核`;
  }
}

export const STATUS_LABELS: Record<BallotStatus, string> = {
  counted: '计入',
  capped: '超出上限，未计入',
  held: '待审核，未计入',
  accepted: '经审核计入',
  discarded: '经审核作废',
};
