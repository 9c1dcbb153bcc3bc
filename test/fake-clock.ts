// A fake clock for the client: sleep() resolves in virtual time, in order of wake-up, so tests
// of backoff, rate limits and polling never really wait.
import type { Clock } from '../src/index.js';

interface Timer {
  at: number;
  resolve: () => void;
}

export class FakeClock implements Clock {
  /** Every sleep asked for, in ms. */
  readonly sleeps: number[] = [];
  private timers: Timer[] = [];
  private scheduled = false;

  constructor(public t = Date.parse('2026-03-01T12:00:00Z')) {}

  now(): number {
    return this.t;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = { at: this.t + Math.max(0, ms), resolve };
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((x) => x !== timer);
          reject(signal.reason);
        },
        { once: true },
      );
      this.timers.push(timer);
      this.schedule();
    });
  }

  /** Wakes the earliest sleeper once the event loop is idle of other work. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) return;
      this.t = Math.max(this.t, next.at);
      next.resolve();
      if (this.timers.length) this.schedule();
    }, 1);
  }
}
