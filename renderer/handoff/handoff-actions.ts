/**
 * What the Handoff view asks its host: the shift and the saved draft, a
 * save of the fields, and the note as a file. Refusals land in the store's
 * error line in the host's words.
 */
import type { CockpitHost } from '../../src/contract/host.js';
import { callReporting } from '../host/call-reporting.js';
import type { ExportedFile } from '../../src/contract/index.js';
import type { HandoffStore } from './handoff-store.js';

export interface HandoffActions {
  load(): Promise<void>;
  /** Sends the fields as they are now, if anything changed since the last save. */
  save(): Promise<void>;
  /** Saves first, so the file holds what is on screen. */
  exportNote(): Promise<ExportedFile | null>;
  /** The outgoing engineer's note, opened here; true when it was. */
  importNote(text: string): Promise<boolean>;
  /** "Read and accepted": the acceptance file to send back, or null when refused. */
  accept(): Promise<ExportedFile | null>;
  /** The incoming engineer's acceptance, opened here; true when it was. */
  importAcceptance(text: string): Promise<boolean>;
}

export function handoffActions(host: Pick<CockpitHost, 'call'>, store: HandoffStore): HandoffActions {
  const call = callReporting(() => host, (message) => store.getState().setError(message));

  const save = async () => {
    const { dirty, fields } = store.getState();
    if (!dirty) return;
    const draft = await call('handoff.save', { fields });
    if (draft) store.getState().saved(draft);
  };

  const load = async () => {
    const context = await call('handoff.get', {});
    if (context) store.getState().loaded(context);
  };

  return {
    load,
    save,
    async exportNote() {
      await save();
      const file = await call('handoff.export', {});
      // The export is now the one an acceptance must answer.
      if (file) await load();
      return file;
    },
    async importNote(text) {
      const signoff = await call('handoff.import', { text });
      if (signoff) store.getState().setSignoff(signoff);
      return signoff !== null;
    },
    async accept() {
      const answer = await call('handoff.accept', {});
      if (!answer) return null;
      store.getState().setSignoff(answer.signoff);
      return answer.file;
    },
    async importAcceptance(text) {
      const signoff = await call('handoff.importAcceptance', { text });
      if (signoff) store.getState().setSignoff(signoff);
      return signoff !== null;
    },
  };
}
