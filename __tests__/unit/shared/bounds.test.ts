import { describe, expect, test } from '@jest/globals';
import {
  LOOKUP_FLOOR_MS,
  noAnswerLine,
  PING_EVERY_MS,
  PONG_WAIT_MS,
  REQUEST_BOUND_MS,
  requestBound,
  SSH_KEEPALIVE_COUNT_MAX,
  SSH_KEEPALIVE_MS,
} from '../../../src/shared/bounds.js';

describe('requestBound', () => {
  const now = 1_000_000;
  test.each([
    ['outside the look-up', undefined, REQUEST_BOUND_MS],
    ['wait-timeout 5s just begun', now + 5_000, 5_000],
    ['wait-timeout 12s, 12 s left', now + 12_000, 12_000],
    ['wait-timeout 60s: the request bound is smaller', now + 60_000, REQUEST_BOUND_MS],
    ['1 s left: the floor', now + 1_000, LOOKUP_FLOOR_MS],
    ['wait-timeout 0 (past already): the floor', now - 3_000, LOOKUP_FLOOR_MS],
  ])('%s', (_case, deadline, expected) => {
    expect(requestBound(deadline, now)).toBe(expected);
  });
});

describe('noAnswerLine', () => {
  test.each([
    [
      false,
      'the Docker engine at tcp://h:2376 (docker-host input) did not answer within 30s (starting the exec): it accepted the connection but sent nothing back. Check that the server is healthy, and any proxy between',
    ],
    [
      true,
      'the Docker engine at tcp://h:2376 (docker-host input) did not answer within 30s (starting the exec), within wait-timeout: it accepted the connection but sent nothing back. Check that the server is healthy, and any proxy between',
    ],
  ])('during the look-up: %s', (lookup, line) => {
    expect(
      noAnswerLine('the Docker engine at tcp://h:2376 (docker-host input)', 'starting the exec', 30_000, lookup),
    ).toBe(line);
  });
});

test('the intervals the issue asks for: pings at most 10 s apart, SSH keep-alives at most 15 s apart', () => {
  expect(PING_EVERY_MS).toBeLessThanOrEqual(10_000);
  expect(PONG_WAIT_MS).toBeGreaterThan(2 * PING_EVERY_MS);
  expect(SSH_KEEPALIVE_MS).toBeLessThanOrEqual(15_000);
  expect(SSH_KEEPALIVE_COUNT_MAX).toBeGreaterThanOrEqual(2);
});
