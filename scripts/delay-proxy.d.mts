// Types of scripts/delay-proxy.mjs.
export type DelayProxyTarget = { host: string; port: number } | { path: string };

export interface DelayProxy {
  /** The ephemeral port it listens on (on listenHost). */
  port: number;
  /** Connections accepted so far (tests count the connections of a run). */
  readonly connections: number;
  /** Connections reset because they carried nothing for idleCutMs. */
  readonly idleCuts: number;
  /** With idleCutMs: the longest time any connection carried no byte either way (a keep-alive's interval). */
  readonly longestQuietMs: number;
  /** Every open connection, and every later one, stops moving bytes (nothing is closed). */
  hold(): void;
  /** Stops listening and destroys every open connection. */
  close(): Promise<void>;
}

export function startDelayProxy(options: {
  target: DelayProxyTarget;
  /** Added to every chunk in each direction: a round trip costs 2 * delayMs more. */
  delayMs: number;
  /** Reset a connection (both sides) that carried no byte either way for this long. */
  idleCutMs?: number;
  /** A loopback address (default 127.0.0.1); anything else is refused. */
  listenHost?: string;
}): Promise<DelayProxy>;
