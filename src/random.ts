// Random hex for markers and tokens, read from /dev/urandom where there is one: loading
// node:crypto costs ~8 ms of start-up (the bundle loads it on first use, see
// scripts/build.mjs), and these are needed before the command starts.
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

export function randomHex(bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  let fd: number | undefined;
  try {
    fd = openSync('/dev/urandom', 'r');
    if (readSync(fd, buffer, 0, bytes, null) === bytes) return buffer.toString('hex');
  } catch {
    // no /dev/urandom (Windows): node:crypto, below
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return randomBytes(bytes).toString('hex');
}
