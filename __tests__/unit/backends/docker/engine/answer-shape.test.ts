// The engine's answers as the action reads them (src/backends/docker/engine/answer-shape.ts): a field renamed
// or dropped by another API version is one clear line naming it, never a TypeError later.
import { describe, expect, test } from '@jest/globals';
import {
  CONTAINER_FIELDS,
  checkAnswer,
  checkList,
  EXEC_FIELDS,
  LISTING_FIELDS,
} from '../../../../../src/backends/docker/engine/answer-shape.js';
import { ActionError } from '../../../../../src/errors.js';

const ENGINE = 'Docker 29.0.0, API 1.52';
const container = () => ({
  Id: 'a'.repeat(64),
  Name: '/db',
  State: { Status: 'running', Running: true, Paused: false, Restarting: false, ExitCode: 0 },
  Config: { Image: 'postgres:16', Tty: false },
});

/** A copy of `value` with the dotted `path` set (undefined: removed). */
function changed<T>(value: T, path: string, to: unknown): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((v, k) => v[k] as Record<string, unknown>, copy);
  if (to === undefined) delete parent[keys[keys.length - 1]];
  else parent[keys[keys.length - 1]] = to;
  return copy as T;
}

describe('container inspect', () => {
  test('a full answer passes through unchanged', () => {
    const answer = container();
    expect(checkAnswer(answer, CONTAINER_FIELDS, 'the container inspect', ENGINE)).toBe(answer);
  });

  test.each([
    ['State.Running', undefined, 'the field State.Running (boolean expected, got nothing)'],
    ['State.Running', 'true', 'the field State.Running (boolean expected, got string "true")'],
    ['State', undefined, 'the field State (object expected, got nothing)'],
    ['State', null, 'the field State (object expected, got null null)'],
    ['Config.Image', undefined, 'the field Config.Image (string expected, got nothing)'],
    ['Id', 42, 'the field Id (string expected, got number 42)'],
    ['State.ExitCode', null, 'the field State.ExitCode (number expected, got null null)'],
  ])('%s as %p: one line naming it', (path, to, named) => {
    const call = () => checkAnswer(changed(container(), path, to), CONTAINER_FIELDS, 'the container inspect', ENGINE);
    expect(call).toThrow(ActionError);
    expect(call).toThrow(
      `the engine (${ENGINE}) answered the container inspect without ${named}: its API answers in a form this action does not read`,
    );
  });

  test('extra fields and a field renamed alongside the old one are fine', () => {
    expect(() => checkAnswer(changed(container(), 'State.Running2', true), CONTAINER_FIELDS, 'x')).not.toThrow();
  });

  test('not an object at all; the engine unnamed when not yet known', () => {
    expect(() => checkAnswer('<html>', CONTAINER_FIELDS, 'the container inspect')).toThrow(
      'the engine answered the container inspect without a JSON object (object expected, got string "<html>")',
    );
  });
});

describe('exec inspect', () => {
  test.each([
    [{ Running: false, ExitCode: 3, Pid: 9 }, undefined],
    [{ Running: true, ExitCode: null, Pid: 9 }, undefined],
    [{ Running: false, ExitCode: 0 }, undefined],
    [{ Running: false }, 'the field ExitCode (number|null expected, got nothing)'],
    [{ Running: 'no', ExitCode: 0 }, 'the field Running (boolean expected, got string "no")'],
    [{ running: false, exitCode: 0 }, 'the field Running (boolean expected, got nothing)'],
  ])('%j', (answer, named) => {
    const call = () => checkAnswer(answer, EXEC_FIELDS, 'the exec inspect', ENGINE);
    if (named) expect(call).toThrow(`answered the exec inspect without ${named}`);
    else expect(call()).toBe(answer);
  });
});

describe('container list', () => {
  const entry = { Id: 'b'.repeat(64), Names: ['/db'], Image: 'x', State: 'running', Status: 'Up', Labels: {} };
  test.each([
    [[entry], undefined],
    [[{ ...entry, Labels: null }], undefined],
    [[{ ...entry, Labels: undefined }], undefined],
    [[], undefined],
    [[{ ...entry, Names: '/db' }], 'the field Names (array expected, got string "/db")'],
    [
      [{ ...entry, State: { Status: 'running' } }],
      'the field State (string expected, got object {"Status":"running"})',
    ],
    [{ containers: [entry] }, 'a JSON array (array expected, got object {"containers":'],
  ])('%j', (answer, named) => {
    const call = () => checkList(answer, LISTING_FIELDS, 'the container list', ENGINE);
    if (named) expect(call).toThrow(`answered the container list without ${named}`);
    else expect(call()).toEqual(answer);
  });
});
