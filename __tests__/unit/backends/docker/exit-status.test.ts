// The exit-status classification of a Docker exec (src/backends/docker/exit-status.ts): what
// the output's end and the engine's answers say of the command, case by case.
import { describe, expect, test } from '@jest/globals';
import {
  afterSignal,
  classifyExit,
  EXIT_CODE_WAIT_MS,
  unknownReason,
  type Classified,
  type ContainerAfter,
  type ExitStatus,
} from '../../../../src/backends/docker/exit-status.js';
import type { StreamEnd } from '../../../../src/shared/output.js';

const ID = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const clean: StreamEnd = { stdoutBytes: 3, stderrBytes: 0 };
const cut: StreamEnd = { stdoutBytes: 3, stderrBytes: 0, broken: 'output stream cut inside a frame (5 bytes missing)' };

describe('classifyExit', () => {
  test.each<[string, StreamEnd, ExitStatus, Classified]>([
    ['a clean end with code 0', clean, { exitCode: 0, containerId: ID }, { kind: 'final', exitCode: 0 }],
    ['a clean end with code 3', clean, { exitCode: 3 }, { kind: 'final', exitCode: 3 }],
    ['code 127 (not found) is the command’s', clean, { exitCode: 127 }, { kind: 'final', exitCode: 127 }],
    ['code 128 or more: look at the container', clean, { exitCode: 137 }, { kind: 'signalled', exitCode: 137 }],
    ['exactly 128', clean, { exitCode: 128 }, { kind: 'signalled', exitCode: 128 }],
    ['no code', clean, { running: true }, { kind: 'unknown' }],
    ['the exec is gone', clean, { removed: true }, { kind: 'unknown' }],
    ['a cut stream, whatever the code', cut, { exitCode: 0 }, { kind: 'unknown' }],
    ['a cut stream and a code that ran on', cut, { exitCode: 0, ranOn: true }, { kind: 'unknown' }],
    [
      'another container ran it',
      clean,
      { exitCode: 0, containerId: OTHER },
      {
        kind: 'final',
        exitCode: 0,
        problem: `the command ran in container bbbbbbbbbbbb, not in aaaaaaaaaaaa: the container was replaced while the step looked it up`,
      },
    ],
    [
      'running after a clean end, then 126: the attach failed',
      clean,
      { exitCode: 126, ranOn: true },
      {
        kind: 'final',
        problem:
          "the connection to the command's output was lost while the command was still running (the output ended, then the engine recorded exit code 126 for output it could not deliver): exit status unknown",
      },
    ],
    [
      'running after a clean end, then a code: output missing',
      clean,
      { exitCode: 0, ranOn: true },
      {
        kind: 'final',
        exitCode: 0,
        problem:
          "the connection to the command's output was lost while the command was still running (the output ended, then the command exited with code 0): what it printed after that is missing",
      },
    ],
    ['126 without running on is the command’s own', clean, { exitCode: 126 }, { kind: 'final', exitCode: 126 }],
  ])('%s', (_name, stream, status, expected) => {
    expect(classifyExit(stream, status, ID)).toEqual(expected);
  });
});

describe('unknownReason', () => {
  const running: ContainerAfter = { running: true, status: 'running', exitCode: 0 };
  const wait = EXIT_CODE_WAIT_MS / 1000;
  test.each<[string, StreamEnd, ExitStatus, ContainerAfter, string]>([
    [
      'the container was removed',
      clean,
      {},
      { removed: true },
      'the container was removed while the command was running: exit status unknown',
    ],
    [
      'the container stopped',
      cut,
      {},
      { running: false, status: 'exited', exitCode: 137 },
      'the container stopped while the command was running (container exited, exit code 137): exit status unknown',
    ],
    ['a cut stream in a running container', cut, { exitCode: 0 }, running, `${cut.broken}: exit status unknown`],
    ['the exec is gone', clean, { removed: true }, running, 'the engine no longer knows the exec: exit status unknown'],
    [
      'still running',
      clean,
      { running: true },
      running,
      `exit status unknown: the output ended but the engine still reports the command as running after ${wait}s`,
    ],
    [
      'no code',
      clean,
      { running: false },
      running,
      `exit status unknown: the engine reports no exit code after ${wait}s`,
    ],
  ])('%s', (_name, stream, status, container, expected) => {
    expect(unknownReason(stream, status, container)).toBe(expected);
  });
});

describe('afterSignal', () => {
  test.each<[string, ContainerAfter, ReturnType<typeof afterSignal>]>([
    ['the container still runs: look again', { running: true, status: 'running', exitCode: 0 }, undefined],
    [
      'removed',
      { removed: true },
      { exitCode: 137, problem: 'the container was removed while the command was running' },
    ],
    [
      'stopped',
      { running: false, status: 'exited', exitCode: 137 },
      {
        exitCode: 137,
        problem: 'the container stopped while the command was running (container exited, command killed with code 137)',
      },
    ],
  ])('%s', (_name, container, expected) => {
    expect(afterSignal(137, container)).toEqual(expected);
  });
});
