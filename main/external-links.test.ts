import { describe, expect, it } from 'vitest';
import { isExternalLink } from './external-links.js';
import { hardenWebContents, type GuardedContents } from './window.js';

describe('isExternalLink', () => {
  it('lets tel:, mailto: and https: out', () => {
    for (const url of ['tel:+15550103', 'tel:5550103', 'tel:+1-555-0103', 'mailto:desk@example.com', 'mailto:ana%40example.com', 'https://status.example.com/incidents']) {
      expect(isExternalLink(url), url).toBe(true);
    }
  });

  it('keeps every other scheme, and malformed links, in', () => {
    for (const url of [
      'http://status.example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://cockpit/index.html',
      'data:text/html,<script>1</script>',
      'smb://fileserver/share',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://file/etc/passwd',
      'tel:',
      'tel:call-me',
      'tel:+1;ext=javascript:x',
      'mailto:',
      'mailto:not-an-address',
      'mailto:%E0%A4%A',
      'https://user:pass@bank.example/',
      'https://',
      'not a url',
    ]) {
      expect(isExternalLink(url), url).toBe(false);
    }
  });
});

/** A webContents that records what the rules did with each event. */
function guarded() {
  const listeners = new Map<string, (event: { preventDefault(): void; url?: string }) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  const contents: GuardedContents = {
    on: (event, listener) => listeners.set(event, listener),
    setWindowOpenHandler: (handler) => (openHandler = handler),
  };
  const opened: string[] = [];
  hardenWebContents(contents, async (url) => void opened.push(url));
  const emit = (event: string, url?: string) => {
    let prevented = false;
    listeners.get(event)!({ preventDefault: () => (prevented = true), ...(url === undefined ? {} : { url }) });
    return prevented;
  };
  return { emit, openWindow: (url: string) => openHandler!({ url }), opened };
}

describe('hardenWebContents', () => {
  it('never navigates the window, and hands allowed links to the OS', () => {
    const { emit, opened } = guarded();
    for (const url of ['tel:+15550103', 'mailto:desk@example.com', 'https://status.example.com/', 'http://status.example.com/', 'file:///etc/passwd', 'app://cockpit/other.html']) {
      expect(emit('will-navigate', url), url).toBe(true);
    }
    expect(opened).toEqual(['tel:+15550103', 'mailto:desk@example.com', 'https://status.example.com/']);
  });

  it('denies new windows, opening only allowed links with the OS', () => {
    const { openWindow, opened } = guarded();
    expect(openWindow('https://status.example.com/')).toEqual({ action: 'deny' });
    expect(openWindow('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openWindow('tel:+15550103')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://status.example.com/', 'tel:+15550103']);
  });

  it('refuses redirects and webviews', () => {
    const { emit, opened } = guarded();
    expect(emit('will-redirect', 'https://status.example.com/')).toBe(true);
    expect(emit('will-attach-webview')).toBe(true);
    expect(opened).toEqual([]);
  });
});
