// An engine's HTTP error as docker-modem throws it (statusCode, json), into the EngineError
// message the step prints: the engine's own message whatever form its body takes.
import { expect, test } from '@jest/globals';
import { EngineError, explainError } from '../../../../../src/backends/docker/engine/explain-error.js';
import type { EngineAddress } from '../../../../../src/backends/docker/engine/address.js';

const target: EngineAddress = { address: 'unix:///var/run/docker.sock', source: 'default', protocol: 'unix' };
const modemError = (json: unknown, message: string) => Object.assign(new Error(message), { statusCode: 500, json });

test.each([
  ['a JSON body with a message', { message: 'driver failed' }, 'driver failed'],
  ['a text body', 'driver failed\n', 'driver failed'],
  ['a body of bytes', Buffer.from('driver failed'), 'driver failed'],
  ['a JSON body without a message', { error: 'bad gateway' }, '{"error":"bad gateway"}'],
  ['no body: what docker-modem put after the status', null, 'driver failed'],
])('%s', (_what, json, message) => {
  const error = explainError(modemError(json, '(HTTP code 500) server error - driver failed '), 'running', target);
  expect(error).toBeInstanceOf(EngineError);
  expect((error as EngineError).engineMessage).toBe(message);
});
