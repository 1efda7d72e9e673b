/**
 * Reading an HTTP body without trusting its size: a trading system that
 * misbehaves can answer with hundreds of megabytes, and the cockpit must
 * refuse it before buffering it all.
 */

/**
 * Largest answer body the client reads, bytes. The biggest book the cockpit
 * is built for (10,000 positions) answers in about 2 MB; 16 MiB leaves eight
 * times that of headroom and still refuses a runaway answer early.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Largest error body read for its `error` text, bytes. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

export type BodyText = { ok: true; text: string } | { ok: false; reason: 'too_large' | 'not_utf8'; message: string };

/**
 * The body as text, or a refusal once more than `maxBytes` arrived (or the
 * server declared more up front); the stream is cancelled at that point so
 * the rest is never read. Stream errors (abort, reset) propagate.
 */
export async function readBodyText(response: Response, maxBytes: number): Promise<BodyText> {
  const tooLarge = (): BodyText => ({ ok: false, reason: 'too_large', message: `body larger than ${maxBytes} bytes` });
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return tooLarge();
  }
  if (response.body === null) return { ok: true, text: '' };

  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      parts.push(decoder.decode(value, { stream: true }));
    }
    parts.push(decoder.decode());
  } catch (error) {
    if (error instanceof TypeError && (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      await reader.cancel().catch(() => undefined);
      return { ok: false, reason: 'not_utf8', message: 'body is not valid UTF-8' };
    }
    throw error;
  } finally {
    reader.releaseLock();
  }
  return { ok: true, text: parts.join('') };
}
