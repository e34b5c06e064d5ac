export const id = 479;
export const ids = [479];
export const modules = {

/***/ 1479:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  copyIn: () => (/* binding */ copyIn),
  copyOut: () => (/* binding */ copyOut),
  copyOutAfterCommand: () => (/* binding */ copyOutAfterCommand),
  ownerInContainer: () => (/* binding */ ownerInContainer)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(3838);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __webpack_require__(8474);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(6118);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/memory.ts + 2 modules
var memory = __webpack_require__(8547);
// EXTERNAL MODULE: ./src/inputs/copy.ts
var copy = __webpack_require__(3684);
// EXTERNAL MODULE: ./src/inputs/duration.ts
var duration = __webpack_require__(1601);
// EXTERNAL MODULE: ./src/backends/docker/engine/engine.ts + 8 modules
var engine_engine = __webpack_require__(2364);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/backends/docker/extract.ts
// Writing a tar archive from a container into the workspace (the Docker Engine's
// `GET /containers/{id}/archive`), treating every byte of it as hostile: nothing lands outside
// the destination folder, nothing is written through a symbolic link, hard links point only at
// files of the same archive, devices and FIFOs are skipped, and a cut archive is an error.
// File bodies are streamed to disk with backpressure, never held whole.






/**
 * The mode bits kept from the archive: permissions and the sticky bit. setuid and setgid are
 * dropped: a container must not hand the runner's user programs that run as that user.
 */
const KEPT_MODE_BITS = 0o1777;
const BLOCK = 512;
/** Go's archive/tar (Docker, Podman) ends an archive with two zero blocks. */
const END_MARKER = 2 * BLOCK;
/** Exclusive create that never follows a symbolic link at the final component. */
const CREATE_FLAGS = external_node_fs_.constants.O_WRONLY |
    external_node_fs_.constants.O_CREAT |
    external_node_fs_.constants.O_EXCL |
    (external_node_fs_.constants.O_NOFOLLOW ?? 0);
/** Missing parents are created as docker cp creates them. */
const PARENT_MODE = 0o755;
/** Folders of the archive stay writable (and private) until their own modes are applied at the end. */
const WORKING_DIR_MODE = 0o700;
const SPECIAL = {
    'character-device': 'a character device',
    'block-device': 'a block device',
    fifo: 'a FIFO',
};
const quote = (text) => `"${(0,errors/* oneLine */.TN)(text)}"`;
const errorCode = (err) => err?.code;
const messageOf = (err) => {
    const message = err?.message;
    return (0,errors/* oneLine */.TN)(typeof message === 'string' ? message : String(err));
};
const fileKey = (stats) => `${stats.dev}:${stats.ino}`;
/** A refusal: the entry is hostile or impossible; nothing more is written. */
function refused(entryName, reason) {
    return new errors/* ActionError */.lZ(`refused the archive entry ${quote(entryName)}: ${reason}`);
}
/**
 * Writes the tar stream `archive` under `plan.into`, entry by entry; resolves with what was
 * written, or rejects with an ActionError naming the entry (what was written before it stays).
 * On failure the source stream is destroyed.
 */
async function extractSafely(archive, plan) {
    const extractor = (0,tar_stream.extract)();
    const feeder = feed(archive, extractor);
    const writer = new Writer(plan);
    const entries = extractor[Symbol.asyncIterator]();
    try {
        for (;;) {
            let step;
            try {
                step = await entries.next();
            }
            catch (err) {
                throw archiveError(err, feeder, null);
            }
            if (step.done)
                break;
            await writer.entry(step.value, feeder);
        }
        await feeder.done;
        if (feeder.failed)
            throw archiveError(feeder.error, feeder, null);
        if (feeder.bytes - writer.end < END_MARKER) {
            const after = writer.last === null ? 'before its first entry' : `after the entry ${quote(writer.last)}`;
            throw new errors/* ActionError */.lZ(`the archive from the container ended early, ${after} (no end-of-archive marker)`);
        }
        await writer.finishFolders();
        return writer.result;
    }
    catch (err) {
        extractor.destroy();
        const source = archive;
        if (typeof source.destroy === 'function')
            source.destroy();
        feeder.done.catch(() => undefined);
        throw err;
    }
}
/** Pumps the Node stream into the extractor, waiting whenever the extractor is backed up. */
function feed(source, sink) {
    const feeder = { done: Promise.resolve(), bytes: 0, failed: false, error: undefined };
    const drained = () => new Promise((resolve) => {
        if (sink.destroying || sink.destroyed)
            return resolve();
        const done = () => {
            sink.off('drain', done);
            sink.off('close', done);
            resolve();
        };
        sink.on('drain', done);
        sink.on('close', done);
    });
    // Each read from the engine is a fresh Buffer outside V8's heap: collected while young (see memory.ts).
    const collect = (0,memory/* youngCollectionEvery */.U)();
    feeder.done = (async () => {
        try {
            for await (const chunk of source) {
                const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
                feeder.bytes += buffer.byteLength;
                collect(buffer.byteLength);
                if (sink.destroying || sink.destroyed)
                    return;
                if (!sink.write(buffer))
                    await drained();
            }
            sink.end(null);
        }
        catch (err) {
            feeder.failed = true;
            feeder.error = err;
            sink.destroy(err instanceof Error ? err : new Error(String(err)));
        }
    })();
    return feeder;
}
/** What went wrong reading the archive: the source failed, it was cut, or it is not a tar stream. */
function archiveError(err, feeder, entryName) {
    const where = entryName === null ? '' : ` (in the entry ${quote(entryName)})`;
    if (feeder.failed) {
        if (feeder.error instanceof errors/* ActionError */.lZ)
            return feeder.error;
        return new errors/* ActionError */.lZ(`could not read the archive from the container${where}: ${messageOf(feeder.error)}`, {
            cause: feeder.error,
        });
    }
    if (err instanceof errors/* ActionError */.lZ)
        return err;
    if (/unexpected end of data/i.test(messageOf(err))) {
        const message = entryName === null
            ? 'the archive from the container ended inside an entry header'
            : `the archive from the container ended inside the entry ${quote(entryName)}`;
        return new errors/* ActionError */.lZ(message, { cause: err });
    }
    return new errors/* ActionError */.lZ(`the archive from the container is not a valid tar stream${where}: ${messageOf(err)}`, {
        cause: err,
    });
}
/**
 * Reads an entry's body to its end, handing each chunk to `sink`; archive and disk errors are
 * told apart, and a body shorter than its header says is an error.
 */
async function pump(entry, feeder, entryName, size, sink) {
    const chunks = entry[Symbol.asyncIterator]();
    let bytes = 0;
    for (;;) {
        let step;
        try {
            step = await chunks.next();
        }
        catch (err) {
            // Mid-body, the extractor fails only when the archive ends (or the source fails).
            if (feeder.failed)
                throw archiveError(feeder.error, feeder, entryName);
            throw new errors/* ActionError */.lZ(`the archive from the container ended inside the entry ${quote(entryName)}`, {
                cause: err,
            });
        }
        if (step.done) {
            if (bytes !== size) {
                if (feeder.failed)
                    throw archiveError(feeder.error, feeder, entryName);
                throw new errors/* ActionError */.lZ(`the archive from the container ended inside the entry ${quote(entryName)}`);
            }
            return bytes;
        }
        const chunk = step.value;
        bytes += chunk.byteLength;
        await sink(chunk);
    }
}
/**
 * The relative path's components, or a refusal: no absolute path, no `..`, no NUL (and on
 * Windows no backslash or drive colon, which would be separators there).
 */
function components(relative, entryName) {
    if (relative.includes('\0'))
        throw refused(entryName, 'its name holds a NUL character');
    if (relative.startsWith('/') || external_node_path_default().isAbsolute(relative)) {
        throw refused(entryName, 'its path is absolute: it would be written outside the destination');
    }
    const parts = relative.split('/').filter((part) => part !== '' && part !== '.');
    for (const part of parts) {
        if (part === '..')
            throw refused(entryName, 'it would be written outside the destination');
        if (process.platform === 'win32' && /[\\:]/.test(part)) {
            throw refused(entryName, 'its name holds a backslash or a colon');
        }
    }
    return parts;
}
class Writer {
    plan;
    result = { files: 0, folders: 0, links: 0, bytes: 0, skipped: 0 };
    /** Byte offset where the last entry's data ends (the end-of-archive marker follows). */
    end = 0;
    /** The last entry's name, for the message when the end marker is missing. */
    last = null;
    noOverwriteDirNonDir;
    /** Files and hard links this extraction wrote, by relative path: their device and inode. */
    written = new Map();
    /** Folders of the archive, by relative path: their modes and mtimes are applied at the end. */
    folders = new Map();
    /**
     * Folders this extraction made or found to be real folders (no link), by relative path: not
     * checked again for every entry below them. Only this extraction replaces anything under
     * `into`, and it never turns a folder into a link (a folder is kept, or, without
     * noOverwriteDirNonDir, removed: then it leaves this set).
     */
    checkedFolders = new Set();
    constructor(plan) {
        this.plan = plan;
        this.noOverwriteDirNonDir = plan.noOverwriteDirNonDir ?? true;
    }
    async entry(entry, feeder) {
        const header = entry.header;
        const name = header.name;
        const isDir = header.type === 'directory';
        // The body follows the header (tar-stream gives a directory no body, whatever its size).
        const size = isDir || !(header.size > 0) ? 0 : header.size;
        this.end = entry.offset + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
        this.last = name;
        const consumed = await this.place(entry, feeder, size);
        // Whatever was not read (skipped entries, links with a body): read to its end.
        if (!consumed && !isDir)
            await pump(entry, feeder, name, size, async () => undefined);
    }
    /** Writes the entry (or skips it); true when it read the body. */
    async place(entry, feeder, size) {
        const header = entry.header;
        const name = header.name;
        // The archive's own name first: a hostile name is refused whatever the rename rules do with it.
        components(name, name);
        const target = this.plan.target(name.replace(/\/+$/, ''));
        if (target === null)
            return false;
        const parts = components(target, name);
        const relative = parts.join('/');
        const type = header.type;
        if (type !== 'file' &&
            type !== 'contiguous-file' &&
            type !== 'directory' &&
            type !== 'symlink' &&
            type !== 'link') {
            const what = (type && SPECIAL[type]) ?? `an entry of unknown type${type ? ` (${(0,errors/* oneLine */.TN)(type)})` : ''}`;
            this.plan.warn(`skipped ${(0,errors/* oneLine */.TN)(name)}: ${what}`);
            this.result.skipped++;
            return false;
        }
        if (parts.length === 0) {
            // The destination folder itself (`./` when the source ends in `/.`): kept as it is.
            if (type === 'directory')
                return false;
            throw refused(name, 'it would replace the destination folder itself');
        }
        try {
            if (type === 'link') {
                await this.hardLink(header, name, parts);
                return false;
            }
            await this.parents(parts, name);
            const absolute = external_node_path_default().join(this.plan.into, ...parts);
            const existing = await this.clear(absolute, relative, type === 'directory', name);
            this.written.delete(relative);
            if (type === 'directory') {
                if (existing === null)
                    (0,external_node_fs_.mkdirSync)(absolute, { mode: WORKING_DIR_MODE });
                this.checkedFolders.add(relative);
                this.folders.set(relative, { parts, mode: header.mode & KEPT_MODE_BITS, mtime: header.mtime });
                this.result.folders++;
            }
            else if (type === 'symlink') {
                if (!header.linkname)
                    throw refused(name, 'a symbolic link with an empty target');
                await promises_.symlink(header.linkname, absolute);
                if (validTime(header.mtime) && typeof promises_.lutimes === 'function') {
                    await promises_.lutimes(absolute, new Date(), header.mtime);
                }
                this.result.links++;
            }
            else {
                await this.file(entry, feeder, size, absolute, relative);
                return true;
            }
            return false;
        }
        catch (err) {
            if (err instanceof errors/* ActionError */.lZ)
                throw err;
            throw new errors/* ActionError */.lZ(`could not write the archive entry ${quote(name)} to ${quote(relative)}: ${messageOf(err)}`, {
                cause: err,
            });
        }
    }
    /** Streams the body into a file created exclusively (never through a link), then sets its mode and mtime. */
    async file(entry, feeder, size, absolute, relative) {
        const header = entry.header;
        // Synchronous writes: the body arrives in chunks of the archive stream, which waits for
        // each (its backpressure), and a page-cache write costs less than a thread-pool hop.
        const fd = (0,external_node_fs_.openSync)(absolute, CREATE_FLAGS, 0o600);
        try {
            const bytes = await pump(entry, feeder, header.name, size, async (chunk) => {
                for (let offset = 0; offset < chunk.byteLength;) {
                    offset += (0,external_node_fs_.writeSync)(fd, chunk, offset, chunk.byteLength - offset);
                }
            });
            (0,external_node_fs_.fchmodSync)(fd, header.mode & KEPT_MODE_BITS);
            if (validTime(header.mtime))
                (0,external_node_fs_.futimesSync)(fd, new Date(), header.mtime);
            this.written.set(relative, fileKey((0,external_node_fs_.fstatSync)(fd)));
            this.result.files++;
            this.result.bytes += bytes;
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
    }
    /** A hard link, only to a regular file this extraction wrote (checked by path, type and inode). */
    async hardLink(header, name, parts) {
        const linkname = header.linkname ?? '';
        const notOurs = () => refused(name, `a hard link to ${quote(linkname)}, which is not a file of this archive`);
        let sourceParts;
        try {
            components(linkname, name);
            const renamed = this.plan.target(linkname.replace(/\/+$/, ''));
            if (renamed === null)
                throw notOurs();
            sourceParts = components(renamed, name);
        }
        catch (err) {
            if (err instanceof errors/* ActionError */.lZ)
                throw notOurs();
            throw err;
        }
        const sourceRelative = sourceParts.join('/');
        const known = this.written.get(sourceRelative);
        const stats = sourceParts.length === 0 ? null : this.existing(sourceParts);
        if (known === undefined || stats === null || !stats.isFile() || fileKey(stats) !== known)
            throw notOurs();
        const relative = parts.join('/');
        await this.parents(parts, name);
        const absolute = external_node_path_default().join(this.plan.into, ...parts);
        await this.clear(absolute, relative, false, name);
        await promises_.link(external_node_path_default().join(this.plan.into, ...sourceParts), absolute);
        this.written.set(relative, known);
        this.result.links++;
    }
    /**
     * Checks every component between `into` and the entry's parent with lstat: a symbolic link is
     * refused, a missing folder is created, anything else that is not a folder is refused.
     */
    async parents(parts, name) {
        let current = this.plan.into;
        for (let i = 0; i < parts.length - 1; i++) {
            current = external_node_path_default().join(current, parts[i]);
            const relative = parts.slice(0, i + 1).join('/');
            if (this.checkedFolders.has(relative))
                continue;
            // Synchronous: thousands of small entries each wait on these calls in turn, and a hop
            // through libuv's thread pool per call tripled the time of 10,000 small files.
            let stats = lstatOrNullSync(current);
            if (stats === null) {
                try {
                    (0,external_node_fs_.mkdirSync)(current, { mode: PARENT_MODE });
                }
                catch (err) {
                    if (errorCode(err) !== 'EEXIST')
                        throw err;
                }
                stats = (0,external_node_fs_.lstatSync)(current);
            }
            if (stats.isSymbolicLink()) {
                throw refused(name, `it would be written through the symbolic link ${quote(relative)}`);
            }
            if (!stats.isDirectory())
                throw refused(name, `${quote(relative)} is not a folder`);
            this.checkedFolders.add(relative);
        }
    }
    /** The lstat of an existing path reached through folders only (no symbolic link on the way), or null. */
    existing(parts) {
        let current = this.plan.into;
        for (let i = 0; i < parts.length; i++) {
            current = external_node_path_default().join(current, parts[i]);
            const stats = lstatOrNullSync(current);
            if (stats === null)
                return null;
            if (i === parts.length - 1)
                return stats;
            if (!stats.isDirectory())
                return null;
        }
        return null;
    }
    /**
     * Makes room for the entry at its final component: an existing folder is kept for a folder,
     * anything else is removed (a symbolic link is unlinked, never followed), unless that would
     * replace a folder with a non-folder or the reverse while noOverwriteDirNonDir holds.
     */
    async clear(absolute, relative, isDir, name) {
        const stats = lstatOrNullSync(absolute);
        if (stats === null)
            return null;
        if (stats.isDirectory()) {
            if (isDir)
                return stats;
            if (this.noOverwriteDirNonDir) {
                throw refused(name, `cannot overwrite the directory ${quote(relative)} with a non-directory`);
            }
            await promises_.rm(absolute, { recursive: true, force: true });
            for (const folder of [...this.checkedFolders]) {
                if (folder === relative || folder.startsWith(`${relative}/`))
                    this.checkedFolders.delete(folder);
            }
            return null;
        }
        if (isDir && this.noOverwriteDirNonDir) {
            throw refused(name, `cannot overwrite the non-directory ${quote(relative)} with a directory`);
        }
        (0,external_node_fs_.unlinkSync)(absolute);
        return null;
    }
    /** Folders' modes and mtimes, deepest first, once nothing more is written into them. */
    async finishFolders() {
        const folders = [...this.folders.entries()].sort(([, a], [, b]) => b.parts.length - a.parts.length);
        for (const [relative, folder] of folders) {
            const stats = this.existing(folder.parts);
            // Replaced since (only possible without noOverwriteDirNonDir): leave whatever is there.
            if (stats === null || !stats.isDirectory())
                continue;
            const absolute = external_node_path_default().join(this.plan.into, ...folder.parts);
            try {
                await promises_.chmod(absolute, folder.mode);
                if (validTime(folder.mtime))
                    await promises_.utimes(absolute, new Date(), folder.mtime);
            }
            catch (err) {
                throw new errors/* ActionError */.lZ(`could not set the mode and time of the folder ${quote(relative)}: ${messageOf(err)}`, {
                    cause: err,
                });
            }
        }
    }
}
function validTime(date) {
    return date instanceof Date && Number.isFinite(date.getTime());
}
function lstatOrNullSync(absolute) {
    try {
        return (0,external_node_fs_.lstatSync)(absolute);
    }
    catch (err) {
        if (errorCode(err) === 'ENOENT')
            return null;
        throw err;
    }
}

;// CONCATENATED MODULE: ./src/backends/docker/copy.ts
// Files into the container before the command (copy-in) and out of it after (copy-out), with
// `docker cp`'s rules for what lands where (docker/cli cli/command/container/cp.go and moby's
// pkg/archive copy.go, PrepareArchiveCopy): a folder SRC lands as DEST/SRC, SRC/. as its
// contents; an existing folder DEST receives, a missing DEST is created; a file onto a file
// replaces it; a folder onto a file, or a file onto a missing DEST/ is an error. Where this
// action differs from docker cp, for workflows: missing parent folders are created (docker cp
// refuses them), and files copied in belong to root, or to `user` when it is set (docker cp
// keeps the runner's own uid and gid, which mean nothing in the container).
// Both directions stream: no file is held whole in memory.












const posix = (external_node_path_default()).posix;
/** "12 files, 1 folder, 2 links, 34.5 KiB" */
function describeTally(t) {
    const n = (count, word) => `${count} ${word}${count === 1 ? '' : 's'}`;
    const size = t.bytes < 1024
        ? `${t.bytes} bytes`
        : t.bytes < 1024 ** 2
            ? `${(t.bytes / 1024).toFixed(1)} KiB`
            : `${(t.bytes / 1024 ** 2).toFixed(1)} MiB`;
    return [n(t.files, 'file'), n(t.folders, 'folder'), ...(t.links ? [n(t.links, 'link')] : []), size].join(', ');
}
/** The path without a trailing `/` or `/.` (kept apart: they carry docker cp's meaning). */
function bare(p) {
    const trimmed = p.replace(/\/\.$/, '').replace(/\/+$/, '');
    return trimmed || '/';
}
// ---------------------------------------------------------------------------------------------
// Ownership in the container
/** uid and gid for `user` (name|uid[:group|gid]) from the container's /etc/passwd and /etc/group. */
async function ownerInContainer(engine, containerId, user) {
    if (!user)
        return { uid: 0, gid: 0 };
    const [userPart, groupPart] = user.split(':', 2);
    const passwd = await readSmallFile(engine, containerId, '/etc/passwd');
    const entry = passwd
        ?.split('\n')
        .map((line) => line.split(':'))
        .find((fields) => fields[0] === userPart || (/^\d+$/.test(userPart) && fields[2] === userPart));
    let uid;
    let gid;
    if (entry) {
        uid = Number(entry[2]);
        gid = Number(entry[3]);
    }
    else if (/^\d+$/.test(userPart)) {
        uid = Number(userPart);
        gid = 0;
    }
    else {
        throw new errors/* ActionError */.lZ(`copy-in: the user ${userPart} is not in the container's /etc/passwd, so its files cannot be given to it`);
    }
    if (groupPart !== undefined) {
        if (/^\d+$/.test(groupPart))
            gid = Number(groupPart);
        else {
            const groups = await readSmallFile(engine, containerId, '/etc/group');
            const group = groups
                ?.split('\n')
                .map((line) => line.split(':'))
                .find((fields) => fields[0] === groupPart);
            if (!group)
                throw new errors/* ActionError */.lZ(`copy-in: the group ${groupPart} is not in the container's /etc/group`);
            gid = Number(group[2]);
        }
    }
    return { uid, gid };
}
/** A small file of the container, or undefined when it is not there. */
async function readSmallFile(engine, containerId, file) {
    let archive;
    try {
        ({ archive } = await engine.getArchive(containerId, file));
    }
    catch (error) {
        if (error instanceof engine_engine/* EngineError */.NJ && error.statusCode === 404)
            return undefined;
        throw error;
    }
    const chunks = [];
    const reader = (0,tar_stream.extract)();
    reader.on('entry', (_header, stream, next) => {
        stream.on('data', (chunk) => {
            chunks.push(chunk);
        });
        stream.on('end', next);
        stream.resume();
    });
    archive.pipe(reader);
    await (0,external_node_events_.once)(reader, 'finish');
    return Buffer.concat(chunks).toString('utf8');
}
// ---------------------------------------------------------------------------------------------
// copy-in
/** A stat of the container path, following it once when it is a symbolic link (as docker cp). */
async function statFollowing(engine, containerId, target) {
    const stat = await engine.statPath(containerId, target);
    if (!stat?.isSymlink)
        return { path: target, stat };
    const linked = stat.linkTarget.startsWith('/')
        ? stat.linkTarget
        : posix.join(posix.dirname(bare(target)), stat.linkTarget);
    return { path: linked, stat: await engine.statPath(containerId, linked) };
}
async function planUpload(engine, containerId, entry, sourceIsDir) {
    const dest = (0,copy/* containerPath */.vK)(entry.destination);
    const contentsOnly = sourceIsDir && /\/\.$/.test(entry.source);
    const { path: resolved, stat } = await statFollowing(engine, containerId, dest);
    const where = `copy-in line ${entry.line}`;
    if (stat?.isDir) {
        const at = bare(resolved);
        return contentsOnly ? { at, create: [] } : { at, create: [], top: external_node_path_default().basename(entry.sourcePath) };
    }
    if (stat && sourceIsDir) {
        throw new errors/* ActionError */.lZ(`${where}: cannot copy the folder ${entry.source} onto ${dest}, a file in the container`);
    }
    if (!stat && !sourceIsDir && /\/\.?$/.test(entry.destination)) {
        throw new errors/* ActionError */.lZ(`${where}: the folder ${dest} does not exist in the container (a trailing / asks for an existing folder)`);
    }
    // DEST is a file to replace, or does not exist: the source lands as DEST, in its parent,
    // made first where missing (the nearest existing ancestor receives the archive).
    const target = bare(resolved);
    let parent = posix.dirname(target);
    const create = [];
    for (;;) {
        const found = await engine.statPath(containerId, parent);
        if (found?.isDir || (found?.isSymlink && (await statFollowing(engine, containerId, parent)).stat?.isDir))
            break;
        if (found)
            throw new errors/* ActionError */.lZ(`${where}: ${parent} is a file in the container, not a folder, so ${dest} cannot be made`);
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
/** Writes one entry's file body into the pack, with backpressure. */
async function addFile(archive, header, file, collect) {
    await new Promise((resolve, reject) => {
        const sink = archive.entry(header, (error) => (error ? reject(error) : resolve()));
        const source = (0,external_node_fs_.createReadStream)(file, { highWaterMark: 256 * 1024 });
        source.on('error', (error) => {
            sink.destroy(error);
            reject(new errors/* ActionError */.lZ(`copy-in: could not read ${file}: ${error.message}`));
        });
        source.on('data', (chunk) => {
            collect(chunk.length);
            if (!sink.write(chunk)) {
                source.pause();
                sink.once('drain', () => source.resume());
            }
        });
        // streamx's end() takes an optional last chunk; its types ask for one.
        source.on('end', () => sink.end(undefined));
    });
}
/** Packs the source tree (links as links, never followed) under the upload's names. */
async function packTree(archive, entry, upload, owner, tally) {
    const base = { uid: owner.uid, gid: owner.gid, uname: '', gname: '' };
    // One count for the whole tree: 10,000 small files add up to what one big file does.
    const collect = (0,memory/* youngCollectionEvery */.U)();
    for (const folder of upload.create) {
        archive.entry({ ...base, name: folder, type: 'directory', mode: 0o755, mtime: new Date() });
        tally.folders++;
    }
    const add = async (local, name, stat) => {
        const header = { ...base, name, mode: stat.mode & 0o7777, mtime: stat.mtime };
        if (stat.isSymbolicLink()) {
            archive.entry({ ...header, type: 'symlink', linkname: (0,external_node_fs_.readlinkSync)(local) });
            tally.links++;
        }
        else if (stat.isDirectory()) {
            archive.entry({ ...header, type: 'directory' });
            tally.folders++;
            await addChildren(local, name);
        }
        else if (stat.isFile()) {
            await addFile(archive, { ...header, type: 'file', size: stat.size }, local, collect);
            tally.files++;
            tally.bytes += stat.size;
        }
        else {
            core/* warning */.$e(`copy-in: skipped ${local}: not a file, folder or link`);
        }
    };
    const addChildren = async (local, name) => {
        for (const child of (0,external_node_fs_.readdirSync)(local).sort()) {
            await add(external_node_path_default().join(local, child), name ? `${name}/${child}` : child, (0,external_node_fs_.lstatSync)(external_node_path_default().join(local, child)));
        }
    };
    const stat = (0,external_node_fs_.lstatSync)(entry.sourcePath);
    if (upload.top === undefined)
        await addChildren(entry.sourcePath, '');
    else
        await add(entry.sourcePath, upload.top, stat);
    archive.finalize();
}
/** Copies each copy-in entry into the container, one after the other. */
async function copyIn(engine, containerId, entries, user) {
    if (!entries.length)
        return 0;
    const owner = await ownerInContainer(engine, containerId, user);
    let total = 0;
    for (const entry of entries) {
        const started = Date.now();
        const sourceStat = (0,external_node_fs_.lstatSync)(entry.sourcePath);
        if (/\/\.?$/.test(entry.source) && !sourceStat.isDirectory()) {
            throw new errors/* ActionError */.lZ(`copy-in line ${entry.line}: ${entry.source} is not a folder`);
        }
        const upload = await planUpload(engine, containerId, entry, sourceStat.isDirectory());
        const tally = { files: 0, folders: 0, links: 0, bytes: 0 };
        const archive = (0,tar_stream.pack)();
        const packing = packTree(archive, entry, upload, owner, tally).catch((error) => {
            archive.destroy(error);
            throw error;
        });
        const sending = engine.putArchive(containerId, upload.at, external_node_stream_.Readable.from(archive), true);
        await Promise.all([packing, sending]);
        total += tally.bytes;
        core/* info */.pq(`Copied in ${entry.source} -> ${entry.destination}: ${describeTally(tally)} in ${(0,duration/* formatDuration */.a)(Date.now() - started)}`);
    }
    return total;
}
function localStat(file) {
    try {
        return (0,external_node_fs_.lstatSync)(file);
    }
    catch {
        return undefined;
    }
}
/** Makes the folder (and missing parents) inside the workspace; an existing link on the way must stay inside it. */
function makeFolder(folder, workspace, where) {
    let existing = folder;
    while (!localStat(existing))
        existing = external_node_path_default().dirname(existing);
    const real = (0,external_node_fs_.realpathSync)(existing);
    if (!(0,copy/* isInside */.FK)(workspace, real))
        throw new errors/* ActionError */.lZ(`${where}: ${existing} leads out of the workspace (to ${real})`);
    if (!(0,external_node_fs_.lstatSync)(real).isDirectory())
        throw new errors/* ActionError */.lZ(`${where}: ${existing} is a file, not a folder`);
    const made = external_node_path_default().join(real, external_node_path_default().relative(existing, folder));
    (0,external_node_fs_.mkdirSync)(made, { recursive: true });
    return made;
}
function planLanding(entry, stat, workspace) {
    const where = `copy-out line ${entry.line}`;
    const contentsOnly = stat.isDir && /\/\.$/.test(entry.source);
    let destination = entry.destinationPath;
    const found = localStat(destination);
    if (found?.isSymbolicLink()) {
        destination = (0,external_node_fs_.realpathSync)(destination);
        if (!(0,copy/* isInside */.FK)(workspace, destination)) {
            throw new errors/* ActionError */.lZ(`${where}: ${entry.destination} is a symbolic link out of the workspace (to ${destination})`);
        }
    }
    const existing = localStat(destination);
    if (existing?.isDirectory())
        return { into: makeFolder(destination, workspace, where), top: contentsOnly ? undefined : stat.name };
    if (existing && stat.isDir) {
        throw new errors/* ActionError */.lZ(`${where}: cannot copy the folder ${entry.source} onto ${entry.destination}, a file in the workspace`);
    }
    if (!existing && !stat.isDir && /\/\.?$/.test(entry.destination)) {
        throw new errors/* ActionError */.lZ(`${where}: the folder ${entry.destination} does not exist in the workspace (a trailing / asks for an existing folder)`);
    }
    return { into: makeFolder(external_node_path_default().dirname(destination), workspace, where), top: external_node_path_default().basename(destination) };
}
/** Copies each copy-out entry out of the container into the workspace. */
async function copyOut(engine, containerId, containerName, entries, workspace) {
    const root = (0,external_node_fs_.realpathSync)(workspace);
    let total = 0;
    for (const entry of entries) {
        const started = Date.now();
        const source = (0,copy/* containerPath */.vK)(entry.source);
        const found = await engine.statPath(containerId, source);
        if (!found)
            throw new errors/* ActionError */.lZ(`copy-out line ${entry.line}: ${source} does not exist in the container ${containerName}`);
        if (/\/\.?$/.test(entry.source) && !found.isDir) {
            throw new errors/* ActionError */.lZ(`copy-out line ${entry.line}: ${source} is not a folder in the container`);
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
                const rest = name === first
                    ? ''
                    : name.startsWith(`${first}/`)
                        ? name.slice(first.length + 1)
                        : first === '.'
                            ? name
                            : undefined;
                // The engine names every entry from the path asked for; anything else is not its.
                if (rest === undefined) {
                    throw new errors/* ActionError */.lZ(`refused the archive entry "${name}": it is not under ${first}, the path that was asked for`);
                }
                if (landing.top === undefined)
                    return rest || null;
                return rest ? `${landing.top}/${rest}` : landing.top;
            },
            warn: (message) => core/* warning */.$e(`${where}: ${message}`),
        }).catch((error) => {
            // Every refusal says which entry of the input it came from.
            throw error instanceof errors/* ActionError */.lZ ? new errors/* ActionError */.lZ(`${where}: ${error.message}`, { cause: error }) : error;
        });
        total += tally.bytes;
        core/* info */.pq(`Copied out ${entry.source} -> ${entry.destination}: ${describeTally(tally)} in ${(0,duration/* formatDuration */.a)(Date.now() - started)}`);
    }
    return total;
}
/**
 * copy-out after the command has ended (succeeded, failed or timed out): the bytes copied, or
 * why it failed in one line (the step then fails; what the command did is reported apart).
 */
async function copyOutAfterCommand(engine, containerId, containerName, entries, workspace) {
    try {
        return { bytes: await copyOut(engine, containerId, containerName, entries, workspace) };
    }
    catch (error) {
        if (!(error instanceof errors/* ActionError */.lZ))
            throw error;
        return { failure: error.message };
    }
}


/***/ })

};
