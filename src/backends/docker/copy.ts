// Files into the container before the command (copy-in) and out of it after (copy-out), with
// `docker cp`'s rules for what lands where (docker/cli cli/command/container/cp.go and moby's
// pkg/archive copy.go, PrepareArchiveCopy): a folder SRC lands as DEST/SRC, SRC/. as its
// contents; an existing folder DEST receives, a missing DEST is created; a file onto a file
// replaces it; a folder onto a file, or a file onto a missing DEST/ is an error. Where this
// action differs from docker cp, for workflows: missing parent folders are created (docker cp
// refuses them), and files copied in belong to root, or to `user` when it is set (docker cp
// keeps the runner's own uid and gid, which mean nothing in the container).
// Both directions stream: no file is held whole in memory.
import * as core from '@actions/core';
import { lstatSync, mkdirSync, readdirSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { pack, type Pack } from 'tar-stream';
import { ActionError } from '../../errors.js';
import { ReusedBuffers } from '../../shared/reused-buffers.js';
import { TarReader } from '../../shared/tar-reader.js';
import type { CopyIn, CopyOut } from '../../inputs/copy.js';
import { containerPath, isInside } from '../../inputs/copy.js';
import { formatDuration } from '../../inputs/duration.js';
import { EngineError, type Engine, type PathStat } from './engine/engine.js';
import { extractSafely } from './extract.js';

export interface CopyTally {
  files: number;
  folders: number;
  links: number;
  bytes: number;
}

const posix = path.posix;

/** "12 files, 1 folder, 2 links, 34.5 KiB" */
function describeTally(t: CopyTally): string {
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const size =
    t.bytes < 1024
      ? `${t.bytes} bytes`
      : t.bytes < 1024 ** 2
        ? `${(t.bytes / 1024).toFixed(1)} KiB`
        : `${(t.bytes / 1024 ** 2).toFixed(1)} MiB`;
  return [n(t.files, 'file'), n(t.folders, 'folder'), ...(t.links ? [n(t.links, 'link')] : []), size].join(', ');
}

/** The path without a trailing `/` or `/.` (kept apart: they carry docker cp's meaning). */
function bare(p: string): string {
  const trimmed = p.replace(/\/\.$/, '').replace(/\/+$/, '');
  return trimmed || '/';
}

// ---------------------------------------------------------------------------------------------
// Ownership in the container

/** uid and gid for `user` (name|uid[:group|gid]) from the container's /etc/passwd and /etc/group. */
export async function ownerInContainer(
  engine: Engine,
  containerId: string,
  user: string | undefined,
): Promise<{ uid: number; gid: number }> {
  if (!user) return { uid: 0, gid: 0 };
  const [userPart, groupPart] = user.split(':', 2);
  const passwd = await readSmallFile(engine, containerId, '/etc/passwd');
  const entry = passwd
    ?.split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === userPart || (/^\d+$/.test(userPart) && fields[2] === userPart));
  let uid: number;
  let gid: number;
  if (entry) {
    uid = Number(entry[2]);
    gid = Number(entry[3]);
  } else if (/^\d+$/.test(userPart)) {
    uid = Number(userPart);
    gid = 0;
  } else {
    throw new ActionError(
      `copy-in: the user ${userPart} is not in the container's /etc/passwd, so its files cannot be given to it`,
    );
  }
  if (groupPart !== undefined) {
    if (/^\d+$/.test(groupPart)) gid = Number(groupPart);
    else {
      const groups = await readSmallFile(engine, containerId, '/etc/group');
      const group = groups
        ?.split('\n')
        .map((line) => line.split(':'))
        .find((fields) => fields[0] === groupPart);
      if (!group) throw new ActionError(`copy-in: the group ${groupPart} is not in the container's /etc/group`);
      gid = Number(group[2]);
    }
  }
  return { uid, gid };
}

/** A small file of the container, or undefined when it is not there. */
async function readSmallFile(engine: Engine, containerId: string, file: string): Promise<string | undefined> {
  let archive;
  try {
    ({ archive } = await engine.getArchive(containerId, file));
  } catch (error) {
    if (error instanceof EngineError && error.statusCode === 404) return undefined;
    throw error;
  }
  const chunks: Buffer[] = [];
  try {
    const entry = await new TarReader(archive).next();
    for (let chunk = await entry?.body.next(); chunk; chunk = await entry?.body.next()) chunks.push(Buffer.from(chunk));
  } finally {
    archive.destroy();
  }
  return Buffer.concat(chunks).toString('utf8');
}

// ---------------------------------------------------------------------------------------------
// copy-in

/** A stat of the container path, following it once when it is a symbolic link (as docker cp). */
async function statFollowing(
  engine: Engine,
  containerId: string,
  target: string,
): Promise<{ path: string; stat?: PathStat }> {
  const stat = await engine.statPath(containerId, target);
  if (!stat?.isSymlink) return { path: target, stat };
  const linked = stat.linkTarget.startsWith('/')
    ? stat.linkTarget
    : posix.join(posix.dirname(bare(target)), stat.linkTarget);
  return { path: linked, stat: await engine.statPath(containerId, linked) };
}

interface Upload {
  /** The existing folder of the container the archive is written into. */
  at: string;
  /** Folders to create first, relative to `at`, outermost first. */
  create: string[];
  /** The name the source's top entry gets (relative to `at`); undefined: its contents go into `at`. */
  top?: string;
}

async function planUpload(engine: Engine, containerId: string, entry: CopyIn, sourceIsDir: boolean): Promise<Upload> {
  const dest = containerPath(entry.destination);
  const contentsOnly = sourceIsDir && /\/\.$/.test(entry.source);
  const { path: resolved, stat } = await statFollowing(engine, containerId, dest);
  const where = `copy-in line ${entry.line}`;
  if (stat?.isDir) {
    const at = bare(resolved);
    return contentsOnly ? { at, create: [] } : { at, create: [], top: path.basename(entry.sourcePath) };
  }
  if (stat && sourceIsDir) {
    throw new ActionError(`${where}: cannot copy the folder ${entry.source} onto ${dest}, a file in the container`);
  }
  if (!stat && !sourceIsDir && /\/\.?$/.test(entry.destination)) {
    throw new ActionError(
      `${where}: the folder ${dest} does not exist in the container (a trailing / asks for an existing folder)`,
    );
  }
  // DEST is a file to replace, or does not exist: the source lands as DEST, in its parent,
  // made first where missing (the nearest existing ancestor receives the archive).
  const target = bare(resolved);
  let parent = posix.dirname(target);
  const create: string[] = [];
  for (;;) {
    const found = await engine.statPath(containerId, parent);
    if (found?.isDir || (found?.isSymlink && (await statFollowing(engine, containerId, parent)).stat?.isDir)) break;
    if (found)
      throw new ActionError(`${where}: ${parent} is a file in the container, not a folder, so ${dest} cannot be made`);
    create.unshift(posix.basename(parent));
    parent = posix.dirname(parent);
  }
  const relative = create.map((_, i) => create.slice(0, i + 1).join('/'));
  const prefix = create.join('/');
  return {
    at: parent,
    create: relative,
    top: prefix ? `${prefix}/${posix.basename(target)}` : posix.basename(target),
  };
}

/** One read of a file being copied in: large reads keep system calls few. */
const READ_BYTES = 256 * 1024;
/** Reads in flight between the disk and the engine's connection (the backpressure). */
const READS_IN_FLIGHT = 4;

/**
 * Writes one entry's file body into the pack, read into `buffers`: each goes back to them once
 * the engine's connection took it (putArchive's `sent`), so the file's bytes leave no garbage.
 */
async function addFile(
  archive: Pack,
  header: Parameters<Pack['entry']>[0],
  file: string,
  buffers: ReusedBuffers,
): Promise<void> {
  const unreadable = (error: unknown) =>
    new ActionError(`copy-in: could not read ${file}: ${(error as Error).message}`, { cause: error });
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw unreadable(error);
  }
  let sink!: ReturnType<Pack['entry']>;
  const packed = new Promise<void>((resolve, reject) => {
    sink = archive.entry(header, (error) => (error ? reject(error) : resolve()));
  });
  try {
    for (;;) {
      const buffer = await buffers.take();
      let bytesRead;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
      } catch (error) {
        buffers.giveBack(buffer);
        sink.destroy(error as Error);
        throw unreadable(error);
      }
      if (bytesRead === 0) {
        buffers.giveBack(buffer);
        break;
      }
      if (!sink.write(buffer.subarray(0, bytesRead)))
        await new Promise<void>((resolve) => {
          sink.once('drain', () => resolve());
          sink.once('close', () => resolve());
        });
    }
    // streamx's end() takes an optional last chunk; its types ask for one.
    sink.end(undefined);
  } finally {
    await handle.close();
  }
  await packed;
}

/** Packs the source tree (links as links, never followed) under the upload's names. */
async function packTree(
  archive: Pack,
  entry: CopyIn,
  upload: Upload,
  owner: { uid: number; gid: number },
  tally: CopyTally,
  buffers: ReusedBuffers,
): Promise<void> {
  const base = { uid: owner.uid, gid: owner.gid, uname: '', gname: '' };
  for (const folder of upload.create) {
    archive.entry({ ...base, name: folder, type: 'directory', mode: 0o755, mtime: new Date() });
    tally.folders++;
  }
  const add = async (local: string, name: string, stat: Stats): Promise<void> => {
    const header = { ...base, name, mode: stat.mode & 0o7777, mtime: stat.mtime };
    if (stat.isSymbolicLink()) {
      archive.entry({ ...header, type: 'symlink', linkname: readlinkSync(local) });
      tally.links++;
    } else if (stat.isDirectory()) {
      archive.entry({ ...header, type: 'directory' });
      tally.folders++;
      await addChildren(local, name);
    } else if (stat.isFile()) {
      await addFile(archive, { ...header, type: 'file', size: stat.size }, local, buffers);
      tally.files++;
      tally.bytes += stat.size;
    } else {
      core.warning(`copy-in: skipped ${local}: not a file, folder or link`);
    }
  };
  const addChildren = async (local: string, name: string): Promise<void> => {
    for (const child of readdirSync(local).sort()) {
      await add(path.join(local, child), name ? `${name}/${child}` : child, lstatSync(path.join(local, child)));
    }
  };
  const stat = lstatSync(entry.sourcePath);
  if (upload.top === undefined) await addChildren(entry.sourcePath, '');
  else await add(entry.sourcePath, upload.top, stat);
  archive.finalize();
}

/** Copies each copy-in entry into the container, one after the other. */
export async function copyIn(
  engine: Engine,
  containerId: string,
  entries: CopyIn[],
  user: string | undefined,
): Promise<number> {
  if (!entries.length) return 0;
  const owner = await ownerInContainer(engine, containerId, user);
  let total = 0;
  for (const entry of entries) {
    const started = Date.now();
    const sourceStat = lstatSync(entry.sourcePath);
    if (/\/\.?$/.test(entry.source) && !sourceStat.isDirectory()) {
      throw new ActionError(`copy-in line ${entry.line}: ${entry.source} is not a folder`);
    }
    const upload = await planUpload(engine, containerId, entry, sourceStat.isDirectory());
    const tally: CopyTally = { files: 0, folders: 0, links: 0, bytes: 0 };
    const archive = pack();
    const buffers = new ReusedBuffers(READS_IN_FLIGHT, READ_BYTES);
    const packing = packTree(archive, entry, upload, owner, tally, buffers).catch((error: Error) => {
      archive.destroy(error);
      throw error;
    });
    const sending = engine.putArchive(containerId, upload.at, archive as AsyncIterable<Uint8Array>, true, (chunk) =>
      buffers.giveBack(chunk),
    );
    await Promise.all([packing, sending]);
    total += tally.bytes;
    core.info(
      `Copied in ${entry.source} -> ${entry.destination}: ${describeTally(tally)} in ${formatDuration(Date.now() - started)}`,
    );
  }
  return total;
}

// ---------------------------------------------------------------------------------------------
// copy-out

interface Landing {
  /** The existing local folder the entries are written into (real path, in the workspace). */
  into: string;
  /** The name the archive's top entry gets; undefined: its contents go straight into `into`. */
  top?: string;
}

function localStat(file: string): Stats | undefined {
  try {
    return lstatSync(file);
  } catch {
    return undefined;
  }
}

/** Makes the folder (and missing parents) inside the workspace; an existing link on the way must stay inside it. */
function makeFolder(folder: string, workspace: string, where: string): string {
  let existing = folder;
  while (!localStat(existing)) existing = path.dirname(existing);
  const real = realpathSync(existing);
  if (!isInside(workspace, real))
    throw new ActionError(`${where}: ${existing} leads out of the workspace (to ${real})`);
  if (!lstatSync(real).isDirectory()) throw new ActionError(`${where}: ${existing} is a file, not a folder`);
  const made = path.join(real, path.relative(existing, folder));
  mkdirSync(made, { recursive: true });
  return made;
}

function planLanding(entry: CopyOut, stat: PathStat, workspace: string): Landing {
  const where = `copy-out line ${entry.line}`;
  const contentsOnly = stat.isDir && /\/\.$/.test(entry.source);
  let destination = entry.destinationPath;
  const found = localStat(destination);
  if (found?.isSymbolicLink()) {
    destination = realpathSync(destination);
    if (!isInside(workspace, destination)) {
      throw new ActionError(
        `${where}: ${entry.destination} is a symbolic link out of the workspace (to ${destination})`,
      );
    }
  }
  const existing = localStat(destination);
  if (existing?.isDirectory())
    return { into: makeFolder(destination, workspace, where), top: contentsOnly ? undefined : stat.name };
  if (existing && stat.isDir) {
    throw new ActionError(
      `${where}: cannot copy the folder ${entry.source} onto ${entry.destination}, a file in the workspace`,
    );
  }
  if (!existing && !stat.isDir && /\/\.?$/.test(entry.destination)) {
    throw new ActionError(
      `${where}: the folder ${entry.destination} does not exist in the workspace (a trailing / asks for an existing folder)`,
    );
  }
  return { into: makeFolder(path.dirname(destination), workspace, where), top: path.basename(destination) };
}

/** Copies each copy-out entry out of the container into the workspace. */
export async function copyOut(
  engine: Engine,
  containerId: string,
  containerName: string,
  entries: CopyOut[],
  workspace: string,
): Promise<number> {
  const root = realpathSync(workspace);
  let total = 0;
  for (const entry of entries) {
    const started = Date.now();
    const source = containerPath(entry.source);
    const found = await engine.statPath(containerId, source);
    if (!found)
      throw new ActionError(`copy-out line ${entry.line}: ${source} does not exist in the container ${containerName}`);
    if (/\/\.?$/.test(entry.source) && !found.isDir) {
      throw new ActionError(`copy-out line ${entry.line}: ${source} is not a folder in the container`);
    }
    // Where it lands is settled before the archive is asked for, so a refusal leaves no
    // response half read.
    const landing = planLanding(entry, found, root);
    const { stat, archive } = await engine.getArchive(containerId, source);
    const first = stat.name;
    const where = `copy-out line ${entry.line}`;
    const tally = await extractSafely(archive, {
      into: landing.into,
      target: (name) => {
        // Docker names a `/.` path's entries `./x`; Podman names them `x`, as the folder's own.
        const rest =
          name === first
            ? ''
            : name.startsWith(`${first}/`)
              ? name.slice(first.length + 1)
              : first === '.'
                ? name
                : undefined;
        // The engine names every entry from the path asked for; anything else is not its.
        if (rest === undefined) {
          throw new ActionError(
            `refused the archive entry "${name}": it is not under ${first}, the path that was asked for`,
          );
        }
        if (landing.top === undefined) return rest || null;
        return rest ? `${landing.top}/${rest}` : landing.top;
      },
      warn: (message) => core.warning(`${where}: ${message}`),
    }).catch((error: unknown) => {
      // Every refusal says which entry of the input it came from.
      throw error instanceof ActionError ? new ActionError(`${where}: ${error.message}`, { cause: error }) : error;
    });
    total += tally.bytes;
    core.info(
      `Copied out ${entry.source} -> ${entry.destination}: ${describeTally(tally)} in ${formatDuration(Date.now() - started)}`,
    );
  }
  return total;
}

/**
 * copy-out after the command has ended (succeeded, failed or timed out): the bytes copied, or
 * why it failed in one line (the step then fails; what the command did is reported apart).
 */
export async function copyOutAfterCommand(
  engine: Engine,
  containerId: string,
  containerName: string,
  entries: CopyOut[],
  workspace: string,
): Promise<{ bytes: number } | { failure: string }> {
  try {
    return { bytes: await copyOut(engine, containerId, containerName, entries, workspace) };
  } catch (error) {
    if (!(error instanceof ActionError)) throw error;
    return { failure: error.message };
  }
}
