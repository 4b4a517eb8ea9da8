import { describe, expect, it } from 'vitest';
import { ConfigInvalidError, parseConfig } from './config.js';

describe('HTTP_TRUST_PROXY', () => {
  it('trusts no proxy by default, any with true, or the listed addresses', () => {
    expect(parseConfig({}).HTTP_TRUST_PROXY).toBe(false);
    expect(parseConfig({ HTTP_TRUST_PROXY: 'true' }).HTTP_TRUST_PROXY).toBe(true);
    expect(parseConfig({ HTTP_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).HTTP_TRUST_PROXY).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
  });

  it('names the entries that are not addresses', () => {
    expect(() => parseConfig({ HTTP_TRUST_PROXY: '10.0.0.0/33,proxy.local' })).toThrow(ConfigInvalidError);
    expect(() => parseConfig({ HTTP_TRUST_PROXY: '10.0.0.0/33,proxy.local' })).toThrow(
      'HTTP_TRUST_PROXY: not an IP address or CIDR: 10.0.0.0/33, proxy.local',
    );
  });
});
