/**
 * A small JSON document in the data folder, written whole to a temporary
 * file and renamed (a crash never leaves half a file), owner-only because
 * the access report names the team's production hosts. A file that does not
 * read as the schema is kept aside as `<name>.corrupt-<ms>.json` and reads
 * as absent, so the cockpit still starts.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

export class JsonFile<S extends z.ZodType> {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly schema: S,
    private readonly now: () => number,
  ) {}

  async read(): Promise<z.infer<S> | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let parsed: ReturnType<S['safeParse']> | null = null;
    try {
      parsed = this.schema.safeParse(JSON.parse(text)) as ReturnType<S['safeParse']>;
    } catch {
      parsed = null;
    }
    if (parsed?.success) return parsed.data as z.infer<S>;
    await rename(this.path, this.path.replace(/\.json$/, `.corrupt-${this.now()}.json`));
    return null;
  }

  /** Writes are queued, so the last value written is the one on disk. */
  write(value: z.infer<S>): Promise<void> {
    const text = JSON.stringify(value, null, 2) + '\n';
    this.writing = this.writing.catch(() => {}).then(async () => {
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const temp = `${this.path}.${process.pid}.tmp`;
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, this.path);
    });
    return this.writing;
  }
}
