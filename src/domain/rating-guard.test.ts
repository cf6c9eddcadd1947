import { describe, expect, it } from 'vitest';
import { addressKeys, classifyBallot, RATING_GUARD_DEFAULTS as G } from './rating-guard.js';

describe('addressKeys: the address and its subnet', () => {
  it.each([
    ['IPv4', '10.77.0.1', { address: '10.77.0.1', subnet: '10.77.0.0/24' }],
    ['IPv4, last octet ignored by the subnet', '10.77.0.254', { address: '10.77.0.254', subnet: '10.77.0.0/24' }],
    ['IPv4 mapped into IPv6 is IPv4', '::ffff:192.168.1.20', { address: '192.168.1.20', subnet: '192.168.1.0/24' }],
    ['surrounding spaces', ' 10.0.0.1 ', { address: '10.0.0.1', subnet: '10.0.0.0/24' }],
    [
      'IPv6 compressed, expanded',
      '2001:db8::1',
      { address: '2001:0db8:0000:0000:0000:0000:0000:0001', subnet: '2001:0db8:0000:0000::/64' },
    ],
    [
      'IPv6 same /64, different host',
      '2001:DB8:0:0:abcd::2',
      { address: '2001:0db8:0000:0000:abcd:0000:0000:0002', subnet: '2001:0db8:0000:0000::/64' },
    ],
    [
      'IPv6 with a zone',
      'fe80::1%eth0',
      { address: 'fe80:0000:0000:0000:0000:0000:0000:0001', subnet: 'fe80:0000:0000:0000::/64' },
    ],
    [
      'IPv6 loopback',
      '::1',
      { address: '0000:0000:0000:0000:0000:0000:0000:0001', subnet: '0000:0000:0000:0000::/64' },
    ],
    [
      'IPv6 with an IPv4 tail',
      '64:ff9b::10.0.0.1',
      { address: '0064:ff9b:0000:0000:0000:0000:0a00:0001', subnet: '0064:ff9b:0000:0000::/64' },
    ],
    ['not an address', 'localhost', null],
    ['empty', '', null],
  ])('%s', (_, ip, expected) => {
    expect(addressKeys(ip)).toEqual(expected);
  });
});

describe('classifyBallot (defaults: 5 per address, burst 4 per address or 10 per subnet in 10 minutes)', () => {
  it.each([
    ['no address known: counted', null, { status: 'counted' }],
    ['the first ballot', { addressEarlier: 0, addressRecent: 1, subnetRecent: 1 }, { status: 'counted' }],
    [
      '3 from one address in the span: counted',
      { addressEarlier: 2, addressRecent: 3, subnetRecent: 3 },
      { status: 'counted' },
    ],
    [
      '4 from one address in the span: a burst',
      { addressEarlier: 3, addressRecent: 4, subnetRecent: 4 },
      { status: 'held', reason: 'address_burst', group: 'address' },
    ],
    [
      '9 from one subnet in the span, spread over addresses: counted',
      { addressEarlier: 0, addressRecent: 1, subnetRecent: 9 },
      { status: 'counted' },
    ],
    [
      '10 from one subnet in the span: a burst of the subnet',
      { addressEarlier: 0, addressRecent: 1, subnetRecent: 10 },
      { status: 'held', reason: 'subnet_burst', group: 'subnet' },
    ],
    [
      'the 5th from one address over the window, slowly: counted',
      { addressEarlier: 4, addressRecent: 1, subnetRecent: 1 },
      { status: 'counted' },
    ],
    [
      'the 6th from one address over the window, slowly: capped',
      { addressEarlier: 5, addressRecent: 1, subnetRecent: 1 },
      { status: 'capped', reason: 'address_cap', group: 'address' },
    ],
    [
      'over the cap and a burst: held (the stronger signal)',
      { addressEarlier: 9, addressRecent: 5, subnetRecent: 5 },
      { status: 'held', reason: 'address_burst', group: 'address' },
    ],
  ])('%s', (_, counts, expected) => {
    expect(classifyBallot(counts, G)).toEqual(expected);
  });

  it('follows the policy’s numbers', () => {
    const strict = { perAddress: 1, burstMinutes: 5, burstAddressVotes: 2, burstSubnetVotes: 3 };
    expect(classifyBallot({ addressEarlier: 1, addressRecent: 1, subnetRecent: 1 }, strict).status).toBe('capped');
    expect(classifyBallot({ addressEarlier: 1, addressRecent: 2, subnetRecent: 2 }, strict).status).toBe('held');
    expect(classifyBallot({ addressEarlier: 0, addressRecent: 1, subnetRecent: 3 }, strict)).toMatchObject({
      reason: 'subnet_burst',
    });
  });
});
