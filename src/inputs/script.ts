// How a `run` script is executed by `shell`, like a workflow's run step: sh -e, bash with
// pipefail, or a custom command line where {0} names a file that holds the script.
import { splitCommandLine } from './command-words.js';
import { ActionError, InputError } from '../errors.js';

/** Scripts up to this size travel as one argument; the kernel refuses one over 128 KiB. */
export const MAX_ARGUMENT_BYTES = 96 * 1024;

export interface ScriptPlan {
  cmd: string[];
  /** A file to place in the container before the command runs (and remove after). */
  file?: { path: string; content: Buffer };
}

const BUILT_IN: Record<string, string[]> = {
  sh: ['sh', '-e'],
  bash: ['bash', '--noprofile', '--norc', '-e', '-o', 'pipefail'],
};

/**
 * Plans the command for a script. `scriptPath` is where the file goes when one is needed
 * (for {0}, or a script too large to be an argument).
 */
export function planScript(script: string, shell: string, scriptPath: string): ScriptPlan {
  const content = Buffer.from(script, 'utf8');
  const builtIn = BUILT_IN[shell.trim()];
  if (builtIn) {
    if (content.length <= MAX_ARGUMENT_BYTES) return { cmd: [...builtIn, '-c', script] };
    return { cmd: [...builtIn, scriptPath], file: { path: scriptPath, content } };
  }
  let words: string[];
  try {
    words = splitCommandLine(shell);
  } catch (error) {
    if (error instanceof ActionError) throw new InputError('shell', error.message);
    throw error;
  }
  if (words.some((word) => word.includes('{0}'))) {
    return { cmd: words.map((word) => word.split('{0}').join(scriptPath)), file: { path: scriptPath, content } };
  }
  if (content.length > MAX_ARGUMENT_BYTES) {
    throw new InputError(
      'run',
      `the script is ${content.length} bytes, too large to pass as an argument: put {0} in shell (e.g. '${shell} {0}') so it travels as a file`,
    );
  }
  return { cmd: [...words, script] };
}

/** A one-file POSIX tar archive (ustar), as the engine's archive endpoint takes it. */
export function tarOneFile(name: string, content: Buffer, mode = 0o644): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  const header = Buffer.alloc(512, 0);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'utf8');
  const octal = (offset: number, length: number, value: number) =>
    field(offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
  field(0, 100, name);
  octal(100, 8, mode);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, content.length);
  octal(136, 12, Math.floor(Date.now() / 1000));
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512, 0);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024, 0)]);
}
