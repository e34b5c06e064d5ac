// The HTTP/1.1 parts the action's own engine requests read (src/backends/docker/engine/http1.ts).
import { describe, expect, test } from '@jest/globals';
import {
  bodyFraming,
  ChunkedDecoder,
  headEnd,
  httpError,
  parseHead,
} from '../../../../../src/backends/docker/engine/http1.js';

describe('parseHead', () => {
  test.each([
    [
      'HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\nConnection: Upgrade\r\nUpgrade: tcp',
      {
        status: 101,
        reason: 'UPGRADED',
        headers: { 'content-type': 'application/vnd.docker.raw-stream', connection: 'Upgrade', upgrade: 'tcp' },
      },
    ],
    ['HTTP/1.0 200 OK\r\nX-A: 1\r\nx-a: 2', { status: 200, reason: 'OK', headers: { 'x-a': '1' } }],
    ['HTTP/1.1 404', { status: 404, reason: '', headers: {} }],
    [
      'HTTP/1.1 200 OK\r\nX-Docker-Container-Path-Stat:  eyJ9  ',
      { status: 200, reason: 'OK', headers: { 'x-docker-container-path-stat': 'eyJ9' } },
    ],
  ])('%j', (text, head) => {
    expect(parseHead(text)).toEqual(head);
  });

  test.each([['SSH-2.0-OpenSSH_9.2'], ['HTTP/2 200'], ['HTTP/1.1 200 OK\r\nno colon here']])('refused: %j', (text) => {
    expect(() => parseHead(text)).toThrow(/not an HTTP\/1\.1 answer|malformed header line/);
  });

  test.each([
    ['HTTP/1.1 200 OK\r\n\r\nbody', 19],
    ['HTTP/1.1 200 OK\r\n\r\n', 19],
    ['HTTP/1.1 200 OK\r\nA: b\r\n', -1],
  ])('headEnd of %j', (text, end) => {
    expect(headEnd(Buffer.from(text))).toBe(end);
  });
});

describe('bodyFraming', () => {
  const head = (status: number, headers: Record<string, string> = {}) => ({ status, reason: '', headers });
  test.each([
    ['101: the raw stream', head(101), 'POST', { kind: 'to-close' }],
    ['chunked', head(200, { 'transfer-encoding': 'chunked' }), 'GET', { kind: 'chunked' }],
    ['a length', head(200, { 'content-length': '12' }), 'GET', { kind: 'length', length: 12 }],
    ['HEAD has no body', head(200, { 'content-length': '12' }), 'HEAD', { kind: 'length', length: 0 }],
    ['204 has no body', head(204), 'DELETE', { kind: 'length', length: 0 }],
    ['neither: to the close', head(200), 'POST', { kind: 'to-close' }],
  ])('%s', (_, answer, method, framing) => {
    expect(bodyFraming(answer, method)).toEqual(framing);
  });

  test('a bad Content-Length is refused', () => {
    expect(() => bodyFraming(head(200, { 'content-length': '-1' }), 'GET')).toThrow('bad Content-Length');
  });
});

describe('ChunkedDecoder', () => {
  const body = Buffer.from('5\r\nhello\r\n1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\nTrailer: x\r\n\r\n');

  /** The body cut into pieces of `size` bytes, decoded. */
  function decode(bytes: Buffer, size: number): { text: string; done: boolean; views: number } {
    const decoder = new ChunkedDecoder();
    const parts: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += size)
      decoder.push(bytes.subarray(at, at + size), (data) => parts.push(data));
    return { text: Buffer.concat(parts).toString(), done: decoder.done, views: parts.length };
  }

  test.each([1, 2, 3, 7, 16, 1000])('in pieces of %i bytes', (size) => {
    expect(decode(body, size)).toMatchObject({ text: 'hello 0123456789', done: true });
  });

  test('the data is handed on as views, not copies', () => {
    const decoder = new ChunkedDecoder();
    const piece = Buffer.from('3\r\nabc\r\n');
    let view: Buffer | undefined;
    decoder.push(piece, (data) => (view = data));
    expect(view?.buffer).toBe(piece.buffer);
  });

  test.each([
    ['cut inside a chunk', '5\r\nhel'],
    ['cut before the last chunk', '5\r\nhello\r\n'],
    ['cut inside the trailer', '0\r\n'],
  ])('%s: partial', (_, text) => {
    const decoder = new ChunkedDecoder();
    decoder.push(Buffer.from(text), () => undefined);
    expect(decoder.partial).toBe(true);
  });

  test.each([
    ['a bad size', 'zz\r\n', 'bad chunk size line'],
    ['no CRLF after the data', '2\r\nabXY', 'no CRLF after a chunk'],
    ['an endless size line', 'f'.repeat(5000), 'too long'],
  ])('%s: refused', (_, text, message) => {
    expect(() => new ChunkedDecoder().push(Buffer.from(text), () => undefined)).toThrow(message);
  });
});

describe('httpError', () => {
  test.each([
    ['{"message":"No such container: x"}', { message: 'No such container: x' }],
    ['plain words', 'plain words'],
  ])('the body %j is what explainError reads', (text, json) => {
    expect(httpError({ status: 404, reason: 'Not Found' }, text)).toMatchObject({ statusCode: 404, json });
  });
});
