/**
 * What the preload exposes as `window.cockpit`: one function per contract
 * call, each bound to its own fixed IPC channel, and one subscribe function
 * per event. There is deliberately no generic send(channel, …): a renderer
 * compromised by content it displays can reach these calls and nothing else.
 *
 * Only types come from the contract: its runtime pulls in zod, which would
 * make the preload (loaded into every page) ten times larger. The names and
 * channel formats below are checked against the contract by the compiler.
 */
import type { ElectronBridgeApi, ipcCallChannel, ipcEventChannel } from '../src/contract/bridge.js';
import type { CallName, EventName } from '../src/contract/index.js';

/** Complete by type: adding a call to the contract fails compilation here until it is listed. */
const CALLS: Record<CallName, true> = {
  'app.info': true,
  'live.snapshot': true,
  'live.history': true,
  'settings.get': true,
  'settings.update': true,
  'incidents.list': true,
  'incidents.timeline': true,
  'incidents.open': true,
  'incidents.act': true,
  'incidents.gather': true,
  'incidents.trend': true,
  'incidents.export': true,
  'playbook.get': true,
  'playbook.import': true,
  'playbook.export': true,
  'terminal.open': true,
  'terminal.input': true,
  'terminal.resize': true,
  'terminal.ack': true,
  'terminal.close': true,
  'terminal.list': true,
  'terminal.attach': true,
  'ssh.profiles.list': true,
  'ssh.profiles.save': true,
  'ssh.profiles.delete': true,
  'ssh.importConfig': true,
  'ssh.replacePin': true,
  'prompts.answer': true,
  'killswitch.prepare': true,
  'killswitch.fire': true,
  'strategies.stop': true,
  'checks.plan': true,
  'checks.run': true,
  'checks.report': true,
  'checks.export': true,
  'checks.manual': true,
  'checks.answerPassword': true,
  'shift.get': true,
  'shift.tick': true,
  'shift.debriefHeld': true,
  'shift.breakStart': true,
  'shift.breakEnd': true,
  'docs.list': true,
  'docs.import': true,
  'docs.search': true,
  'docs.section': true,
  'docs.delete': true,
  'handoff.get': true,
  'handoff.save': true,
  'handoff.export': true,
  'handoff.import': true,
  'handoff.accept': true,
  'handoff.importAcceptance': true,
  'integrations.view': true,
  'integrations.configure': true,
  'integrations.deliveries': true,
  'changes.list': true,
  'changes.record': true,
  'changes.mark': true,
  'integrations.postHandoff': true,
  'integrations.pagerdutyOpen': true,
  'integrations.pagerdutyLinked': true,
  'integrations.pagerdutyLink': true,
  'integrations.pagerdutyReassign': true,
  'drill.view': true,
  'drill.start': true,
  'drill.finish': true,
};
const EVENTS: Record<EventName, true> = {
  'live.update': true,
  'incidents.changed': true,
  'incidents.alert': true,
  'terminal.data': true,
  'terminal.exit': true,
  'terminal.link': true,
  'prompts.ask': true,
  'prompts.settled': true,
  'checks.progress': true,
  'checks.passwordAsk': true,
  'checks.passwordSettled': true,
  'shift.changed': true,
  'integrations.changed': true,
  'changes.changed': true,
  'drill.changed': true,
};

export const BRIDGE_CALL_NAMES = Object.keys(CALLS) as CallName[];
export const BRIDGE_EVENT_NAMES = Object.keys(EVENTS) as EventName[];

const callChannel = (name: CallName): ReturnType<typeof ipcCallChannel> => `cockpit:call:${name}`;
const eventChannel = (name: EventName): ReturnType<typeof ipcEventChannel> => `cockpit:event:${name}`;

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createBridge(ipcRenderer: IpcRendererLike): ElectronBridgeApi {
  const calls = Object.fromEntries(
    BRIDGE_CALL_NAMES.map((name) => {
      const channel = callChannel(name);
      return [name, (request: unknown) => ipcRenderer.invoke(channel, request)];
    }),
  );
  const events = Object.fromEntries(
    BRIDGE_EVENT_NAMES.map((name) => {
      const channel = eventChannel(name);
      const subscribe = (listener: (payload: unknown) => void) => {
        // The IPC event object (with its `sender`) stays on this side of the bridge.
        const onMessage = (_event: unknown, payload: unknown) => listener(payload);
        ipcRenderer.on(channel, onMessage);
        return () => {
          ipcRenderer.removeListener(channel, onMessage);
        };
      };
      return [name, subscribe];
    }),
  );
  return Object.freeze({ calls: Object.freeze(calls), events: Object.freeze(events) }) as unknown as ElectronBridgeApi;
}
