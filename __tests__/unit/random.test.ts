// randomHex: markers and the guard's token (src/random.ts).
import { describe, expect, test } from '@jest/globals';
import { randomHex } from '../../src/random.js';

describe('randomHex', () => {
  test.each([1, 6, 8, 16, 64])('%i bytes give %i*2 hex digits, different each time', (bytes) => {
    const seen = new Set(Array.from({ length: 20 }, () => randomHex(bytes)));
    for (const value of seen) expect(value).toMatch(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
    // 20 draws of 8 or more random bits: a repeat is possible only for 1 byte.
    expect(seen.size).toBeGreaterThan(bytes === 1 ? 10 : 19);
  });
});
