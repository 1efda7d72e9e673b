/**
 * Records a terminal session's output to a file, as the team's rules ask
 * for every SSH session to a production host. The file holds what the
 * terminal showed (typed commands appear as the host echoed them; a password
 * typed at a prompt is not echoed, so not recorded), escape sequences and
 * all, so `cat` or `less -R` replays it. Mode 0600: it may show sensitive output.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';

export interface TranscriptRecorder {
  readonly path: string;
  write(chunk: string): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/** Transcripts live in `<data dir>/transcripts/`. */
export const TRANSCRIPTS_FOLDER = 'transcripts';

/** "hft-prod-01_2026-11-24T18-00-00-000Z.log": sortable, and safe on every file system. */
export function transcriptFileName(hostName: string, startedAtMs: number): string {
  const safeHost = hostName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${safeHost}_${new Date(startedAtMs).toISOString().replace(/[:.]/g, '-')}.log`;
}

export function openTranscript(dataDir: string, hostName: string, startedAtMs: number): TranscriptRecorder {
  const folder = join(dataDir, TRANSCRIPTS_FOLDER);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const path = join(folder, transcriptFileName(hostName, startedAtMs));
  const stream: WriteStream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  let closed = false;
  // A full disk must not take the terminal down with it; the recorder just stops.
  stream.on('error', () => (closed = true));
  return {
    path,
    write(chunk) {
      if (!closed) stream.write(chunk);
    },
    close() {
      if (closed) return Promise.resolve();
      closed = true;
      return new Promise((resolve) => stream.end(() => resolve()));
    },
  };
}
