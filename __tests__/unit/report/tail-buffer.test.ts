// The fixed-size tail of a stream (src/report/tail-buffer.ts): what it keeps, whether it was
// cut, a cut UTF-8 character and a cut first line.
import { describe, expect, test } from '@jest/globals';
import { TailBuffer } from '../../../src/report/tail-buffer.js';

function fill(capacity: number, writes: string[]): TailBuffer {
  const tail = new TailBuffer(capacity);
  for (const text of writes) tail.write(Buffer.from(text));
  return tail;
}

describe('TailBuffer', () => {
  test.each<[string, number, string[], { text: string; total: number; cut: boolean }]>([
    ['nothing written', 8, [], { text: '', total: 0, cut: false }],
    ['less than it holds', 8, ['abc'], { text: 'abc', total: 3, cut: false }],
    ['exactly full', 4, ['ab', 'cd'], { text: 'abcd', total: 4, cut: false }],
    ['wraps around', 4, ['abc', 'def'], { text: 'cdef', total: 6, cut: true }],
    ['many small writes', 3, ['a', 'b', 'c', 'd', 'e'], { text: 'cde', total: 5, cut: true }],
    ['one write larger than it holds', 4, ['0123456789'], { text: '6789', total: 10, cut: true }],
    ['a large write after a small one', 4, ['xy', '0123456789'], { text: '6789', total: 12, cut: true }],
    ['capacity 0 counts only', 0, ['abc'], { text: '', total: 3, cut: true }],
    // é is 2 bytes (c3 a9): the cut leaves its second byte at the front, which is dropped.
    ['a character cut at the front', 3, ['aébc'], { text: 'bc', total: 5, cut: true }],
    ['a character kept whole', 5, ['xaébc'], { text: 'aébc', total: 6, cut: true }],
  ])('%s', (_name, capacity, writes, expected) => {
    const tail = fill(capacity, writes);
    expect({ text: tail.text(), total: tail.total, cut: tail.cut }).toEqual(expected);
  });

  test.each<[string, number, string[], number, string[]]>([
    ['the last lines', 100, ['one\ntwo\nthree\n'], 2, ['two', 'three']],
    ['CRLF lines', 100, ['a\r\nb\r\n'], 5, ['a', 'b']],
    ['no newline at the end', 100, ['a\nb'], 5, ['a', 'b']],
    ['a cut first line is left out', 8, ['first line\nsecond\n'], 5, ['second']],
  ])('lastLines: %s', (_name, capacity, writes, count, expected) => {
    expect(fill(capacity, writes).lastLines(count)).toEqual(expected);
  });

  test('bytes are copied in: changing the chunk later changes nothing', () => {
    const chunk = Buffer.from('abcd');
    const tail = new TailBuffer(8);
    tail.write(chunk);
    chunk.fill(0x78);
    expect(tail.text()).toBe('abcd');
  });
});
