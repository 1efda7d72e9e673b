/**
 * The `app://cockpit/` origin the window loads the renderer from. A custom
 * privileged scheme instead of file:// gives the page a real origin (so the
 * IPC sender check and the CSP's 'self' mean something) and confines it to
 * the bundle: nothing outside dist/renderer can be named from it.
 */
import { readFile, stat } from 'node:fs/promises';
import { contentSecurityPolicy, contentTypeOf, INDEX_HTML, renderIndexHtml, resolveStaticPath } from '../src/host/static-files.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'cockpit';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/${INDEX_HTML}`;

/** standard: real origin and relative URLs; secure: a secure context like https. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

export function isAppOrigin(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

const headers = (contentType: string, extra: Record<string, string> = {}) => ({
  'Content-Type': contentType,
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  ...extra,
});

const notFound = () => new Response('not found\n', { status: 404, headers: headers('text/plain; charset=utf-8') });

/** The `protocol.handle('app', …)` handler: a file of the bundle, or 404. */
export async function serveAppRequest(request: { url: string; method: string }, rendererDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
  if (!isAppOrigin(request.url)) return notFound();
  const { pathname } = new URL(request.url);
  const path = resolveStaticPath(rendererDir, pathname);
  if (path === null) return notFound();
  const info = await stat(path).catch(() => null);
  if (!info?.isFile()) return notFound();
  const isIndex = pathname === '/' || pathname === `/${INDEX_HTML}`;
  const bytes = await readFile(path);
  const body = isIndex ? renderIndexHtml(bytes.toString('utf8'), 'electron') : bytes;
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: headers(contentTypeOf(path), isIndex ? { 'Cache-Control': 'no-store' } : {}),
  });
}
