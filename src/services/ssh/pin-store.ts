/**
 * The cockpit's own host-key pins: a JSON file in the data folder holding
 * the keys the engineer accepted (trust on first use) or explicitly
 * replaced. Written whole to a temporary file and renamed, so a crash never
 * leaves half a file; mode 0600 because it maps the team's hosts.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

export const HostKeyPin = z.object({
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  keyBase64: z.string(),
  fingerprint: z.string(),
  /** Wall-clock ms when the pin was written. */
  pinnedAt: z.number(),
});
export type HostKeyPin = z.infer<typeof HostKeyPin>;

const PinFile = z.object({ version: z.literal(1), pins: z.array(HostKeyPin) });

export const PIN_FILE_NAME = 'known-host-pins.json';

export class PinStore {
  private cache: HostKeyPin[] | null = null;

  constructor(readonly path: string) {}

  async all(): Promise<HostKeyPin[]> {
    if (this.cache) return this.cache;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return (this.cache = []);
      throw error;
    }
    // A corrupt pin file must stop connections, not be treated as empty:
    // empty would turn every pinned host into "unknown" and invite a click-through.
    const parsed = PinFile.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`pin file ${this.path} is not valid: ${parsed.error.issues[0]?.message}`);
    return (this.cache = parsed.data.pins);
  }

  async forHost(host: string, port: number): Promise<HostKeyPin[]> {
    return (await this.all()).filter((p) => p.host === host && p.port === port);
  }

  /** Adds a pin for host:port, keeping pins of other key types. */
  async add(pin: HostKeyPin): Promise<void> {
    const pins = (await this.all()).filter((p) => !(p.host === pin.host && p.port === pin.port && p.keyType === pin.keyType));
    await this.save([...pins, pin]);
  }

  /** Makes `pin` the only key pinned for its host:port. */
  async replace(pin: HostKeyPin): Promise<void> {
    const pins = (await this.all()).filter((p) => !(p.host === pin.host && p.port === pin.port));
    await this.save([...pins, pin]);
  }

  private async save(pins: HostKeyPin[]): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify({ version: 1, pins }, null, 2) + '\n', { mode: 0o600 });
    await rename(temp, this.path);
    this.cache = pins;
  }
}
