// The copy-in and copy-out inputs: one `SOURCE:DESTINATION` entry per line, a workspace path
// on one side and a container path on the other, as `docker cp` takes them. Workspace paths
// are relative to GITHUB_WORKSPACE and must stay inside it; container paths are absolute, or
// relative to the container's root, as docker cp reads them.
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../errors.js';

export interface CopyEntry {
  /** 1-based line of the input, for messages. */
  line: number;
  /** As written in the input (a trailing `/` or `/.` matters to docker cp's rules). */
  source: string;
  destination: string;
}

export interface CopyIn extends CopyEntry {
  /** The source in the workspace, resolved (its last part is not followed if it is a link). */
  sourcePath: string;
}

export interface CopyOut extends CopyEntry {
  /** The destination in the workspace, resolved lexically (it may not exist yet). */
  destinationPath: string;
}

/** The lines of an entry list: blank lines and lines starting with # are skipped. */
function entries(name: string, text: string): CopyEntry[] {
  const found: CopyEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const [source, destination] = colon < 0 ? ['', ''] : [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    if (!source || !destination) {
      throw new InputError(
        name,
        `line ${index + 1} ('${line}') is not SOURCE:DESTINATION: give one entry per line, e.g. ${name === 'copy-in' ? 'db/migrations:/migrations' : '/var/log/app.log:logs/app.log'}`,
      );
    }
    found.push({ line: index + 1, source, destination });
  });
  return found;
}

/** The container path as the engine should get it: absolute, its trailing `/` or `/.` kept. */
export function containerPath(value: string): string {
  return value.startsWith('/') ? value : `/${value}`;
}

/** Whether `inner` is `outer` or inside it (both absolute and normalized). */
export function isInside(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The workspace's real path: the one every resolved path is checked against. */
function realWorkspace(workspace: string): string {
  return existsSync(workspace) ? realpathSync(workspace) : path.resolve(workspace);
}

/**
 * copy-in: each source must exist in the workspace now, before anything runs. Its folders are
 * resolved (a link among them must not lead out of the workspace); the source itself, when it
 * is a symbolic link, is copied as the link, so it is not followed, unless the entry asks for
 * what is behind it (a trailing `/` or `/.`).
 */
export function parseCopyIn(text: string, workspace: string): CopyIn[] {
  const root = realWorkspace(workspace);
  return entries('copy-in', text).map((entry) => {
    const lexical = path.resolve(root, entry.source);
    if (!isInside(root, lexical)) {
      throw new InputError(
        'copy-in',
        `line ${entry.line}: ${entry.source} is outside the workspace (${root}): copy only files of the workspace`,
      );
    }
    const follow = /\/\.?$/.test(entry.source);
    let sourcePath: string;
    try {
      sourcePath = follow
        ? realpathSync(lexical)
        : path.join(realpathSync(path.dirname(lexical)), path.basename(lexical));
      lstatSync(sourcePath);
    } catch {
      throw new InputError(
        'copy-in',
        `line ${entry.line}: ${entry.source} does not exist in the workspace (looked for ${lexical})`,
      );
    }
    if (!isInside(root, sourcePath)) {
      throw new InputError(
        'copy-in',
        `line ${entry.line}: ${entry.source} leads out of the workspace through a symbolic link (to ${sourcePath})`,
      );
    }
    return { ...entry, sourcePath };
  });
}

/** copy-out: each destination must resolve inside the workspace. */
export function parseCopyOut(text: string, workspace: string): CopyOut[] {
  const root = realWorkspace(workspace);
  return entries('copy-out', text).map((entry) => {
    const destinationPath = path.resolve(root, entry.destination);
    if (!isInside(root, destinationPath)) {
      throw new InputError(
        'copy-out',
        `line ${entry.line}: ${entry.destination} is outside the workspace (${root}): copy only into the workspace`,
      );
    }
    return { ...entry, destinationPath };
  });
}
