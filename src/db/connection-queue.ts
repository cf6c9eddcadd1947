/**
 * The line in front of PGlite's single connection. PGlite runs one statement (or one transaction) at a
 * time, in this process's one thread, between the requests' own JavaScript. Its own lock serves
 * statements in the order they were issued, and every request that arrives starts at once: a request
 * issuing twenty statements one after another queued twenty times behind everybody else's, and 200
 * clients made some requests wait over 30 s while others were served in milliseconds.
 *
 * Rules (decisions):
 * - Admission, FIFO and bounded: at most `maxActive` requests are in progress at a time; the others
 *   wait for a place in the order they arrived. A request is refused at once (`BusyError`: HTTP 503
 *   with Retry-After, before it did anything) when `maxWaiting` requests already wait, or when the
 *   line ahead would take longer than `maxWaitMs` at the recent pace; it is refused when it has waited
 *   `maxWaitMs` without a place. An upload (a bulk import) is not refused for the pace and may wait
 *   `bulkWaitMs`. Only this wait is bounded: an admitted request is never cut off, so a bulk
 *   import's long transaction runs to its end however long it takes.
 * - The connection, FIFO across requests: every operation (a statement, a transaction, a COPY, a
 *   script) carries its request's turn, taken when the request arrived, and the connection serves
 *   waiting operations in the order of those turns (then in the order issued). A request's later
 *   statements wait only behind older requests. A transaction holds the connection until it ends.
 *   An operation outside any request (the CLI, start-up, a timer) takes a fresh turn when issued and
 *   is never refused.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { DomainError } from '../domain/errors.js';

/** The server is too busy to serve the request now: 503 with `Retry-After: retryAfterSeconds`. */
export class BusyError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('unavailable', 'BUSY', '系统繁忙，请稍后再试', [], 'The server is busy; please try again shortly.');
  }
}

export interface QueueOptions {
  /** Requests in progress at once. */
  maxActive: number;
  /** Requests waiting for a place at most; one more is refused at once. */
  maxWaiting: number;
  /** How long a request may wait for a place. */
  maxWaitMs: number;
  /** How long an upload (an import: the clerk expects it to take a while) may wait for a place. */
  bulkWaitMs: number;
}

/**
 * From the environment: SHEQU_PGLITE_QUEUE_ACTIVE (requests in progress at once, default 2: PGlite and
 * the requests' JavaScript share one thread, so more only interleave them and make each slower),
 * SHEQU_PGLITE_QUEUE_MAX (requests waiting, default 64), SHEQU_PGLITE_QUEUE_WAIT_MS (default 2,000 ms:
 * a clerk is told 系统繁忙 rather than left waiting) and SHEQU_PGLITE_QUEUE_BULK_WAIT_MS (an upload,
 * default 60,000 ms: a clerk who sent a spreadsheet would rather wait than send it again).
 * bench/pglite-load.ts measures them.
 */
export function queueOptions(env: NodeJS.ProcessEnv = process.env): QueueOptions {
  const int = (v: string | undefined, dflt: number) => {
    const n = Number(v);
    return Number.isInteger(n) && n > 0 ? n : dflt;
  };
  return {
    maxActive: int(env.SHEQU_PGLITE_QUEUE_ACTIVE, 2),
    maxWaiting: int(env.SHEQU_PGLITE_QUEUE_MAX, 64),
    maxWaitMs: int(env.SHEQU_PGLITE_QUEUE_WAIT_MS, 2_000),
    bulkWaitMs: int(env.SHEQU_PGLITE_QUEUE_BULK_WAIT_MS, 60_000),
  };
}

/** A request's place in line. */
export interface Turn {
  readonly turn: number;
  state: 'new' | 'waiting' | 'active' | 'done';
  startedAt?: number;
}

interface Admission {
  turn: Turn;
  admit: () => void;
  refuse: (e: BusyError) => void;
  timer: NodeJS.Timeout;
}

interface Operation {
  turn: number;
  grant: () => void;
}

export class ConnectionQueue {
  private nextTurn = 1;
  private readonly current = new AsyncLocalStorage<Turn>();
  // admission
  private active = 0;
  private readonly admitting: Admission[] = [];
  /** Moving average of how long an admitted request takes (ms), each sample capped at `maxWaitMs`. */
  private requestMs = 0;
  // the connection
  private held = false;
  /** Sorted by (turn, seq). */
  private readonly operations: Operation[] = [];

  constructor(readonly options: QueueOptions) {}

  /** A new request's turn (its arrival). */
  turn(): Turn {
    return { turn: this.nextTurn++, state: 'new' };
  }

  /** Runs `fn`, and every operation it starts (also asynchronously), as part of the request holding `turn`. */
  within<T>(turn: Turn, fn: () => T): T {
    return this.current.run(turn, fn);
  }

  /** The turn of the request the caller runs in, if any. */
  currentTurn(): Turn | undefined {
    return this.current.getStore();
  }

  /**
   * Waits for a place for `turn` (FIFO); rejects with `BusyError` when the line is full or too slow.
   * A `bulk` request (an upload) may wait `bulkWaitMs` and is refused at once only when the line is full.
   */
  admit(turn: Turn, bulk = false): Promise<void> {
    if (turn.state !== 'new') return Promise.resolve();
    if (this.active < this.options.maxActive && this.admitting.length === 0) {
      this.start(turn);
      return Promise.resolve();
    }
    if (this.admitting.length >= this.options.maxWaiting || (!bulk && this.expectedWaitMs() > this.options.maxWaitMs)) {
      turn.state = 'done';
      return Promise.reject(this.busy());
    }
    turn.state = 'waiting';
    return new Promise<void>((admit, refuse) => {
      const a: Admission = {
        turn,
        admit,
        refuse,
        timer: setTimeout(() => this.drop(a), bulk ? this.options.bulkWaitMs : this.options.maxWaitMs),
      };
      this.admitting.push(a);
    });
  }

  /** The request holding `turn` has ended (answered, failed or aborted): its place goes to the next in line. */
  leave(turn: Turn): void {
    if (turn.state === 'waiting') {
      const a = this.admitting.find((x) => x.turn === turn);
      if (a) this.drop(a);
      return;
    }
    if (turn.state !== 'active') return;
    turn.state = 'done';
    this.active--;
    const took = Math.min(performance.now() - (turn.startedAt ?? 0), this.options.maxWaitMs);
    this.requestMs = this.requestMs === 0 ? took : 0.9 * this.requestMs + 0.1 * took;
    while (this.active < this.options.maxActive && this.admitting.length) {
      const next = this.admitting.shift()!;
      clearTimeout(next.timer);
      this.start(next.turn);
      next.admit();
    }
  }

  /** Runs `op` holding the connection, after every waiting operation of an earlier turn. */
  async run<T>(op: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await op();
    } finally {
      this.release();
    }
  }

  /** Requests in progress and waiting, operations waiting for the connection. */
  stats(): { active: number; waiting: number; operations: number; requestMs: number } {
    return {
      active: this.active,
      waiting: this.admitting.length,
      operations: this.operations.length,
      requestMs: this.requestMs,
    };
  }

  private start(turn: Turn) {
    turn.state = 'active';
    turn.startedAt = performance.now();
    this.active++;
  }

  private drop(a: Admission) {
    const at = this.admitting.indexOf(a);
    if (at < 0) return;
    this.admitting.splice(at, 1);
    clearTimeout(a.timer);
    a.turn.state = 'done';
    a.refuse(this.busy());
  }

  /** How long one more request would wait for a place at the recent pace. */
  private expectedWaitMs(): number {
    return ((this.admitting.length + 1) * this.requestMs) / this.options.maxActive;
  }

  private busy(): BusyError {
    return new BusyError(Math.min(30, Math.max(1, Math.ceil(this.expectedWaitMs() / 1000))));
  }

  private acquire(): Promise<void> {
    const turn = this.current.getStore()?.turn ?? this.nextTurn++;
    if (!this.held && this.operations.length === 0) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise<void>((grant) => {
      // After every operation of an earlier or the same turn (binary search: the line is sorted), so
      // operations of one turn keep the order they were issued in.
      let lo = 0;
      let hi = this.operations.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.operations[mid].turn <= turn) lo = mid + 1;
        else hi = mid;
      }
      this.operations.splice(lo, 0, { turn, grant });
    });
  }

  private release(): void {
    if (!this.operations.length) {
      this.held = false;
      return;
    }
    // The connection stays held (no newcomer slips in) and passes to the head of the line, but only
    // after the event loop has had a turn: PGlite runs in this thread, and operations handed on as
    // promise callbacks would run back to back without ever letting it read a socket or fire a timer —
    // new requests would not even be seen, let alone refused, until the line ran dry. The head is
    // chosen then, not now, so that the statement the finished one's request issues next (in the
    // callbacks about to run) keeps its request's place.
    setImmediate(() => {
      const next = this.operations.shift();
      if (next) next.grant();
      else this.held = false;
    });
  }
}
