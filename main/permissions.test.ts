import { describe, expect, it } from 'vitest';
import { installPermissionHandlers, type PermissionSession } from './permissions.js';

type RequestHandler = Parameters<PermissionSession['setPermissionRequestHandler']>[0];
type CheckHandler = Parameters<PermissionSession['setPermissionCheckHandler']>[0];

function installed() {
  let request: RequestHandler | undefined;
  let check: CheckHandler | undefined;
  installPermissionHandlers({
    setPermissionRequestHandler: (h) => (request = h),
    setPermissionCheckHandler: (h) => (check = h),
  });
  const ask = (permission: string, requestingUrl: string, isMainFrame = true) => {
    const answers: boolean[] = [];
    request!({}, permission, (granted) => answers.push(granted), { requestingUrl, isMainFrame });
    expect(answers).toHaveLength(1);
    return answers[0];
  };
  const checks = (permission: string, origin: string, details: { requestingUrl?: string; isMainFrame: boolean; embeddingOrigin?: string }) =>
    check!(null, permission, origin, details);
  return { ask, checks };
}

const PAGE = 'app://cockpit/index.html';

describe('permission handlers', () => {
  it('grant clipboard writes to the cockpit top frame, in both handlers', () => {
    const { ask, checks } = installed();
    expect(ask('clipboard-sanitized-write', PAGE)).toBe(true);
    expect(checks('clipboard-sanitized-write', 'app://cockpit', { requestingUrl: PAGE, isMainFrame: true })).toBe(true);
    // A check made for no document in particular still carries the origin.
    expect(checks('clipboard-sanitized-write', 'app://cockpit', { isMainFrame: true })).toBe(true);
  });

  it('deny clipboard writes to anything that is not the cockpit top frame', () => {
    const { ask, checks } = installed();
    const requests: [string, string, boolean][] = [
      ['subframe', PAGE, false],
      ['https page', 'https://evil.example/', true],
      ['look-alike host', 'app://cockpit.evil/index.html', true],
      ['other app host', 'app://other/', true],
      ['file page', 'file:///tmp/x.html', true],
      ['garbage', 'not a url', true],
    ];
    for (const [label, url, main] of requests) expect(ask('clipboard-sanitized-write', url, main), label).toBe(false);

    const cases: [string, string, { requestingUrl?: string; isMainFrame: boolean; embeddingOrigin?: string }][] = [
      ['subframe', 'app://cockpit', { requestingUrl: PAGE, isMainFrame: false }],
      ['embedded elsewhere', 'app://cockpit', { requestingUrl: PAGE, isMainFrame: true, embeddingOrigin: 'https://evil.example' }],
      ['other origin', 'https://evil.example', { requestingUrl: 'https://evil.example/', isMainFrame: true }],
      ['origin ours, url not', 'app://cockpit', { requestingUrl: 'https://evil.example/', isMainFrame: true }],
      ['url ours, origin not', 'https://evil.example', { requestingUrl: PAGE, isMainFrame: true }],
    ];
    for (const [label, origin, details] of cases) expect(checks('clipboard-sanitized-write', origin, details), label).toBe(false);
  });

  it('deny every other permission, even to the cockpit top frame', () => {
    const { ask, checks } = installed();
    for (const permission of ['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'fullscreen', 'display-capture', 'unknown']) {
      expect(ask(permission, PAGE), permission).toBe(false);
      expect(checks(permission, 'app://cockpit', { requestingUrl: PAGE, isMainFrame: true }), permission).toBe(false);
    }
  });
});
