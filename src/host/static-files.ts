/**
 * Serving the built renderer (dist/renderer/) from either host: which file
 * a URL path names (never one outside the bundle), its content type, the
 * index.html with the host flag written in, and the Content-Security-Policy.
 */
import { isAbsolute, join, normalize, relative, sep } from 'node:path';
import { HOST_META_PLACEHOLDER } from '../contract/bridge.js';
import type { HostKind } from '../contract/app.js';

export const INDEX_HTML = 'index.html';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(path: string): string {
  const dot = path.lastIndexOf('.');
  const ext = dot < 0 ? '' : path.slice(dot).toLowerCase();
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

/**
 * The file under `root` that a URL path (without query) names, or null when
 * it is malformed or would leave `root` (`..`, encoded slashes, NUL bytes,
 * absolute Windows paths). `/` names index.html.
 */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return null;
  const inner = decoded === '/' ? INDEX_HTML : decoded.slice(1);
  const segments = inner.split('/');
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:/.test(s))) return null;
  const full = normalize(join(root, ...segments));
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) return null;
  return full;
}

/** Writes the host flag the renderer picks its bridge from. */
export function renderIndexHtml(html: string, hostKind: HostKind): string {
  return html.split(HOST_META_PLACEHOLDER).join(hostKind);
}

/**
 * No inline or remote script, no eval, no plugins, no framing. Inline styles
 * are allowed because xterm.js writes its theme into a <style> element and
 * recharts positions tooltips and legends with style attributes.
 * The browser host's page also talks to its own WebSocket (`wsPort`).
 */
export function contentSecurityPolicy(wsPort?: number): string {
  const connect = wsPort === undefined ? "'self'" : `'self' ws://127.0.0.1:${wsPort} ws://localhost:${wsPort}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
