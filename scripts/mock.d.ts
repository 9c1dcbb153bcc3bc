// Types of scripts/mock.js, exported as `ozon-seller-api/mock`.

/** Path of the bundled spec, generated/openapi.json, that the mock serves. */
export declare const SPEC: string;

/** What `startMock()` and `ozon-seller-mock` say when Prism is not installed (how to install it). */
export declare const PRISM_MISSING: string;

/** A free TCP port on the host, found by binding port 0. */
export declare function freePort(host?: string): Promise<number>;

export interface MockOptions {
  /** Port to listen on. Default (or `0`): a free port. */
  port?: number;
  /** Host to listen on. Default: `'127.0.0.1'`. */
  host?: string;
  /** Spec file to serve. Default: this package's generated/openapi.json. */
  spec?: string;
  /** How long to wait for Prism to answer. Default: `60000` ms. */
  timeoutMs?: number;
  /** Keep Prism's log to itself (shown only if it fails to start). `false` passes it to this process's output. Default: `true`. */
  quiet?: boolean;
  /** Receives Prism's log, chunk by chunk (instead of `quiet: false`). Default: none. */
  onLog?: (chunk: string) => void;
  /** Aborting it while Prism starts stops Prism and rejects. */
  signal?: AbortSignal;
}

export interface RunningMock {
  /** Base URL for `createOzonClient({ baseUrl })`, e.g. `http://127.0.0.1:4010`. */
  url: string;
  port: number;
  /** Stops Prism (SIGTERM, then SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/**
 * Starts a Prism mock (needs `@stoplight/prism-cli` installed) and resolves once it answers.
 * Without Prism it rejects with an `Error` whose message is `PRISM_MISSING` and whose `code` is `'OZON_PRISM_MISSING'`.
 */
export declare function startMock(options?: MockOptions): Promise<RunningMock>;
