import { expect } from '@jest/globals';
import { ActionError } from '../../src/errors.js';

/** The ActionError `fn` throws; fails the test when it throws anything else or nothing. */
export function errorOf(fn: () => unknown): ActionError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ActionError);
    return error as ActionError;
  }
  throw new Error('expected an ActionError, nothing was thrown');
}
