/**
 * Does the host we reached call itself what the profile says? `hostname`
 * prints the short name on most distributions and the FQDN on some, and a
 * profile may hold either, so "hft-prod-01" and "hft-prod-01.trading.internal"
 * are the same host; "hft-prod-02" is not, whatever its domain.
 */
export function hostnameMatches(expected: string, reported: string): boolean {
  const a = expected.trim().toLowerCase().replace(/\.$/, '');
  const b = reported.trim().toLowerCase().replace(/\.$/, '');
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const shortA = a.split('.')[0]!;
  const shortB = b.split('.')[0]!;
  // Only a bare name may match by its first label: two different FQDNs are two hosts.
  return (!a.includes('.') || !b.includes('.')) && shortA === shortB;
}

/**
 * Whether a profile's host is a name that `hostname` could print at all:
 * an IP address or `localhost` says nothing about which machine answers.
 */
export function isComparableHostname(host: string): boolean {
  const h = host.trim().toLowerCase();
  if (h === '' || h === 'localhost') return false;
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(h)) return false;
  if (h.includes(':')) return false;
  return true;
}
