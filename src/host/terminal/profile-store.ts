/**
 * The engineer's SSH host profiles, `ssh-profiles.json` in the data folder.
 * Written whole to a temporary file and renamed (a crash never leaves half a
 * file), mode 0600 because it maps the team's production hosts. A file that
 * does not read as profiles is kept aside as `ssh-profiles.corrupt-<ms>.json`
 * and the list starts empty, so the cockpit still starts.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { HostProfile } from '../../contract/terminal.js';

export const PROFILES_FILE_NAME = 'ssh-profiles.json';

const ProfilesFile = z.object({ version: z.literal(1), profiles: z.array(HostProfile) });

export class ProfileStore {
  private profiles: HostProfile[] | null = null;

  constructor(
    readonly path: string,
    private readonly now: () => number,
  ) {}

  async list(): Promise<HostProfile[]> {
    if (this.profiles) return this.profiles;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return (this.profiles = []);
      throw error;
    }
    let parsed: ReturnType<typeof ProfilesFile.safeParse> | null = null;
    try {
      parsed = ProfilesFile.safeParse(JSON.parse(text));
    } catch {
      parsed = null;
    }
    if (parsed?.success) return (this.profiles = parsed.data.profiles);
    await rename(this.path, this.path.replace(/\.json$/, `.corrupt-${this.now()}.json`));
    return (this.profiles = []);
  }

  async get(id: string): Promise<HostProfile | undefined> {
    return (await this.list()).find((p) => p.id === id);
  }

  /** Adds or replaces the profile with the same id. */
  async save(profile: HostProfile): Promise<HostProfile> {
    const others = (await this.list()).filter((p) => p.id !== profile.id);
    await this.write([...others, profile]);
    return profile;
  }

  /** Adds or replaces several at once (an import). */
  async saveAll(profiles: HostProfile[]): Promise<void> {
    const ids = new Set(profiles.map((p) => p.id));
    await this.write([...(await this.list()).filter((p) => !ids.has(p.id)), ...profiles]);
  }

  /** True when a profile was removed. */
  async delete(id: string): Promise<boolean> {
    const all = await this.list();
    const rest = all.filter((p) => p.id !== id);
    if (rest.length === all.length) return false;
    await this.write(rest);
    return true;
  }

  /** Synchronous lookup for the connector's jump hosts; valid once `list` has run. */
  cached(id: string): HostProfile | undefined {
    return this.profiles?.find((p) => p.id === id);
  }

  private async write(profiles: HostProfile[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ version: 1, profiles }, null, 2) + '\n', { mode: 0o600 });
    await rename(temp, this.path);
    this.profiles = profiles;
  }
}
