// Writing a tar archive from a container into the workspace (the Docker Engine's
// `GET /containers/{id}/archive`), treating every byte of it as hostile: nothing lands outside
// the destination folder, nothing is written through a symbolic link, hard links point only at
// files of the same archive, devices and FIFOs are skipped, and a cut archive is an error.
// File bodies are streamed to disk with backpressure, never held whole.
import {
  closeSync,
  constants as fsConstants,
  fchmodSync,
  fstatSync,
  futimesSync,
  lstatSync,
  mkdirSync,
  openSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import * as fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ActionError, oneLine } from '../../errors.js';
import { chunksOf, type ChunkSource } from '../../shared/chunks.js';
import { BLOCK, TarCutError, TarReader, type TarEntry, type TarHeader } from '../../shared/tar-reader.js';

/**
 * The mode bits kept from the archive: permissions and the sticky bit. setuid and setgid are
 * dropped: a container must not hand the runner's user programs that run as that user.
 */
const KEPT_MODE_BITS = 0o1777;

export interface ExtractPlan {
  /** Absolute, real (no symlinks) path of an existing folder the entries land in; the caller has checked it is inside the workspace. */
  into: string;
  /** The relative POSIX path an entry lands at under `into` (the caller's rename rules: e.g. 'data/x' -> 'reports/x'), or null to skip it silently. Called with the entry's name as in the archive, trailing '/' removed. */
  target: (entryName: string) => string | null;
  /** Said once per skipped special entry (device, FIFO, ...): e.g. `skipped data/dev/null: a character device`. */
  warn: (message: string) => void;
  /** Replacing an existing directory with a non-directory, or the reverse, is an error (docker cp's NoOverwriteDirNonDir); default true. */
  noOverwriteDirNonDir?: boolean;
}

export interface ExtractResult {
  /** Regular files written. */
  files: number;
  /** Directory entries of the archive created or kept (not the parents created on the way, not `into` itself). */
  folders: number;
  /** Symbolic and hard links created. */
  links: number;
  /** Bytes of file bodies written. */
  bytes: number;
  /** Special entries skipped with a warning (devices, FIFOs, unknown types); entries `target` maps to null are not counted. */
  skipped: number;
}

/** Go's archive/tar (Docker, Podman) ends an archive with two zero blocks. */
const END_MARKER = 2 * BLOCK;
/** Exclusive create that never follows a symbolic link at the final component. */
const CREATE_FLAGS =
  fsConstants.O_WRONLY |
  fsConstants.O_CREAT |
  fsConstants.O_EXCL |
  ((fsConstants.O_NOFOLLOW as number | undefined) ?? 0);
/** Missing parents are created as docker cp creates them. */
const PARENT_MODE = 0o755;
/** Folders of the archive stay writable (and private) until their own modes are applied at the end. */
const WORKING_DIR_MODE = 0o700;

const SPECIAL: Record<string, string> = {
  'character-device': 'a character device',
  'block-device': 'a block device',
  fifo: 'a FIFO',
};

const quote = (text: string): string => `"${oneLine(text)}"`;
const errorCode = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;
const messageOf = (err: unknown): string => {
  const message = (err as { message?: unknown } | null)?.message;
  return oneLine(typeof message === 'string' ? message : String(err));
};
const fileKey = (stats: Stats): string => `${stats.dev}:${stats.ino}`;

/** A refusal: the entry is hostile or impossible; nothing more is written. */
function refused(entryName: string, reason: string): ActionError {
  return new ActionError(`refused the archive entry ${quote(entryName)}: ${reason}`);
}

/** The archive's source, counted, with its failure kept (told apart from a cut or a bad archive). */
class Feeder implements ChunkSource {
  failed = false;
  error: unknown;

  constructor(private readonly source: ChunkSource) {}

  async next(): Promise<Buffer | null> {
    try {
      return await this.source.next();
    } catch (err) {
      this.failed = true;
      this.error = err;
      throw err;
    }
  }
}

/** An archive being read: chunks (which may be views into a reused buffer), or a Node stream. */
export type ArchiveSource = (ChunkSource & { destroy?: () => void }) | NodeJS.ReadableStream | Readable;

/**
 * Writes the tar stream `archive` under `plan.into`, entry by entry; resolves with what was
 * written, or rejects with an ActionError naming the entry (what was written before it stays).
 * On failure the source is destroyed.
 */
export async function extractSafely(archive: ArchiveSource, plan: ExtractPlan): Promise<ExtractResult> {
  const feeder = new Feeder('next' in archive ? archive : chunksOf(archive));
  const reader = new TarReader(feeder);
  const writer = new Writer(plan);
  try {
    for (;;) {
      let entry: TarEntry | null;
      try {
        entry = await reader.next();
      } catch (err) {
        throw archiveError(err, feeder, null);
      }
      if (!entry) break;
      await writer.entry(entry, feeder);
    }
    let total: number;
    try {
      total = await reader.drain();
    } catch (err) {
      throw archiveError(err, feeder, null);
    }
    if (total - writer.end < END_MARKER) {
      const after = writer.last === null ? 'before its first entry' : `after the entry ${quote(writer.last)}`;
      throw new ActionError(`the archive from the container ended early, ${after} (no end-of-archive marker)`);
    }
    await writer.finishFolders();
    return writer.result;
  } catch (err) {
    const source = archive as { destroy?: (error?: Error) => void };
    if (typeof source.destroy === 'function') source.destroy();
    throw err;
  }
}

/** What went wrong reading the archive: the source failed, it was cut, or it is not a tar stream. */
function archiveError(err: unknown, feeder: Feeder, entryName: string | null): ActionError {
  const where = entryName === null ? '' : ` (in the entry ${quote(entryName)})`;
  if (feeder.failed) {
    if (feeder.error instanceof ActionError) return feeder.error;
    return new ActionError(`could not read the archive from the container${where}: ${messageOf(feeder.error)}`, {
      cause: feeder.error,
    });
  }
  if (err instanceof ActionError) return err;
  if (err instanceof TarCutError) {
    const message =
      entryName === null
        ? 'the archive from the container ended inside an entry header'
        : `the archive from the container ended inside the entry ${quote(entryName)}`;
    return new ActionError(message, { cause: err });
  }
  return new ActionError(`the archive from the container is not a valid tar stream${where}: ${messageOf(err)}`, {
    cause: err,
  });
}

/**
 * Reads an entry's body to its end, handing each chunk to `sink`; archive and disk errors are
 * told apart, and a body shorter than its header says is an error.
 */
async function pump(
  entry: TarEntry,
  feeder: Feeder,
  entryName: string,
  size: number,
  sink: (chunk: Uint8Array) => Promise<void>,
): Promise<number> {
  let bytes = 0;
  for (;;) {
    let chunk: Buffer | null;
    try {
      chunk = await entry.body.next();
    } catch (err) {
      // Mid-body, the extractor fails only when the archive ends (or the source fails).
      if (feeder.failed) throw archiveError(feeder.error, feeder, entryName);
      throw new ActionError(`the archive from the container ended inside the entry ${quote(entryName)}`, {
        cause: err,
      });
    }
    if (!chunk) {
      if (bytes !== size) {
        if (feeder.failed) throw archiveError(feeder.error, feeder, entryName);
        throw new ActionError(`the archive from the container ended inside the entry ${quote(entryName)}`);
      }
      return bytes;
    }
    bytes += chunk.byteLength;
    await sink(chunk);
  }
}

/**
 * The relative path's components, or a refusal: no absolute path, no `..`, no NUL (and on
 * Windows no backslash or drive colon, which would be separators there).
 */
function components(relative: string, entryName: string): string[] {
  if (relative.includes('\0')) throw refused(entryName, 'its name holds a NUL character');
  if (relative.startsWith('/') || path.isAbsolute(relative)) {
    throw refused(entryName, 'its path is absolute: it would be written outside the destination');
  }
  const parts = relative.split('/').filter((part) => part !== '' && part !== '.');
  for (const part of parts) {
    if (part === '..') throw refused(entryName, 'it would be written outside the destination');
    if (process.platform === 'win32' && /[\\:]/.test(part)) {
      throw refused(entryName, 'its name holds a backslash or a colon');
    }
  }
  return parts;
}

interface Folder {
  parts: string[];
  mode: number;
  mtime: Date;
}

class Writer {
  readonly result: ExtractResult = { files: 0, folders: 0, links: 0, bytes: 0, skipped: 0 };
  /** Byte offset where the last entry's data ends (the end-of-archive marker follows). */
  end = 0;
  /** The last entry's name, for the message when the end marker is missing. */
  last: string | null = null;
  private readonly noOverwriteDirNonDir: boolean;
  /** Files and hard links this extraction wrote, by relative path: their device and inode. */
  private readonly written = new Map<string, string>();
  /** Folders of the archive, by relative path: their modes and mtimes are applied at the end. */
  private readonly folders = new Map<string, Folder>();
  /**
   * Folders this extraction made or found to be real folders (no link), by relative path: not
   * checked again for every entry below them. Only this extraction replaces anything under
   * `into`, and it never turns a folder into a link (a folder is kept, or, without
   * noOverwriteDirNonDir, removed: then it leaves this set).
   */
  private readonly checkedFolders = new Set<string>();

  constructor(private readonly plan: ExtractPlan) {
    this.noOverwriteDirNonDir = plan.noOverwriteDirNonDir ?? true;
  }

  async entry(entry: TarEntry, feeder: Feeder): Promise<void> {
    const header = entry.header;
    const name = header.name;
    const isDir = header.type === 'directory';
    // The body follows the header (a directory has none, whatever its size says).
    const size = isDir || !(header.size > 0) ? 0 : header.size;
    this.end = entry.offset + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    this.last = name;
    const consumed = await this.place(entry, feeder, size);
    // Whatever was not read (skipped entries, links with a body): read to its end.
    if (!consumed && !isDir) await pump(entry, feeder, name, size, async () => undefined);
  }

  /** Writes the entry (or skips it); true when it read the body. */
  private async place(entry: TarEntry, feeder: Feeder, size: number): Promise<boolean> {
    const header = entry.header;
    const name = header.name;
    // The archive's own name first: a hostile name is refused whatever the rename rules do with it.
    components(name, name);
    const target = this.plan.target(name.replace(/\/+$/, ''));
    if (target === null) return false;
    const parts = components(target, name);
    const relative = parts.join('/');
    const type = header.type as string | null;
    if (
      type !== 'file' &&
      type !== 'contiguous-file' &&
      type !== 'directory' &&
      type !== 'symlink' &&
      type !== 'link'
    ) {
      const what = (type && SPECIAL[type]) ?? `an entry of unknown type${type ? ` (${oneLine(type)})` : ''}`;
      this.plan.warn(`skipped ${oneLine(name)}: ${what}`);
      this.result.skipped++;
      return false;
    }
    if (parts.length === 0) {
      // The destination folder itself (`./` when the source ends in `/.`): kept as it is.
      if (type === 'directory') return false;
      throw refused(name, 'it would replace the destination folder itself');
    }
    try {
      if (type === 'link') {
        await this.hardLink(header, name, parts);
        return false;
      }
      await this.parents(parts, name);
      const absolute = path.join(this.plan.into, ...parts);
      const existing = await this.clear(absolute, relative, type === 'directory', name);
      this.written.delete(relative);
      if (type === 'directory') {
        if (existing === null) mkdirSync(absolute, { mode: WORKING_DIR_MODE });
        this.checkedFolders.add(relative);
        this.folders.set(relative, { parts, mode: header.mode & KEPT_MODE_BITS, mtime: header.mtime });
        this.result.folders++;
      } else if (type === 'symlink') {
        if (!header.linkname) throw refused(name, 'a symbolic link with an empty target');
        await fsp.symlink(header.linkname, absolute);
        if (validTime(header.mtime) && typeof fsp.lutimes === 'function') {
          await fsp.lutimes(absolute, new Date(), header.mtime);
        }
        this.result.links++;
      } else {
        await this.file(entry, feeder, size, absolute, relative);
        return true;
      }
      return false;
    } catch (err) {
      if (err instanceof ActionError) throw err;
      throw new ActionError(
        `could not write the archive entry ${quote(name)} to ${quote(relative)}: ${messageOf(err)}`,
        {
          cause: err,
        },
      );
    }
  }

  /** Streams the body into a file created exclusively (never through a link), then sets its mode and mtime. */
  private async file(entry: TarEntry, feeder: Feeder, size: number, absolute: string, relative: string): Promise<void> {
    const header = entry.header;
    // Synchronous writes: the body arrives in chunks of the archive stream, which waits for
    // each (its backpressure), and a page-cache write costs less than a thread-pool hop.
    const fd = openSync(absolute, CREATE_FLAGS, 0o600);
    try {
      const bytes = await pump(entry, feeder, header.name, size, async (chunk) => {
        for (let offset = 0; offset < chunk.byteLength;) {
          offset += writeSync(fd, chunk, offset, chunk.byteLength - offset);
        }
      });
      fchmodSync(fd, header.mode & KEPT_MODE_BITS);
      if (validTime(header.mtime)) futimesSync(fd, new Date(), header.mtime);
      this.written.set(relative, fileKey(fstatSync(fd)));
      this.result.files++;
      this.result.bytes += bytes;
    } finally {
      closeSync(fd);
    }
  }

  /** A hard link, only to a regular file this extraction wrote (checked by path, type and inode). */
  private async hardLink(header: TarHeader, name: string, parts: string[]): Promise<void> {
    const linkname = header.linkname ?? '';
    const notOurs = (): ActionError =>
      refused(name, `a hard link to ${quote(linkname)}, which is not a file of this archive`);
    let sourceParts: string[];
    try {
      components(linkname, name);
      const renamed = this.plan.target(linkname.replace(/\/+$/, ''));
      if (renamed === null) throw notOurs();
      sourceParts = components(renamed, name);
    } catch (err) {
      if (err instanceof ActionError) throw notOurs();
      throw err;
    }
    const sourceRelative = sourceParts.join('/');
    const known = this.written.get(sourceRelative);
    const stats = sourceParts.length === 0 ? null : this.existing(sourceParts);
    if (known === undefined || stats === null || !stats.isFile() || fileKey(stats) !== known) throw notOurs();

    const relative = parts.join('/');
    await this.parents(parts, name);
    const absolute = path.join(this.plan.into, ...parts);
    await this.clear(absolute, relative, false, name);
    await fsp.link(path.join(this.plan.into, ...sourceParts), absolute);
    this.written.set(relative, known);
    this.result.links++;
  }

  /**
   * Checks every component between `into` and the entry's parent with lstat: a symbolic link is
   * refused, a missing folder is created, anything else that is not a folder is refused.
   */
  private async parents(parts: string[], name: string): Promise<void> {
    let current = this.plan.into;
    for (let i = 0; i < parts.length - 1; i++) {
      current = path.join(current, parts[i]);
      const relative = parts.slice(0, i + 1).join('/');
      if (this.checkedFolders.has(relative)) continue;
      // Synchronous: thousands of small entries each wait on these calls in turn, and a hop
      // through libuv's thread pool per call tripled the time of 10,000 small files.
      let stats = lstatOrNullSync(current);
      if (stats === null) {
        try {
          mkdirSync(current, { mode: PARENT_MODE });
        } catch (err) {
          if (errorCode(err) !== 'EEXIST') throw err;
        }
        stats = lstatSync(current);
      }
      if (stats.isSymbolicLink()) {
        throw refused(name, `it would be written through the symbolic link ${quote(relative)}`);
      }
      if (!stats.isDirectory()) throw refused(name, `${quote(relative)} is not a folder`);
      this.checkedFolders.add(relative);
    }
  }

  /** The lstat of an existing path reached through folders only (no symbolic link on the way), or null. */
  private existing(parts: string[]): Stats | null {
    let current = this.plan.into;
    for (let i = 0; i < parts.length; i++) {
      current = path.join(current, parts[i]);
      const stats = lstatOrNullSync(current);
      if (stats === null) return null;
      if (i === parts.length - 1) return stats;
      if (!stats.isDirectory()) return null;
    }
    return null;
  }

  /**
   * Makes room for the entry at its final component: an existing folder is kept for a folder,
   * anything else is removed (a symbolic link is unlinked, never followed), unless that would
   * replace a folder with a non-folder or the reverse while noOverwriteDirNonDir holds.
   */
  private async clear(absolute: string, relative: string, isDir: boolean, name: string): Promise<Stats | null> {
    const stats = lstatOrNullSync(absolute);
    if (stats === null) return null;
    if (stats.isDirectory()) {
      if (isDir) return stats;
      if (this.noOverwriteDirNonDir) {
        throw refused(name, `cannot overwrite the directory ${quote(relative)} with a non-directory`);
      }
      await fsp.rm(absolute, { recursive: true, force: true });
      for (const folder of [...this.checkedFolders]) {
        if (folder === relative || folder.startsWith(`${relative}/`)) this.checkedFolders.delete(folder);
      }
      return null;
    }
    if (isDir && this.noOverwriteDirNonDir) {
      throw refused(name, `cannot overwrite the non-directory ${quote(relative)} with a directory`);
    }
    unlinkSync(absolute);
    return null;
  }

  /** Folders' modes and mtimes, deepest first, once nothing more is written into them. */
  async finishFolders(): Promise<void> {
    const folders = [...this.folders.entries()].sort(([, a], [, b]) => b.parts.length - a.parts.length);
    for (const [relative, folder] of folders) {
      const stats = this.existing(folder.parts);
      // Replaced since (only possible without noOverwriteDirNonDir): leave whatever is there.
      if (stats === null || !stats.isDirectory()) continue;
      const absolute = path.join(this.plan.into, ...folder.parts);
      try {
        await fsp.chmod(absolute, folder.mode);
        if (validTime(folder.mtime)) await fsp.utimes(absolute, new Date(), folder.mtime);
      } catch (err) {
        throw new ActionError(`could not set the mode and time of the folder ${quote(relative)}: ${messageOf(err)}`, {
          cause: err,
        });
      }
    }
  }
}

function validTime(date: Date | undefined): date is Date {
  return date instanceof Date && Number.isFinite(date.getTime());
}

function lstatOrNullSync(absolute: string): Stats | null {
  try {
    return lstatSync(absolute);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return null;
    throw err;
  }
}
