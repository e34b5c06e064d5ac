// Standard input fed from reused buffers (src/shared/stdin.ts): what each sink receives, the
// headroom left for a channel byte, at most two chunks in flight, the end, and a sink that
// closes early.
import { afterAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { feedStdin, type StdinBytes, type StdinSink } from '../../../src/shared/stdin.js';

interface Recorded {
  /** What each write carried after its headroom. */
  payloads: string[];
  ended: boolean;
  /** The most writes pending at once. */
  mostInFlight: number;
}

/** A sink that takes each write after a tick, and closes after `closeAfter` writes. */
function recordingSink(headroom: number, closeAfter = Infinity): { sink: StdinSink; seen: Recorded } {
  const seen: Recorded = { payloads: [], ended: false, mostInFlight: 0 };
  let inFlight = 0;
  const sink: StdinSink = {
    headroom,
    write: (chunk) => {
      expect(chunk.subarray(0, headroom).every((b) => b === 0)).toBe(true);
      seen.payloads.push(chunk.subarray(headroom).toString());
      seen.mostInFlight = Math.max(seen.mostInFlight, ++inFlight);
      return new Promise((resolve) =>
        setImmediate(() => {
          inFlight--;
          resolve(null);
        }),
      );
    },
    get open() {
      return seen.payloads.length < closeAfter;
    },
    end: () => (seen.ended = true),
  };
  return { sink, seen };
}

describe('feedStdin', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dea-stdin-'));
  const file = path.join(dir, 'in');
  writeFileSync(file, 'abcdefghij');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each<[string, StdinBytes, number, number, Omit<Recorded, 'mostInFlight'>]>([
    ['text in chunks', { kind: 'text', text: 'abcdefg' }, 0, 3, { payloads: ['abc', 'def', 'g'], ended: true }],
    ['empty text: only the end', { kind: 'text', text: '' }, 0, 3, { payloads: [], ended: true }],
    [
      'bytes behind a channel byte',
      { kind: 'bytes', bytes: Buffer.from('xyz') },
      1,
      2,
      { payloads: ['xy', 'z'], ended: true },
    ],
    ['a file', { kind: 'file', path: file }, 0, 4, { payloads: ['abcd', 'efgh', 'ij'], ended: true }],
    ['a file, a whole chunk', { kind: 'file', path: file }, 1, 10, { payloads: ['abcdefghij'], ended: true }],
  ])('%s', async (_name, source, headroom, chunkSize, expected) => {
    const { sink, seen } = recordingSink(headroom);
    await feedStdin(source, sink, chunkSize);
    const { mostInFlight, ...rest } = seen;
    expect(rest).toEqual(expected);
    expect(mostInFlight).toBeLessThanOrEqual(2);
  });

  test('a sink that closes stops the feed quietly, unended', async () => {
    const { sink, seen } = recordingSink(0, 2);
    await feedStdin({ kind: 'text', text: 'abcdefghij' }, sink, 2);
    expect({ payloads: seen.payloads, ended: seen.ended }).toEqual({ payloads: ['ab', 'cd'], ended: false });
  });

  test('a write that fails stops the feed quietly', async () => {
    const payloads: string[] = [];
    const sink: StdinSink = {
      headroom: 0,
      write: (chunk) => {
        payloads.push(chunk.toString());
        return Promise.resolve(payloads.length === 1 ? new Error('EPIPE') : null);
      },
      open: true,
      end: () => payloads.push('(end)'),
    };
    await feedStdin({ kind: 'text', text: 'abcdef' }, sink, 2);
    expect(payloads).toEqual(['ab', 'cd']);
  });

  test('a file that cannot be read rejects', async () => {
    const { sink } = recordingSink(0);
    await expect(feedStdin({ kind: 'file', path: path.join(dir, 'missing') }, sink, 4)).rejects.toThrow(/ENOENT/);
  });
});
