/** An expected failure: its message is one line shown to the user as is (no stack trace). */
export class ActionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ActionError';
  }
}
/** Bad input: the message names the input, what is wrong and what to do. */
export class InputError extends ActionError {
  constructor(readonly input: string, problem: string) {
    super(`Input '${input}': ${problem}`);
    this.name = 'InputError';
  }
}
