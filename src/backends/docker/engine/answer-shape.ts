// The fields the action reads from the engine's JSON answers, checked where they arrive. An
// engine whose API renamed or dropped one (a newer Docker, another engine) gets one clear line
// naming the field, not a TypeError deep in the run. Requests are unversioned, so the engine
// answers in its own API version; these are the fields every version from 1.41 (Docker 20.10,
// Podman 4) to 1.51 (Docker 28.5) has. Pure: no I/O.
import { ActionError } from '../../../errors.js';

type Kind =
  'string' | 'boolean' | 'number' | 'object' | 'array' | 'number|null' | 'string|undefined' | 'object|undefined';

/** Container inspect (GET /containers/{id}/json). */
export const CONTAINER_FIELDS: Array<[string, Kind]> = [
  ['Id', 'string'],
  ['Name', 'string'],
  ['State', 'object'],
  ['State.Status', 'string'],
  ['State.Running', 'boolean'],
  ['State.Paused', 'boolean'],
  ['State.Restarting', 'boolean'],
  ['State.ExitCode', 'number'],
  ['Config', 'object'],
  ['Config.Image', 'string'],
];

/** Exec inspect (GET /exec/{id}/json): ExitCode is null while the engine does not know it. */
export const EXEC_FIELDS: Array<[string, Kind]> = [
  ['Running', 'boolean'],
  ['ExitCode', 'number|null'],
];

/** One entry of the container list (GET /containers/json). */
export const LISTING_FIELDS: Array<[string, Kind]> = [
  ['Id', 'string'],
  ['Names', 'array'],
  ['State', 'string'],
  ['Labels', 'object|undefined'],
];

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function fits(value: unknown, kind: Kind): boolean {
  return kind
    .split('|')
    .some((k) => (k === 'null' ? value === null : kindOf(value) === k) || (k === 'undefined' && value == null));
}

function unreadable(what: string, name: string, kind: string, value: unknown, engine?: string): ActionError {
  const got = value === undefined ? 'nothing' : `${kindOf(value)} ${JSON.stringify(value)?.slice(0, 40)}`;
  return new ActionError(
    `the engine${engine ? ` (${engine})` : ''} answered ${what} without ${name} (${kind} expected, got ${got}): its API answers in a form this action does not read`,
  );
}

/**
 * Returns `answer` when it is an object whose every field has its kind; otherwise throws an
 * ActionError that names the first field that does not, what came instead, and the engine
 * (`engine`: its name and API version, when known).
 */
export function checkAnswer<T>(answer: unknown, fields: Array<[string, Kind]>, what: string, engine?: string): T {
  if (kindOf(answer) !== 'object') throw unreadable(what, 'a JSON object', 'object', answer, engine);
  for (const [field, kind] of fields) {
    const value = field
      .split('.')
      .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], answer);
    if (!fits(value, kind)) throw unreadable(what, `the field ${field}`, kind, value, engine);
  }
  return answer as T;
}

/** The same for a list: an array whose every entry passes checkAnswer. */
export function checkList<T>(answer: unknown, fields: Array<[string, Kind]>, what: string, engine?: string): T[] {
  if (!Array.isArray(answer)) throw unreadable(what, 'a JSON array', 'array', answer, engine);
  return answer.map((entry) => checkAnswer<T>(entry, fields, what, engine));
}
