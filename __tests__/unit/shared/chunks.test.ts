// Pulled chunks and reused buffers (src/shared/chunks.ts, src/shared/reused-buffers.ts).
import { describe, expect, test } from '@jest/globals';
import { Readable } from 'node:stream';
import { chunksOf, ClosedEarly, PulledChunks } from '../../../src/shared/chunks.js';
import { ReusedBuffers } from '../../../src/shared/reused-buffers.js';

describe('PulledChunks', () => {
  test('the source is resumed only when the next chunk is asked for', async () => {
    let resumed = 0;
    const chunks = new PulledChunks(() => resumed++);
    chunks.offer(Buffer.from('a'));
    expect(resumed).toBe(0);
    expect((await chunks.next())?.toString()).toBe('a');
    expect(resumed).toBe(0);
    const next = chunks.next();
    expect(resumed).toBe(1);
    chunks.offer(Buffer.from('b'));
    expect((await next)?.toString()).toBe('b');
  });

  test.each([
    ['a clean end', undefined, null],
    ['an error', new Error('ECONNRESET'), 'ECONNRESET'],
  ])('after %s, what was offered comes first', async (_, error, last) => {
    const chunks = new PulledChunks(() => undefined);
    chunks.offer(Buffer.from('kept'));
    chunks.finish(error);
    expect((await chunks.next())?.toString()).toBe('kept');
    if (last === null) expect(await chunks.next()).toBeNull();
    else await expect(chunks.next()).rejects.toThrow(last);
  });

  test('a waiting reader gets the end', async () => {
    const chunks = new PulledChunks(() => undefined);
    const next = chunks.next();
    chunks.finish();
    expect(await next).toBeNull();
  });
});

describe('chunksOf', () => {
  test('a stream that ends: every chunk, then null', async () => {
    const source = chunksOf(Readable.from([Buffer.from('x'), Buffer.from('y')], { objectMode: false }));
    const seen: string[] = [];
    for (let chunk = await source.next(); chunk; chunk = await source.next()) seen.push(chunk.toString());
    expect(seen.join('')).toBe('xy');
  });

  test('a stream closed before its end: ClosedEarly', async () => {
    const stream = new Readable({ read() {} });
    const source = chunksOf(stream);
    stream.push('x');
    expect((await source.next())?.toString()).toBe('x');
    const next = source.next();
    stream.destroy();
    await expect(next).rejects.toBeInstanceOf(ClosedEarly);
  });
});

describe('ReusedBuffers', () => {
  test('a buffer given back is handed out again, to whoever waited first', async () => {
    const buffers = new ReusedBuffers(1, 16);
    const first = await buffers.take();
    let second: Buffer | undefined;
    const waiting = buffers.take().then((buffer) => (second = buffer));
    await Promise.resolve();
    expect(second).toBeUndefined();
    buffers.giveBack(first.subarray(0, 3));
    await waiting;
    expect(second?.buffer).toBe(first.buffer);
    expect(second?.length).toBe(16);
  });

  test('a chunk of other memory is not taken in', async () => {
    const buffers = new ReusedBuffers(1, 16);
    const own = await buffers.take();
    buffers.giveBack(Buffer.alloc(16));
    let taken = false;
    void buffers.take().then(() => (taken = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toBe(false);
    buffers.giveBack(own);
    await new Promise((resolve) => setImmediate(resolve));
    expect(taken).toBe(true);
  });
});
