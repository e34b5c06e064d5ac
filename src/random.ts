// Random hex for markers, script names and the guard's token.
import { randomBytes } from 'node:crypto';

export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
