/**
 * `playbook.json` in the data dir: the playbook in force, as the engineer
 * exported or imported it. Only a file that passed the core's parse is ever
 * written here, atomically; a file edited by hand into something broken is
 * reported at start and the last good playbook stays in force.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportPlaybook, parsePlaybookText, type Playbook } from '../../core/playbook/index.js';
import { writeFileAtomic } from './snapshot-file.js';

export const PLAYBOOK_FILE = 'playbook.json';

export type PlaybookRead = { kind: 'missing' } | { kind: 'ok'; playbook: Playbook } | { kind: 'invalid'; reason: string };

export async function readPlaybookFile(dataDir: string): Promise<PlaybookRead> {
  let text: string;
  try {
    text = await readFile(join(dataDir, PLAYBOOK_FILE), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'invalid', reason: (e as Error).message };
  }
  const parsed = parsePlaybookText(text);
  return parsed.ok ? { kind: 'ok', playbook: parsed.playbook } : { kind: 'invalid', reason: parsed.error };
}

export function writePlaybookFile(dataDir: string, playbook: Playbook): Promise<void> {
  return writeFileAtomic(join(dataDir, PLAYBOOK_FILE), exportPlaybook(playbook));
}
