// The engine's multiplexed stream format (src/backends/docker/engine/frames.ts): frames split
// anywhere across chunks, each stream type, and a stream cut inside a frame.
import { describe, expect, test } from '@jest/globals';
import { FrameDecoder } from '../../../../../src/backends/docker/engine/frames.js';
import { STDERR, STDOUT } from '../../../../../src/shared/output.js';

function frame(type: number, payload: string): Buffer {
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(Buffer.byteLength(payload), 4);
  return Buffer.concat([header, Buffer.from(payload)]);
}

/** Decodes `chunks`; the payloads joined per stream, and whether it stopped inside a frame. */
function decode(chunks: Buffer[]): { out: string; err: string; partial: boolean; why?: string } {
  const decoder = new FrameDecoder();
  const seen = { [STDOUT]: [] as Buffer[], [STDERR]: [] as Buffer[] };
  for (const chunk of chunks)
    decoder.push(chunk, (stream, payload) => {
      seen[stream].push(Buffer.from(payload));
    });
  return {
    out: Buffer.concat(seen[STDOUT]).toString(),
    err: Buffer.concat(seen[STDERR]).toString(),
    partial: decoder.partial,
    why: decoder.partial ? decoder.describePartial() : undefined,
  };
}

/** Every way to cut `bytes` in two. */
function splits(bytes: Buffer): Buffer[][] {
  return Array.from({ length: bytes.length + 1 }, (_, at) => [bytes.subarray(0, at), bytes.subarray(at)]);
}

describe('FrameDecoder', () => {
  const two = Buffer.concat([frame(1, 'hello '), frame(2, 'oops'), frame(1, 'world')]);
  test.each<[string, Buffer[], { out: string; err: string; partial: boolean; why?: string }]>([
    ['whole frames in one chunk', [two], { out: 'hello world', err: 'oops', partial: false }],
    ['type 0 (stdin echoed) is stdout', [frame(0, 'x')], { out: 'x', err: '', partial: false }],
    ['type 3 (system error) is stderr', [frame(3, 'e')], { out: '', err: 'e', partial: false }],
    ['an empty frame', [frame(1, ''), frame(1, 'a')], { out: 'a', err: '', partial: false }],
    ['byte by byte', [...two].map((b) => Buffer.from([b])), { out: 'hello world', err: 'oops', partial: false }],
    [
      'cut inside a header',
      [frame(1, 'ok'), frame(1, 'more').subarray(0, 5)],
      { out: 'ok', err: '', partial: true, why: 'output stream cut inside a frame header' },
    ],
    [
      'cut inside a payload',
      [frame(1, 'abcdef').subarray(0, 10)],
      { out: 'ab', err: '', partial: true, why: 'output stream cut inside a frame (4 bytes missing)' },
    ],
    ['nothing', [], { out: '', err: '', partial: false }],
  ])('%s', (_name, chunks, expected) => {
    expect(decode(chunks)).toEqual(expected.why ? expected : { ...expected, why: undefined });
  });

  test('any cut in two gives the same payloads', () => {
    for (const chunks of splits(two))
      expect(decode(chunks)).toMatchObject({ out: 'hello world', err: 'oops', partial: false });
  });

  test('payloads are views into the chunk, not copies', () => {
    const chunk = frame(1, 'view');
    const decoder = new FrameDecoder();
    decoder.push(chunk, (_stream, payload) => expect(payload.buffer).toBe(chunk.buffer));
  });
});
