import { describe, expect, it } from 'vitest';
import { hostnameMatches, isComparableHostname } from './hostname.js';

describe('hostnameMatches', () => {
  it('accepts the short name against an FQDN either way, ignoring case and the trailing dot', () => {
    expect(hostnameMatches('hft-prod-01', 'hft-prod-01\n')).toBe(true);
    expect(hostnameMatches('hft-prod-01', 'HFT-PROD-01.trading.internal.')).toBe(true);
    expect(hostnameMatches('hft-prod-01.trading.internal', 'hft-prod-01')).toBe(true);
  });

  it('refuses another host, and two different FQDNs sharing a first label', () => {
    expect(hostnameMatches('hft-prod-01', 'hft-prod-02')).toBe(false);
    expect(hostnameMatches('hft-prod-01.a.internal', 'hft-prod-01.b.internal')).toBe(false);
    expect(hostnameMatches('hft-prod-01', '')).toBe(false);
  });

  it('knows an address says nothing about the name', () => {
    expect(isComparableHostname('10.1.2.3')).toBe(false);
    expect(isComparableHostname('localhost')).toBe(false);
    expect(isComparableHostname('::1')).toBe(false);
    expect(isComparableHostname('hft-prod-01')).toBe(true);
  });
});
