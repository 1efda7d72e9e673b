import { describe, expect, it } from 'vitest';
import { INITIAL_WINDOW_CHARS, TYPING_CREDIT_CHARS } from '../../core/terminal/flow-control.js';
import { createFlowSession, OUTPUT_BATCH_MS } from './flow-session.js';
import type { SessionExit, TerminalProducer } from './session.js';

class FakeProducer implements TerminalProducer {
  data?: (d: Uint8Array | string) => void;
  exit?: (e: SessionExit) => void;
  written: string[] = [];
  calls: string[] = [];
  onData(l: (d: Uint8Array | string) => void) {
    this.data = l;
  }
  onExit(l: (e: SessionExit) => void) {
    this.exit = l;
  }
  write(d: string) {
    this.written.push(d);
  }
  resize(c: number, r: number) {
    this.calls.push(`resize ${c}x${r}`);
  }
  pause() {
    this.calls.push('pause');
  }
  resume() {
    this.calls.push('resume');
  }
  kill() {
    this.calls.push('kill');
  }
}

const settle = () => new Promise((r) => setTimeout(r, OUTPUT_BATCH_MS * 4));

describe('createFlowSession', () => {
  it('sends output after a quiet spell at once, coalesces what follows, and keeps a split character whole', async () => {
    const producer = new FakeProducer();
    let now = 0;
    const session = createFlowSession(producer, { title: 't', clock: { monotonic: () => now } });
    const chunks: string[] = [];
    const viewer = session.attachViewer((c) => chunks.push(c));
    const bytes = new TextEncoder().encode('a€b');
    // 'a' and the first byte of '€': the first output after a quiet spell (an echo) is not held.
    producer.data!(bytes.subarray(0, 2));
    expect(chunks).toEqual(['a']);
    producer.data!(bytes.subarray(2));
    producer.data!('c');
    expect(chunks).toEqual(['a']);
    await settle();
    expect(chunks).toEqual(['a', '€bc']);
    // Quiet again for longer than the batching delay: the next output goes out at once.
    now += OUTPUT_BATCH_MS;
    producer.data!('d');
    expect(chunks).toEqual(['a', '€bc', 'd']);
  });

  it('keeps what came before the first viewer (the banner) for it, however late it attaches', async () => {
    const producer = new FakeProducer();
    const session = createFlowSession(producer, { title: 't', banner: 'recording to /t.log\r\n', clock: { monotonic: () => 0 } });
    producer.data!('$ ');
    await settle();
    const chunks: string[] = [];
    const viewer = session.attachViewer((c) => chunks.push(c));
    expect(chunks).toEqual([]);
    await settle();
    expect(chunks).toEqual(['recording to /t.log\r\n$ ']);
  });

  it('pauses the producer past the window, sends what it holds at once, and resumes below half the window', () => {
    const producer = new FakeProducer();
    const limits = { initialWindow: 100_000, minWindow: 100_000, maxWindow: 100_000 };
    const session = createFlowSession(producer, { title: 't', flowLimits: limits, clock: { monotonic: () => 0 } });
    let received = 0;
    const viewer = session.attachViewer((c) => (received += c.length));
    producer.data!('x'.repeat(10_000));
    producer.data!('x'.repeat(90_000));
    expect(producer.calls).toEqual([]);
    producer.data!('y');
    expect(producer.calls).toEqual(['pause']);
    // Nothing more comes while paused, so the batch goes out without waiting for its timer.
    expect(received).toBe(100_001);
    viewer.ack(50_000);
    expect(producer.calls).toEqual(['pause']);
    viewer.ack(2);
    expect(producer.calls).toEqual(['pause', 'resume']);
  });

  it('counts the window in UTF-8 bytes, as the renderer acknowledges', () => {
    const producer = new FakeProducer();
    const limits = { initialWindow: 100_000, minWindow: 100_000, maxWindow: 100_000 };
    const session = createFlowSession(producer, { title: 't', flowLimits: limits, clock: { monotonic: () => 0 } });
    const viewer = session.attachViewer(() => {});
    // 33,334 euro signs: 33,334 characters but 100,002 bytes, past the window.
    producer.data!('€'.repeat(33_334));
    expect(producer.calls).toEqual(['pause']);
    viewer.ack(50_002);
    expect(producer.calls).toEqual(['pause']);
    viewer.ack(1);
    expect(producer.calls).toEqual(['pause', 'resume']);
  });

  it('puts input first: a keystroke reaches the producer and resumes it while the window is full', () => {
    const producer = new FakeProducer();
    const session = createFlowSession(producer, { title: 't', clock: { monotonic: () => 0 } });
    const viewer = session.attachViewer(() => {});
    producer.data!('y\n'.repeat(INITIAL_WINDOW_CHARS));
    expect(producer.calls).toEqual(['pause']);
    session.write('q');
    expect(producer.written).toEqual(['q']);
    expect(producer.calls).toEqual(['pause', 'resume']);
  });

  it('keeps the typing window after a keystroke and drops it after Enter', () => {
    const producer = new FakeProducer();
    const session = createFlowSession(producer, { title: 't', clock: { monotonic: () => 0 } });
    const viewer = session.attachViewer(() => {});
    session.write('l');
    producer.data!('x'.repeat(TYPING_CREDIT_CHARS + 1));
    expect(producer.calls).toEqual(['pause']);
    viewer.ack(TYPING_CREDIT_CHARS + 1);
    expect(producer.calls).toEqual(['pause', 'resume']);
    session.write('s\r');
    producer.data!('x'.repeat(TYPING_CREDIT_CHARS + 1));
    // Past the credit but within the flood window: no pause.
    expect(producer.calls).toEqual(['pause', 'resume']);
  });

  it('grows the window for a consumer that keeps up', async () => {
    const producer = new FakeProducer();
    let now = 0;
    const session = createFlowSession(producer, { title: 't', clock: { monotonic: () => now } });
    const viewer = session.attachViewer((c) => {
      now += 2;
      viewer.ack(c.length);
    });
    // 2 MB in 16 KB reads, each acknowledged 2 ms after it went out: never a reason to pause.
    for (let i = 0; i < 128; i++) producer.data!('z'.repeat(16_384));
    await settle();
    expect(producer.calls).toEqual([]);
  });

  it('holds nothing against the window while no one watches, but keeps the scrollback', async () => {
    const producer = new FakeProducer();
    const session = createFlowSession(producer, { title: 't', scrollbackChars: 10 });
    producer.data!('z'.repeat(INITIAL_WINDOW_CHARS * 20));
    await settle();
    expect(producer.calls).toEqual([]);
    expect(session.scrollback()).toBe('z'.repeat(10));
  });

  it('resumes when the last viewer detaches', () => {
    const producer = new FakeProducer();
    const session = createFlowSession(producer, { title: 't' });
    const viewer = session.attachViewer(() => {});
    producer.data!('x'.repeat(INITIAL_WINDOW_CHARS + 1));
    viewer.detach();
    expect(producer.calls).toEqual(['pause', 'resume']);
  });

  it('marks the end of the session and then reports the exit', async () => {
    const producer = new FakeProducer();
    const session = createFlowSession(producer, { title: 't' });
    let out = '';
    const exits: SessionExit[] = [];
    const viewer = session.attachViewer((c) => (out += c));
    session.onExit((e) => exits.push(e));
    producer.data!('bye');
    producer.exit!({ code: 3, signal: null });
    expect(out).toMatch(/bye\r\n.*\[session ended — exit code 3\]/);
    expect(exits).toEqual([{ code: 3, signal: null }]);
    expect(session.exit).toEqual({ code: 3, signal: null });
    session.write('ignored');
    expect(producer.written).toEqual([]);
    const late: SessionExit[] = [];
    session.onExit((e) => late.push(e));
    await settle();
    expect(late).toEqual([{ code: 3, signal: null }]);
  });

  it('rejects nonsense sizes and passes good ones', () => {
    const producer = new FakeProducer();
    const session = createFlowSession(producer, { title: 't' });
    expect(() => session.resize(0, 10)).toThrow();
    session.resize(120, 40);
    expect(producer.calls).toEqual(['resize 120x40']);
  });
});
