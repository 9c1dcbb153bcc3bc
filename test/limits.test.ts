// Rate limits (x-rate-limit and a global cap) with a fake clock, and deprecation warnings.
import { describe, expect, it } from 'vitest';
import { createOzonClient, defaultDeprecationHandler, paginate, type Clock, type DeprecationNotice, type RateLimit, type RateLimiter } from '../src/index.js';
import { noticeDeprecated } from '../src/deprecation.js';
import { WindowLimiter } from '../src/rate-limit.js';
import { FakeClock } from './fake-clock.js';
import { json, KEY } from './helpers.js';

/** A clock that moves only when the test says so. */
class ManualClock implements Clock {
  private t = Date.parse('2026-03-01T12:00:00Z');
  private timers: { at: number; resolve: () => void }[] = [];
  now() {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = { at: this.t + ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => ((this.timers = this.timers.filter((x) => x !== timer)), reject(signal.reason)), { once: true });
    });
  }
  async advance(ms: number) {
    this.t += ms;
    const due = this.timers.filter((x) => x.at <= this.t);
    this.timers = this.timers.filter((x) => x.at > this.t);
    for (const x of due) x.resolve();
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A fetch that answers 200 at once and logs the (fake) time of each request. */
function timedFetch(clock: FakeClock) {
  const times: { path: string; t: number }[] = [];
  const fetch = async (req: Request) => {
    times.push({ path: new URL(req.url).pathname, t: clock.now() });
    return json({ result: {} });
  };
  return { fetch, times };
}

describe('rate limits', () => {
  it('queues 25 calls to a 20-per-minute method: all finish, the last 5 a minute later', async () => {
    const clock = new FakeClock();
    const t0 = clock.now();
    const { fetch, times } = timedFetch(clock);
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, clock });
    const calls = Array.from({ length: 25 }, (_, i) => ozon.POST('/v1/barcode/add', { body: { barcodes: [{ barcode: `b${i}`, sku: i }] } }));
    const results = await Promise.all(calls);
    expect(results.every((r) => r.response.ok)).toBe(true);
    expect(times).toHaveLength(25);
    expect(times.slice(0, 20).every((x) => x.t === t0)).toBe(true);
    expect(times.slice(20).every((x) => x.t === t0 + 60_000)).toBe(true);
  });

  it('keeps separate windows per operation, and leaves unlimited methods alone', async () => {
    const clock = new FakeClock();
    const { fetch, times } = timedFetch(clock);
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, clock });
    await Promise.all([
      ...Array.from({ length: 2 }, () => ozon.POST('/v1/analytics/data', { body: { date_from: '2026-01-01', date_to: '2026-01-31', metrics: ['revenue'], dimension: ['sku'], limit: 10, offset: 0 } as never })),
      ...Array.from({ length: 5 }, () => ozon.POST('/v1/report/info', { body: { code: 'R' } })),
    ]);
    const t0 = times[0]!.t;
    expect(times.filter((x) => x.path === '/v1/report/info').every((x) => x.t === t0)).toBe(true);
    expect(times.filter((x) => x.path === '/v1/analytics/data').map((x) => x.t - t0)).toEqual([0, 60_000]);
  });

  it('applies an optional global requests-per-second cap over all methods', async () => {
    const clock = new FakeClock();
    const { fetch, times } = timedFetch(clock);
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, clock, maxRequestsPerSecond: 3 });
    await Promise.all(Array.from({ length: 7 }, () => ozon.POST('/v1/report/info', { body: { code: 'R' } })));
    const t0 = times[0]!.t;
    expect(times.map((x) => x.t - t0)).toEqual([0, 0, 0, 1000, 1000, 1000, 2000]);
  });

  it('shares the limiter with views made by withOptions', async () => {
    const clock = new FakeClock();
    const { fetch, times } = timedFetch(clock);
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, clock, maxRequestsPerSecond: 1 });
    await Promise.all([ozon.POST('/v1/report/info', { body: { code: 'R' } }), ozon.withOptions({ retry: false }).POST('/v1/report/info', { body: { code: 'R' } })]);
    expect(times[1]!.t - times[0]!.t).toBe(1000);
  });

  it('rateLimits: false sends at once', async () => {
    const clock = new FakeClock();
    const { fetch, times } = timedFetch(clock);
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, clock, rateLimits: false });
    await Promise.all(Array.from({ length: 25 }, (_, i) => ozon.POST('/v1/barcode/add', { body: { barcodes: [{ barcode: `b${i}`, sku: i }] } })));
    expect(new Set(times.map((x) => x.t)).size).toBe(1);
  });

  it('a queued call stops waiting when its signal aborts, and the queue moves on', async () => {
    const clock = new FakeClock();
    const limiter = new WindowLimiter(1, 60_000, clock);
    await limiter.acquire();
    const ctl = new AbortController();
    const waiting = limiter.acquire(ctl.signal);
    const after = limiter.acquire();
    ctl.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    await after;
    expect(clock.now()).toBeGreaterThan(0);
  });

  it('paginating a 1-per-minute method fetches one page a minute', async () => {
    const clock = new FakeClock();
    const times: number[] = [];
    const fetch = async (req: Request) => {
      times.push(clock.now());
      const { offset } = await req.json();
      return json({ result: { data: offset < 4 ? [{ metrics: [offset] }, { metrics: [offset + 1] }] : [] } });
    };
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, clock });
    const rows: unknown[] = [];
    const body = { date_from: '2026-01-01', date_to: '2026-01-31', metrics: ['revenue'], dimension: ['sku'], limit: 2 } as never;
    for await (const row of paginate(ozon, '/v1/analytics/data', body)) rows.push(row);
    expect(rows).toHaveLength(4);
    expect(times.map((t) => t - times[0]!)).toEqual([0, 60_000, 120_000]);
  });

  it('a queued call whose signal aborts rejects at once, takes nothing from the limit, and the calls behind move up', async () => {
    const clock = new ManualClock();
    const t0 = clock.now();
    const times: number[] = [];
    const fetch = async () => (times.push(clock.now() - t0), json({ result: {} }));
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch, clock });
    const body = { date_from: '2026-01-01', date_to: '2026-01-31', metrics: ['revenue'], dimension: ['sku'], limit: 10, offset: 0 } as never;
    const ctl = new AbortController();
    const first = ozon.POST('/v1/analytics/data', { body });
    const second = ozon.POST('/v1/analytics/data', { body });
    const third = ozon.POST('/v1/analytics/data', { body, signal: ctl.signal });
    const fourth = ozon.POST('/v1/analytics/data', { body });
    let rejectedAt: number | undefined;
    const thirdDone = third.then(
      () => 'resolved',
      (e: unknown) => ((rejectedAt = clock.now() - t0), e),
    );
    await first;
    await new Promise((r) => setTimeout(r, 20)); // the others are queued now; the clock stands still
    ctl.abort(new DOMException('stop', 'AbortError'));
    expect(await thirdDone).toMatchObject({ name: 'AbortError', message: 'stop' });
    expect(rejectedAt).toBe(0); // at once, while the second call still waits for its minute
    await clock.advance(60_000);
    await second;
    await clock.advance(60_000);
    await fourth;
    expect(times).toEqual([0, 60_000, 120_000]); // the fourth took the third's place
  });

  it("applies Ozon's 50 requests a second per account by default", async () => {
    const clock = new FakeClock();
    const t0 = clock.now();
    const { fetch, times } = timedFetch(clock);
    const ozon = createOzonClient({ clientId: '51', apiKey: KEY, fetch, clock });
    await Promise.all(Array.from({ length: 120 }, () => ozon.POST('/v1/report/info', { body: { code: 'R' } })));
    const at = times.map((x) => x.t - t0);
    expect(at.filter((t) => t === 0)).toHaveLength(50);
    expect(at.filter((t) => t === 1000)).toHaveLength(50);
    expect(at.filter((t) => t === 2000)).toHaveLength(20);
  });

  it('two clients with the same Client-Id share the budget; another Client-Id has its own; false turns it off', async () => {
    const clock = new FakeClock();
    const t0 = clock.now();
    const a = timedFetch(clock);
    const b = timedFetch(clock);
    const c = timedFetch(clock);
    const d = timedFetch(clock);
    const one = createOzonClient({ clientId: '77', apiKey: KEY, fetch: a.fetch, clock, maxRequestsPerSecond: 2 });
    const two = createOzonClient({ clientId: 77, apiKey: 'other-key', fetch: b.fetch, clock, maxRequestsPerSecond: 2 });
    const other = createOzonClient({ clientId: '78', apiKey: KEY, fetch: c.fetch, clock, maxRequestsPerSecond: 2 });
    const off = createOzonClient({ clientId: '77', apiKey: KEY, fetch: d.fetch, clock, maxRequestsPerSecond: false });
    const post = (o: typeof one) => o.POST('/v1/report/info', { body: { code: 'R' } });
    await Promise.all([post(one), post(two), post(one), post(two), post(other), post(other), post(off), post(off), post(off)]);
    const at = (x: { times: { t: number }[] }) => x.times.map((y) => y.t - t0);
    expect([...at(a), ...at(b)].sort()).toEqual([0, 0, 1000, 1000]);
    expect(at(c)).toEqual([0, 0]);
    expect(at(d)).toEqual([0, 0, 0]);
  });

  it('takes each turn from a limiter plugged in through the RateLimiter interface', async () => {
    const asked: [string, RateLimit][] = [];
    const limiter: RateLimiter = {
      async acquire(key, limit) {
        asked.push([key, limit]);
      },
    };
    const ozon = createOzonClient({ clientId: '836', apiKey: KEY, fetch: async () => json({ result: {} }), limiter });
    await ozon.POST('/v1/barcode/add', { body: { barcodes: [{ barcode: 'b', sku: 1 }] } });
    await ozon.POST('/v1/report/info', { body: { code: 'R' } });
    expect(asked).toEqual([
      ['836 POST /v1/barcode/add', { requests: 20, per: 'minute' }],
      ['836', { requests: 50, per: 'second' }],
      ['836', { requests: 50, per: 'second' }],
    ]);
  });

  it('a plugged-in limiter that rejects stops the call with its reason', async () => {
    const limiter: RateLimiter = { acquire: async () => Promise.reject(new Error('store is down')) };
    let sent = 0;
    const ozon = createOzonClient({ clientId: '836', apiKey: KEY, fetch: async () => (sent++, json({})), limiter });
    await expect(ozon.POST('/v1/report/info', { body: { code: 'R' } })).rejects.toThrow(/store is down/);
    expect(sent).toBe(0);
  });

  it('rejects bad limit options', () => {
    expect(() => createOzonClient({ clientId: '1', apiKey: KEY, limiter: {} as never })).toThrow(/"limiter"/);
    expect(() => createOzonClient({ clientId: '1', apiKey: KEY, maxRequestsPerSecond: 0 })).toThrow(/"maxRequestsPerSecond"/);
    expect(() => createOzonClient({ clientId: '1', apiKey: KEY, rateLimits: 'yes' as never })).toThrow(/"rateLimits"/);
  });
});

describe('deprecated operations', () => {
  it('warns once per operation, naming x-replaced-by, through a routed handler', async () => {
    const notices: DeprecationNotice[] = [];
    const onDeprecated = (n: DeprecationNotice) => notices.push(n);
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch: async () => json({}), onDeprecated });
    await ozon.POST('/v1/category/tree', { body: {} } as never);
    await ozon.POST('/v1/category/tree', { body: {} } as never);
    await ozon.GET('/v1/order/{id}', { params: { path: { id: 12 } } } as never);
    await ozon.POST('/v1/report/info', { body: { code: 'R' } });
    expect(notices).toEqual([
      {
        operation: 'POST /v1/category/tree',
        replacedBy: 'POST /v1/description-category/tree',
        message: 'ozon-seller-api: POST /v1/category/tree is deprecated by Ozon; use POST /v1/description-category/tree instead',
      },
      expect.objectContaining({ operation: 'GET /v1/order/{id}', replacedBy: 'POST /v3/posting/fbs/get' }),
    ]);
    expect(JSON.stringify(notices)).not.toContain(KEY);
  });

  it('says so when a deprecated operation has no replacement', async () => {
    const notices: DeprecationNotice[] = [];
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch: async () => json({}), onDeprecated: (n) => notices.push(n) });
    await ozon.POST('/v1/order/ship/crossborder', { body: {} } as never);
    expect(notices).toEqual([
      { operation: 'POST /v1/order/ship/crossborder', replacedBy: undefined, message: 'ozon-seller-api: POST /v1/order/ship/crossborder is deprecated by Ozon and has no replacement' },
    ]);
  });

  it('names the switch-off date (x-sunset): past dates as switched off', async () => {
    const notices: DeprecationNotice[] = [];
    const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch: async () => json({}), onDeprecated: (n) => notices.push(n) });
    await ozon.POST('/v3/finance/transaction/totals', { body: {} } as never);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.sunset).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const past = Date.parse(`${notices[0]!.sunset}T00:00:00Z`) <= Date.now();
    expect(notices[0]!.message).toContain(past ? `(switched off since ${notices[0]!.sunset})` : `(Ozon switches it off on ${notices[0]!.sunset})`);
    expect(notices[0]!.message).toContain('; use POST /v1/finance/accrual/postings instead');
  });

  it('tells a future switch-off date from a past one', () => {
    const info = { method: 'POST', path: '/v1/x', operationId: 'X', deprecated: true, sunset: '2026-07-06' } as const;
    const seen: DeprecationNotice[] = [];
    const handler = (n: DeprecationNotice) => void seen.push(n);
    noticeDeprecated(info, handler, Date.parse('2026-07-05T23:59:59Z'));
    noticeDeprecated(info, handler, Date.parse('2026-07-06T00:00:00Z')); // once per handler: not heard again
    const later: DeprecationNotice[] = [];
    noticeDeprecated(info, (n) => later.push(n), Date.parse('2026-07-06T00:00:00Z'));
    expect(seen.map((n) => n.message)).toEqual(['ozon-seller-api: POST /v1/x is deprecated by Ozon (Ozon switches it off on 2026-07-06) and has no replacement']);
    expect(later[0]!.message).toBe('ozon-seller-api: POST /v1/x is deprecated by Ozon (switched off since 2026-07-06) and has no replacement');
  });

  it('onDeprecated: false silences the warning', async () => {
    const warnings: Error[] = [];
    const listener = (w: Error) => warnings.push(w);
    process.on('warning', listener);
    try {
      const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch: async () => json({}), onDeprecated: false });
      await ozon.POST('/v1/chat/history', { body: {} } as never);
      await new Promise((r) => setTimeout(r, 10));
      expect(warnings.filter((w) => w.message.includes('/v1/chat/history'))).toEqual([]);
    } finally {
      process.off('warning', listener);
    }
  });

  it('by default emits one DeprecationWarning per process per operation, shared by all clients', async () => {
    const warnings: Error[] = [];
    const listener = (w: Error) => warnings.push(w);
    // Node prints warnings through its own 'warning' listener: set it aside, so the warning this
    // test causes is captured and checked here, not printed in the test output.
    const printers = process.listeners('warning');
    process.removeAllListeners('warning');
    process.on('warning', listener);
    try {
      for (let i = 0; i < 2; i++) {
        const ozon = createOzonClient({ clientId: '1', apiKey: KEY, fetch: async () => json({}) });
        await ozon.POST('/v1/chat/list', { body: {} } as never);
      }
      await new Promise((r) => setTimeout(r, 10));
      const mine = warnings.filter((w) => w.message.includes('POST /v1/chat/list'));
      expect(mine).toHaveLength(1);
      expect(mine[0]!.name).toBe('DeprecationWarning');
      expect(mine[0]!.message).toContain('use POST /v3/chat/list instead');
      expect(defaultDeprecationHandler).toBeTypeOf('function');
    } finally {
      process.off('warning', listener);
      for (const p of printers) process.on('warning', p);
    }
  });
});
