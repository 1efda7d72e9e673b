import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentTypeOf, renderIndexHtml, resolveStaticPath } from './static-files.js';

const ROOT = '/srv/dist/renderer';

describe('resolveStaticPath', () => {
  it('maps paths inside the bundle', () => {
    expect(resolveStaticPath(ROOT, '/')).toBe('/srv/dist/renderer/index.html');
    expect(resolveStaticPath(ROOT, '/assets/app-1a2b.js')).toBe('/srv/dist/renderer/assets/app-1a2b.js');
    expect(resolveStaticPath(ROOT, '/assets/a%20b.css')).toBe('/srv/dist/renderer/assets/a b.css');
  });

  it('refuses anything that could leave the bundle', () => {
    for (const path of [
      '/../package.json',
      '/assets/../../secret',
      '/%2e%2e/package.json',
      '/assets/%2e%2e/%2e%2e/x',
      '/..%2fpackage.json',
      '/..%5cpackage.json',
      '/x%00.js',
      '/%E0%A4%A',
      'relative',
      '/C:/Windows/win.ini',
      '/./index.html',
    ]) {
      expect(resolveStaticPath(ROOT, path), path).toBeNull();
    }
  });
});

describe('static helpers', () => {
  it('names content types', () => {
    expect(contentTypeOf('/a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('/a/x.JS')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('/a/x.woff2')).toBe('font/woff2');
    expect(contentTypeOf('/a/LICENSE')).toBe('application/octet-stream');
  });

  it('writes the host kind into every placeholder', () => {
    const html = '<meta name="cockpit-host" content="__COCKPIT_HOST__"><b>__COCKPIT_HOST__</b>';
    expect(renderIndexHtml(html, 'browser')).toBe('<meta name="cockpit-host" content="browser"><b>browser</b>');
  });

  it('builds a strict policy, with the socket only for the browser host', () => {
    const browser = contentSecurityPolicy(7420);
    expect(browser).toContain("default-src 'self'");
    expect(browser).toContain("script-src 'self';");
    expect(browser).toContain('connect-src \'self\' ws://127.0.0.1:7420 ws://localhost:7420');
    expect(browser).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(contentSecurityPolicy()).not.toContain('ws:');
  });
});
