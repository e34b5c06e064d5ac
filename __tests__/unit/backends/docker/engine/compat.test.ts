// Podman's answers in Docker's words (src/backends/docker/engine/compat.ts). The Podman texts are the ones
// Podman 4.3's compat API gave on the test machines (see __tests__/integration/engines.test.ts
// for the same situations on real engines).
import { describe, expect, test } from '@jest/globals';
import {
  describeServer,
  dockerAnswer,
  dockerDetails,
  splitRemovals,
} from '../../../../../src/backends/docker/engine/compat.js';

const ID = '96b14396a7f2525aa7ff2f4ca9151fabfd85dbef8d1f13f7eaef2e8724869f00';

describe('dockerAnswer', () => {
  test.each<[number, string, number, string]>([
    [404, 'no container with name or ID "nope" found: no such container', 404, 'No such container: nope'],
    [
      404,
      'more than one result for container ID 0: container already exists',
      500,
      'Multiple IDs found with provided prefix: 0',
    ],
    [404, 'no exec session with ID abc found: no such exec session', 404, 'No such exec instance: abc'],
    [
      500,
      'can only create exec sessions on running containers: container state improper',
      409,
      `Container ${ID} is not running`,
    ],
    [
      409,
      `cannot create exec session as container ${ID} is paused`,
      409,
      `Container ${ID} is paused, unpause the container before exec`,
    ],
    [
      500,
      'unable to find user ghost: no matching entries in passwd file',
      400,
      'unable to find user ghost: no matching entries in passwd file',
    ],
    [
      500,
      'unable to find group ghosts: no matching entries in group file',
      400,
      'unable to find group ghosts: no matching entries in group file',
    ],
    // Docker's own answers pass through.
    [404, 'No such container: nope', 404, 'No such container: nope'],
    [409, `Container ${ID} is not running`, 409, `Container ${ID} is not running`],
    [500, 'Multiple IDs found with provided prefix: 1', 500, 'Multiple IDs found with provided prefix: 1'],
    [400, 'No exec command specified', 400, 'No exec command specified'],
    [500, '  some other failure\n', 500, 'some other failure'],
  ])('%d %s -> %d %s', (statusCode, message, expectedCode, expectedMessage) => {
    expect(dockerAnswer({ statusCode, message }, { containerId: ID })).toEqual({
      statusCode: expectedCode,
      message: expectedMessage,
    });
  });

  test('without the container ID, "not running" still reads as Docker does', () => {
    expect(
      dockerAnswer({
        statusCode: 500,
        message: 'can only create exec sessions on running containers: container state improper',
      }),
    ).toEqual({
      statusCode: 409,
      message: 'Container is not running',
    });
  });
});

describe('dockerDetails', () => {
  test.each([
    ['Podman without a health check: Health dropped', { Status: '', FailingStreak: 0, Log: null }, undefined],
    ['null Health dropped', null, undefined],
    ['a real health status kept', { Status: 'starting' }, { Status: 'starting' }],
  ])('%s', (_what, health, expected) => {
    const details = { Id: 'x', State: { Running: true, Health: health } };
    expect(dockerDetails(details).State.Health).toEqual(expected);
  });

  test('Docker without a health check is unchanged', () => {
    const details: { Id: string; State: { Running: boolean; Health?: { Status: string } } } = {
      Id: 'x',
      State: { Running: true },
    };
    expect(dockerDetails(details)).toBe(details);
  });
});

describe('splitRemovals (a bare KEY removes KEY, as Docker reads it)', () => {
  test.each<[string, string[], string[], string[], string[]]>([
    ['no bare keys', ['A=1', 'B=2'], [], ['A=1', 'B=2'], []],
    ['bare key nobody sets: dropped', ['A=1', 'GONE'], ['PATH=/bin'], ['A=1'], []],
    [
      'bare key the container sets: unset',
      ['A=1', 'FROM_IMAGE'],
      ['PATH=/bin', 'FROM_IMAGE=x'],
      ['A=1'],
      ['FROM_IMAGE'],
    ],
    ['bare key of an engine default: unset', ['HOSTNAME'], [], [], ['HOSTNAME']],
    ['set, then removed', ['A=1', 'A'], [], [], []],
    ['removed, then set again', ['A', 'A=2'], ['A=0'], ['A=2'], []],
    ['last of duplicates kept, in the order last set', ['A=1', 'B=1', 'A=2'], [], ['B=1', 'A=2'], []],
    ['empty value is a value', ['A='], [], ['A='], []],
  ])('%s', (_what, env, containerEnv, expectedEnv, expectedUnset) => {
    expect(splitRemovals(env, containerEnv)).toEqual({ env: expectedEnv, unset: expectedUnset });
  });
});

describe('describeServer (the Server and Api-Version headers of any answer)', () => {
  test.each<[string | undefined, string | undefined, string | undefined]>([
    ['Docker/20.10.24+dfsg1 (linux)', '1.41', 'Docker 20.10.24+dfsg1, API 1.41'],
    ['Docker/28.3.2 (linux)', '1.51', 'Docker 28.3.2, API 1.51'],
    ['Libpod/4.3.1 (linux)', '1.41', 'Podman 4.3.1, API 1.41'],
    ['Docker/27.0.1', undefined, 'Docker 27.0.1'],
    ['SomeProxy/2.0 (windows)', '1.44', 'SomeProxy 2.0, API 1.44'],
    [undefined, '1.41', undefined],
    ['', '1.41', undefined],
    ['nginx', '1.41', undefined],
  ])('%j, %j -> %j', (server, api, expected) => {
    expect(describeServer(server, api)).toBe(expected);
  });
});
