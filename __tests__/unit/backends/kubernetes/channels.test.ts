// pods/exec's channel framing (src/backends/kubernetes/channels.ts): what each message from
// the server says, and the messages sent to it.
import { describe, expect, test } from '@jest/globals';
import {
  asStdinMessage,
  canCloseStdin,
  CHANNEL,
  closeStdinMessage,
  readMessage,
  STDIN_HEADROOM,
  type ChannelMessage,
} from '../../../../src/backends/kubernetes/channels.js';
import { STDERR, STDOUT } from '../../../../src/shared/output.js';

const message = (channel: number, payload: string | Buffer = '') =>
  Buffer.concat([Buffer.from([channel]), Buffer.isBuffer(payload) ? payload : Buffer.from(payload)]);

describe('readMessage', () => {
  test.each<[string, Buffer, ChannelMessage]>([
    ['stdout', message(1, 'out'), { kind: 'output', stream: STDOUT, payload: Buffer.from('out') }],
    ['stderr', message(2, 'err'), { kind: 'output', stream: STDERR, payload: Buffer.from('err') }],
    [
      'binary bytes as they are',
      message(1, Buffer.from([0, 255, 10])),
      { kind: 'output', stream: STDOUT, payload: Buffer.from([0, 255, 10]) },
    ],
    ['an empty output message', message(1), { kind: 'nothing' }],
    ['an empty message', Buffer.alloc(0), { kind: 'nothing' }],
    ['stdin echoed back', message(0, 'x'), { kind: 'nothing' }],
    ['a resize channel', message(4, '{}'), { kind: 'nothing' }],
    ['the status: success', message(3, '{"status":"Success"}'), { kind: 'status', status: { status: 'Success' } }],
    [
      'the status: an exit code',
      message(
        3,
        '{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}',
      ),
      {
        kind: 'status',
        status: {
          status: 'Failure',
          reason: 'NonZeroExitCode',
          details: { causes: [{ reason: 'ExitCode', message: '3' }] },
        },
      },
    ],
    [
      'a status that is not JSON',
      message(3, 'oops'),
      { kind: 'broken', problem: 'the status Kubernetes sent is not JSON (oops)' },
    ],
  ])('%s', (_name, data, expected) => {
    expect(readMessage(data)).toEqual(expected);
  });

  test('an output payload is a view into the message, not a copy', () => {
    const data = message(1, 'view');
    const read = readMessage(data);
    expect(read.kind === 'output' && read.payload.buffer).toBe(data.buffer);
  });
});

describe('messages sent', () => {
  test('stdin: the channel byte goes in the headroom, the payload is not copied', () => {
    const chunk = Buffer.from([9, 0x61, 0x62]);
    expect(STDIN_HEADROOM).toBe(1);
    const sent = asStdinMessage(chunk);
    expect(sent).toBe(chunk);
    expect([...sent]).toEqual([CHANNEL.stdin, 0x61, 0x62]);
  });

  test('closing stdin (v5): channel 255 naming channel 0', () => {
    expect([...closeStdinMessage()]).toEqual([255, 0]);
  });

  test.each([
    ['v5.channel.k8s.io', true],
    ['v4.channel.k8s.io', false],
    ['', false],
  ])('%s can close stdin alone: %s', (protocol, expected) => {
    expect(canCloseStdin(protocol)).toBe(expected);
  });
});
