/**
 * Questions the host puts to the engineer (trust this host key? the key
 * changed; a passphrase; a password; send this risky command?) go out as
 * `prompts.ask` events and come back through `prompts.answer`. Each one is
 * answered exactly once: by the engineer, by its deadline passing (which
 * answers "no" / cancel, the safe side), or by being withdrawn when its
 * session goes away. Every window is told when a question is settled, so a
 * dialog answered in one place closes everywhere.
 */
import type { PromptAsk, PromptQuestion, PromptSettled } from '../../contract/terminal.js';
import type { Clock } from '../../services/clock.js';
import type { Timers } from '../../services/hft/timers.js';

/**
 * How long a question stays open, ms. Two minutes matches OpenSSH's default
 * LoginGraceTime (120 s): a host-key question left longer would be answered
 * into a connection the server has already dropped.
 */
export const PROMPT_TIMEOUT_MS = 120_000;

export type PromptAnswer = boolean | string | null;

/** Thrown by `answer` for an id that is not (or no longer) waiting, or an answer of the wrong kind. */
export class PromptAnswerError extends Error {
  constructor(
    readonly reason: 'unknown' | 'mismatch',
    message: string,
  ) {
    super(message);
    this.name = 'PromptAnswerError';
  }
}

interface Waiting {
  question: PromptQuestion;
  expiresAt: number;
  resolve(answer: PromptAnswer): void;
  timer: unknown;
}

export interface PromptBrokerOptions {
  clock: Clock;
  timers: Timers;
  emitAsk(ask: PromptAsk): void;
  emitSettled(settled: PromptSettled): void;
  timeoutMs?: number;
  /** Ids for questions; random by default. */
  newId?: () => string;
}

/** The "no" each kind of question falls back to. */
const refusal = (question: PromptQuestion): PromptAnswer =>
  question.kind === 'passphrase' || question.kind === 'password' ? null : false;

/** Longest approver name a restart answer carries, characters. */
export const APPROVER_MAX = 200;

const fits = (question: PromptQuestion, answer: PromptAnswer): boolean => {
  if (question.kind === 'passphrase' || question.kind === 'password') return answer === null || typeof answer === 'string';
  if (question.kind === 'risky_command' && question.restart?.approvalNeeded) {
    return answer === false || (typeof answer === 'string' && answer.trim() !== '' && answer.length <= APPROVER_MAX);
  }
  return typeof answer === 'boolean';
};

export class PromptBroker {
  private readonly waiting = new Map<string, Waiting>();
  private readonly timeoutMs: number;
  private readonly newId: () => string;

  constructor(private readonly options: PromptBrokerOptions) {
    this.timeoutMs = options.timeoutMs ?? PROMPT_TIMEOUT_MS;
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** Asks; resolves with the engineer's answer, or the refusal when the deadline passes. */
  ask(question: PromptQuestion): Promise<PromptAnswer> {
    const promptId = this.newId();
    return new Promise<PromptAnswer>((resolve) => {
      const expiresAt = this.options.clock.now() + this.timeoutMs;
      const timer = this.options.timers.setTimeout(() => this.settle(promptId, refusal(question), 'expired'), this.timeoutMs);
      this.waiting.set(promptId, { question, expiresAt, resolve, timer });
      this.options.emitAsk({ promptId, expiresAt, question });
    });
  }

  /** Asks a yes/no question; anything but an explicit yes is no. */
  async confirm(question: PromptQuestion): Promise<boolean> {
    return (await this.ask(question)) === true;
  }

  /** Asks for a secret; null when cancelled or unanswered. */
  async secret(question: PromptQuestion): Promise<string | null> {
    const answer = await this.ask(question);
    return typeof answer === 'string' ? answer : null;
  }

  answer(promptId: string, answer: PromptAnswer): void {
    const entry = this.waiting.get(promptId);
    if (!entry) throw new PromptAnswerError('unknown', `no question ${promptId} is waiting (answered already, or it expired)`);
    if (!fits(entry.question, answer)) {
      throw new PromptAnswerError('mismatch', `question ${promptId} (${entry.question.kind}) cannot be answered with ${answer === null ? 'null' : typeof answer}`);
    }
    this.settle(promptId, answer, 'answered');
  }

  /** Withdraws (answers "no" to) every question about a session that has gone. */
  withdrawForSession(sessionId: string): void {
    for (const [id, entry] of [...this.waiting]) {
      if (entry.question.kind === 'risky_command' && entry.question.sessionId === sessionId) this.settle(id, false, 'withdrawn');
    }
  }

  /** Questions still open, oldest first (a renderer that reconnects shows them again). */
  pending(): PromptAsk[] {
    return [...this.waiting].map(([promptId, entry]) => ({ promptId, expiresAt: entry.expiresAt, question: entry.question }));
  }

  /** Answers everything "no" (shutdown). */
  close(): void {
    for (const [id, entry] of [...this.waiting]) this.settle(id, refusal(entry.question), 'withdrawn');
  }

  private settle(promptId: string, answer: PromptAnswer, outcome: PromptSettled['outcome']): void {
    const entry = this.waiting.get(promptId);
    if (!entry) return;
    this.waiting.delete(promptId);
    this.options.timers.clearTimeout(entry.timer);
    entry.resolve(answer);
    this.options.emitSettled({ promptId, outcome });
  }
}
