/**
 * The audit log's file seam, watched: every operation goes to the real file
 * system and into `ops`, in order, so a test can prove that a record was
 * fsync'd before its append resolved. It can also make the next write or
 * fsync fail, or make every fsync slow (the kill switch bench's 2 s disk).
 */
import { nodeAuditFiles, type AppendHandle, type AuditFiles } from '../../src/services/audit/files.js';

export type FileOp =
  | { op: 'append'; path: string; text: string }
  | { op: 'sync'; path: string }
  | { op: 'truncate'; path: string; length: number }
  | { op: 'writeNew'; path: string; bytes: number }
  | { op: 'syncDir'; path: string };

export class RecordingFiles implements AuditFiles {
  readonly ops: FileOp[] = [];
  private failing: { op: 'append' | 'sync'; error: Error } | null = null;

  /** `wait(ms)` delays each fsync: real time or a fake clock's. */
  constructor(private readonly slowSync?: { ms: number; wait: (ms: number) => Promise<void> }) {}

  /** The next `op` throws `error` (and is not done). */
  failNext(op: 'append' | 'sync', error = new Error(`${op} failed: EIO`)): void {
    this.failing = { op, error };
  }

  /** The ops of one kind, for short assertions. */
  kinds(): string[] {
    return this.ops.map((o) => o.op);
  }

  private check(op: 'append' | 'sync'): void {
    if (this.failing?.op !== op) return;
    const { error } = this.failing;
    this.failing = null;
    throw error;
  }

  read(path: string) {
    return nodeAuditFiles.read(path);
  }

  async openAppend(path: string) {
    const { handle, created } = await nodeAuditFiles.openAppend(path);
    const watched: AppendHandle = {
      append: async (bytes) => {
        this.check('append');
        this.ops.push({ op: 'append', path, text: Buffer.from(bytes).toString('utf8') });
        await handle.append(bytes);
      },
      sync: async () => {
        this.check('sync');
        if (this.slowSync) await this.slowSync.wait(this.slowSync.ms);
        await handle.sync();
        this.ops.push({ op: 'sync', path });
      },
      truncate: async (length) => {
        this.ops.push({ op: 'truncate', path, length });
        await handle.truncate(length);
      },
      close: () => handle.close(),
    };
    return { handle: watched, created };
  }

  async writeNew(path: string, bytes: Uint8Array) {
    await nodeAuditFiles.writeNew(path, bytes);
    this.ops.push({ op: 'writeNew', path, bytes: bytes.length });
  }

  async syncDir(path: string) {
    await nodeAuditFiles.syncDir(path);
    this.ops.push({ op: 'syncDir', path });
  }
}
