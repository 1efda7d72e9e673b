import { describe, expect, it } from 'vitest';
import type { TerminalDataEvent, TerminalExitEvent } from '../../contract/terminal.js';
import { createFlowSession } from '../../services/terminal/flow-session.js';
import type { SessionExit, TerminalProducer } from '../../services/terminal/session.js';
import { CallFailure } from '../dispatch.js';
import { TerminalRegistry } from './terminal-registry.js';

/** A producer driven by the test: what it was told (writes, pauses) is recorded. */
function fakeProducer() {
  let data: (d: Uint8Array | string) => void = () => {};
  let exit: (e: SessionExit) => void = () => {};
  const log: string[] = [];
  const producer: TerminalProducer = {
    onData: (l) => void (data = l),
    onExit: (l) => void (exit = l),
    write: (d) => void log.push(`write ${JSON.stringify(d)}`),
    resize: (c, r) => void log.push(`resize ${c}x${r}`),
    pause: () => void log.push('pause'),
    resume: () => void log.push('resume'),
    kill: () => {
      log.push('kill');
      exit({ code: null, signal: 'SIGHUP' });
    },
  };
  return { producer, log, output: (text: string) => data(text), exit: (e: SessionExit) => exit(e) };
}

/** The sessions' fixed flow-control window here, characters: well inside the scrollback. */
const WINDOW = 100_000;

function setup() {
  const data: (TerminalDataEvent & { viewer: string })[] = [];
  const exits: TerminalExitEvent[] = [];
  const removed: string[] = [];
  const registry = new TerminalRegistry({ emitData: (e, viewer) => data.push({ ...e, viewer }), emitExit: (e) => exits.push(e), onRemoved: (id) => removed.push(id) });
  const fake = fakeProducer();
  // A fixed window, so the counts below do not depend on how fast this machine acknowledges.
  const fixed = { minWindow: WINDOW, maxWindow: WINDOW, initialWindow: WINDOW };
  const session = createFlowSession(fake.producer, { id: 's1', title: 'Local', flowLimits: fixed });
  const info = registry.add(session, { title: 'Local', target: null, profileId: null, role: null, recording: false, recordingPath: null }, 'tab-a');
  return { registry, fake, data, exits, removed, info };
}

const flushBatches = () => new Promise((r) => setTimeout(r, 20));

describe('TerminalRegistry', () => {
  it('lists sessions and routes input, resize and output by session id', async () => {
    const { registry, fake, data, info } = setup();
    expect(info).toMatchObject({ sessionId: 's1', title: 'Local', exit: null, recording: false });
    registry.input('s1', 'echo hi\r');
    registry.resize('s1', 120, 40);
    fake.output('hi\r\n');
    await flushBatches();
    expect(fake.log).toEqual(['write "echo hi\\r"', 'resize 120x40']);
    expect(data).toEqual([{ sessionId: 's1', data: 'hi\r\n', viewer: 'tab-a' }]);
    expect(registry.list().map((i) => i.sessionId)).toEqual(['s1']);
  });

  it('answers not_found for a session id it does not hold', () => {
    const { registry } = setup();
    for (const call of [() => registry.input('s2', 'x'), () => registry.ack('s2', 'tab-a', 5), () => registry.resize('s2', 1, 1), () => registry.close('s2'), () => registry.attach('s2', 'tab-a')]) {
      expect(call).toThrow(CallFailure);
      expect(call).toThrow(/no terminal s2/);
    }
  });

  it('pauses the producer past the window and resumes on acks', async () => {
    const { registry, fake } = setup();
    fake.output('x'.repeat(WINDOW + 1));
    expect(fake.log).toEqual(['pause']);
    registry.ack('s1', 'tab-a', WINDOW + 1);
    expect(fake.log).toEqual(['pause', 'resume']);
    await flushBatches();
  });

  it('keeps one ledger per viewer: the producer waits for the slowest, and a viewer that leaves stops holding it', async () => {
    const { registry, fake, data } = setup();
    registry.attach('s1', 'tab-b');
    expect(registry.viewersOf('s1')).toEqual(['tab-a', 'tab-b']);
    fake.output('x'.repeat(WINDOW + 1));
    expect(fake.log).toEqual(['pause']);
    // The fast viewer's ack alone does not release the producer, however much it acknowledges.
    registry.ack('s1', 'tab-a', WINDOW + 1);
    registry.ack('s1', 'tab-a', WINDOW + 1);
    expect(fake.log).toEqual(['pause']);
    // Nor does one from a viewer that is not attached.
    registry.ack('s1', 'tab-c', WINDOW + 1);
    expect(fake.log).toEqual(['pause']);
    registry.ack('s1', 'tab-b', WINDOW + 1);
    expect(fake.log).toEqual(['pause', 'resume']);
    await flushBatches();
    // Each viewer got the output addressed to it.
    expect(data.filter((e) => e.viewer === 'tab-a').map((e) => e.data).join('')).toBe('x'.repeat(WINDOW + 1));
    expect(data.filter((e) => e.viewer === 'tab-b').map((e) => e.data).join('')).toBe('x'.repeat(WINDOW + 1));

    fake.output('y'.repeat(WINDOW + 1));
    registry.ack('s1', 'tab-a', WINDOW + 1);
    expect(fake.log).toEqual(['pause', 'resume', 'pause']);
    registry.releaseViewer('tab-b');
    expect(fake.log).toEqual(['pause', 'resume', 'pause', 'resume']);
    expect(registry.viewersOf('s1')).toEqual(['tab-a']);
    await flushBatches();
  });

  it('starts the ledger of a viewer that re-attaches afresh, replaying the scrollback, and counts the replay for nothing', async () => {
    const { registry, fake } = setup();
    fake.output('before\r\n' + 'y'.repeat(WINDOW));
    expect(fake.log).toEqual(['pause']);
    await flushBatches();
    const attached = registry.attach('s1', 'tab-a');
    expect(fake.log).toEqual(['pause', 'resume']);
    expect(attached.scrollback.startsWith('before\r\n')).toBe(true);
    // The replay was not counted as live output: live output fills the fresh window on its own.
    fake.output('z'.repeat(WINDOW));
    expect(fake.log).toEqual(['pause', 'resume']);
    fake.output('z');
    expect(fake.log).toEqual(['pause', 'resume', 'pause']);
    await flushBatches();
  });

  it('keeps an ended session listed with its exit, refuses input to it, and forgets it on close', async () => {
    const { registry, fake, exits, removed } = setup();
    fake.exit({ code: 0, signal: null });
    expect(exits).toEqual([{ sessionId: 's1', code: 0, signal: null }]);
    expect(registry.list()[0]!.exit).toEqual({ code: 0, signal: null });
    expect(() => registry.input('s1', 'x')).toThrow(/has ended/);
    registry.close('s1');
    expect(registry.size).toBe(0);
    expect(removed).toEqual(['s1']);
  });

  it('says when an SSH session reconnects and when it is back, in its events and its listing', () => {
    const links: unknown[] = [];
    const registry = new TerminalRegistry({ emitData: () => {}, emitExit: () => {}, emitLink: (e) => links.push(e) });
    const session = createFlowSession(fakeProducer().producer, { id: 's9', title: 'hft-prod-01' });
    let tell: (reconnecting: boolean) => void = () => {};
    registry.add({ ...session, attachViewer: session.attachViewer, onExit: session.onExit, onReconnecting: (l) => ((tell = l), () => {}) }, { title: 'hft-prod-01', target: 'root@hft-prod-01', profileId: 'p', role: 'prod', recording: false, recordingPath: null }, 'tab-a');
    expect(registry.list()[0]!.reconnecting).toBe(false);
    tell(true);
    expect(links).toEqual([{ sessionId: 's9', reconnecting: true }]);
    expect(registry.list()[0]!.reconnecting).toBe(true);
    tell(false);
    expect(registry.list()[0]!.reconnecting).toBe(false);
  });

  it('kills a running session on close', () => {
    const { registry, fake } = setup();
    registry.close('s1');
    expect(fake.log).toContain('kill');
  });
});
