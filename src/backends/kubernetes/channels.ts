// pods/exec's channel protocol (v4.channel.k8s.io and v5.channel.k8s.io): each WebSocket
// message is one byte naming its channel, then the payload. Stdout and stderr apart and
// byte-exact; the command's end as a metav1.Status on channel 3; v5 can close one channel
// (a message on channel 255 naming it), which ends the command's standard input alone.
import { STDERR, STDOUT, type StreamNumber } from '../../shared/output.js';
import type { ExecStatus } from './exec-status.js';

export const CHANNEL = { stdin: 0, stdout: 1, stderr: 2, status: 3, close: 255 } as const;

/** The protocols asked for, best first. */
export const PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];

/** Whether the protocol the server chose can end the standard input alone. */
export function canCloseStdin(protocol: string): boolean {
  return protocol === 'v5.channel.k8s.io';
}

/** The message that ends the standard input (v5). */
export function closeStdinMessage(): Buffer {
  return Buffer.from([CHANNEL.close, CHANNEL.stdin]);
}

/** Room before a stdin payload for its channel byte: the payload is read in behind it, never copied. */
export const STDIN_HEADROOM = 1;

/** Turns a chunk read in behind STDIN_HEADROOM into a stdin message (in place). */
export function asStdinMessage(chunk: Buffer): Buffer {
  chunk[0] = CHANNEL.stdin;
  return chunk;
}

export type ChannelMessage =
  | { kind: 'output'; stream: StreamNumber; payload: Buffer }
  | { kind: 'status'; status: ExecStatus }
  | { kind: 'broken'; problem: string }
  | { kind: 'nothing' };

/** What one message from the server says; an output payload is a view into `message`. */
export function readMessage(message: Buffer): ChannelMessage {
  if (message.length === 0) return { kind: 'nothing' };
  const channel = message[0];
  const payload = message.subarray(1);
  if (channel === CHANNEL.stdout || channel === CHANNEL.stderr) {
    if (payload.length === 0) return { kind: 'nothing' };
    return { kind: 'output', stream: channel === CHANNEL.stdout ? STDOUT : STDERR, payload };
  }
  if (channel === CHANNEL.status) {
    const text = payload.toString('utf8');
    try {
      return { kind: 'status', status: JSON.parse(text) as ExecStatus };
    } catch {
      return { kind: 'broken', problem: `the status Kubernetes sent is not JSON (${text.slice(0, 100)})` };
    }
  }
  return { kind: 'nothing' };
}
