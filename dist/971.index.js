export const id = 971;
export const ids = [971];
export const modules = {

/***/ 5971:
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
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./node_modules/tar-stream/index.js
var tar_stream = __webpack_require__(6118);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/shared/reused-buffers.ts
// A few buffers handed out and given back: reads of a large file land in them instead of in
// a fresh Buffer each, so that what streams through leaves no garbage behind it.
class ReusedBuffers {
    free = [];
    /** The pool's own memory, by which a chunk given back is known as one of its buffers. */
    own = new Set();
    waiting = [];
    constructor(count, size) {
        for (let i = 0; i < count; i++) {
            // allocUnsafeSlow: a buffer of its own, not a slice of Node's shared pool.
            const buffer = Buffer.allocUnsafeSlow(size);
            this.free.push(buffer);
            this.own.add(buffer.buffer);
        }
    }
    /** A free buffer, once one is given back if none is free now. */
    take() {
        const buffer = this.free.pop();
        if (buffer)
            return Promise.resolve(buffer);
        return new Promise((resolve) => this.waiting.push(resolve));
    }
    /** Gives back the buffer `chunk` is a view into; a chunk of other memory is ignored. */
    giveBack(chunk) {
        if (!this.own.has(chunk.buffer))
            return;
        const buffer = Buffer.from(chunk.buffer, 0, chunk.buffer.byteLength);
        const waiter = this.waiting.shift();
        if (waiter)
            waiter(buffer);
        else
            this.free.push(buffer);
    }
}

;// CONCATENATED MODULE: ./src/shared/tar-reader.ts
// Reading a tar stream entry by entry, from chunks that are valid only until the next is
// asked for (a socket read into a reused buffer): headers are decoded as they pass, and a
// body is handed on as views into those chunks, never copied. Only a header split between
// two chunks, and the small bodies of PAX and GNU long-name entries, are copied out.
//
// It reads what Go's archive/tar writes for Docker and Podman (ustar, PAX, GNU long names,
// base-256 numbers) and what the tar of a busybox or GNU userland writes. Names are not
// judged here: the extractor treats every field as hostile.
const BLOCK = 512;
/** The longest PAX or GNU long-name body taken (Go writes a few hundred bytes). */
const MAX_META_BYTES = 1024 * 1024;
const TYPES = {
    '0': 'file',
    '\0': 'file',
    '1': 'link',
    '2': 'symlink',
    '3': 'character-device',
    '4': 'block-device',
    '5': 'directory',
    '6': 'fifo',
    '7': 'contiguous-file',
};
class TarFormatError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TarFormatError';
    }
}
/** The stream ended inside a header or a body. */
class TarCutError extends Error {
    constructor() {
        super('unexpected end of data');
        this.name = 'TarCutError';
    }
}
function tar_reader_text(block, start, length) {
    const field = block.subarray(start, start + length);
    const nul = field.indexOf(0);
    return field.toString('utf8', 0, nul < 0 ? length : nul);
}
/** A numeric field: octal text, or base-256 (the high bit of the first byte set) for large values. */
function numberField(block, start, length) {
    const field = block.subarray(start, start + length);
    if (field[0] & 0x80) {
        if (field[0] & 0x40)
            throw new TarFormatError('a negative base-256 number');
        let value = field[0] & 0x3f;
        for (let i = 1; i < field.length; i++)
            value = value * 256 + field[i];
        if (!Number.isSafeInteger(value))
            throw new TarFormatError('a base-256 number too large');
        return value;
    }
    // Octal digits, padded with spaces or zeros, ended by a NUL or a space.
    const value = field.toString('latin1').split('\0')[0].trim();
    if (value === '')
        return 0;
    if (!/^[0-7]+$/.test(value))
        throw new TarFormatError(`a bad number field ${JSON.stringify(value)}`);
    return parseInt(value, 8);
}
/** Whether the header's checksum holds (the unsigned sum, or the signed one old tars wrote). */
function checksumHolds(block) {
    const stored = numberField(block, 148, 8);
    let unsigned = 8 * 0x20;
    let signed = 8 * 0x20;
    for (let i = 0; i < BLOCK; i++) {
        if (i >= 148 && i < 156)
            continue;
        unsigned += block[i];
        signed += block[i] > 127 ? block[i] - 256 : block[i];
    }
    return stored === unsigned || stored === signed;
}
function isZeroBlock(block) {
    for (let i = 0; i < BLOCK; i++)
        if (block[i] !== 0)
            return false;
    return true;
}
/** PAX records: "LENGTH key=value\n", LENGTH counting the whole record. */
function parsePax(body) {
    const records = {};
    let at = 0;
    while (at < body.length) {
        const space = body.indexOf(0x20, at);
        const length = space < 0 ? NaN : Number(body.toString('latin1', at, space));
        if (!Number.isInteger(length) || length <= 0 || at + length > body.length || body[at + length - 1] !== 0x0a)
            throw new TarFormatError('a malformed PAX record');
        const record = body.toString('utf8', space + 1, at + length - 1);
        const equals = record.indexOf('=');
        if (equals <= 0)
            throw new TarFormatError('a malformed PAX record');
        records[record.slice(0, equals)] = record.slice(equals + 1);
        at += length;
    }
    return records;
}
/** Decodes a header block; `meta` holds what PAX and GNU long-name entries before it said. */
function decodeHeader(block, meta = {}) {
    if (!checksumHolds(block))
        throw new TarFormatError('a header whose checksum does not hold');
    const magic = block.toString('latin1', 257, 263);
    const ustar = magic === 'ustar\0';
    if (!ustar && magic !== 'ustar ')
        throw new TarFormatError('a header of no ustar, PAX or GNU format');
    const flag = String.fromCharCode(block[156]);
    let name = tar_reader_text(block, 0, 100);
    const prefix = ustar ? tar_reader_text(block, 345, 155) : '';
    if (prefix)
        name = `${prefix}/${name}`;
    let type = TYPES[flag] ?? null;
    // Old tars marked a folder by a trailing slash on a file entry.
    if (type === 'file' && name.endsWith('/'))
        type = 'directory';
    const linkname = tar_reader_text(block, 157, 100);
    const paxNumber = (key, fallback) => {
        const value = meta[key];
        if (value === undefined)
            return fallback;
        const number = Number(value);
        if (!Number.isFinite(number) || number < 0)
            throw new TarFormatError(`a bad PAX ${key} ${JSON.stringify(value)}`);
        return number;
    };
    const size = paxNumber('size', numberField(block, 124, 12));
    if (!Number.isSafeInteger(size))
        throw new TarFormatError('a bad size');
    return {
        flag,
        name: meta.path ?? name,
        type,
        mode: numberField(block, 100, 8),
        uid: paxNumber('uid', numberField(block, 108, 8)),
        gid: paxNumber('gid', numberField(block, 116, 8)),
        size,
        mtime: new Date(paxNumber('mtime', numberField(block, 136, 12)) * 1000),
        linkname: meta.linkpath ?? (linkname || null),
        uname: meta.uname ?? tar_reader_text(block, 265, 32),
        gname: meta.gname ?? tar_reader_text(block, 297, 32),
    };
}
/** Entries of a tar stream, one at a time; the unread rest of a body is skipped. */
class TarReader {
    source;
    /** Bytes taken from the source so far. */
    bytes = 0;
    chunk;
    at = 0;
    ended = false;
    /** A header split between chunks is gathered here. */
    block = Buffer.alloc(BLOCK);
    /** Body bytes of the current entry not yet handed out, then its padding. */
    bodyLeft = 0;
    paddingLeft = 0;
    globalMeta = {};
    constructor(source) {
        this.source = source;
    }
    /** The next piece of the stream, at most `most` bytes, as a view; null at the source's end. */
    async take(most) {
        while (!this.chunk || this.at >= this.chunk.length) {
            if (this.ended)
                return null;
            const chunk = await this.source.next();
            if (!chunk) {
                this.ended = true;
                this.chunk = undefined;
                return null;
            }
            this.bytes += chunk.length;
            this.chunk = chunk;
            this.at = 0;
        }
        const piece = this.chunk.subarray(this.at, this.at + Math.min(most, this.chunk.length - this.at));
        this.at += piece.length;
        return piece;
    }
    /** Where the next unread byte is in the stream. */
    get position() {
        return this.bytes - (this.chunk ? this.chunk.length - this.at : 0);
    }
    async skip(count) {
        while (count > 0) {
            const piece = await this.take(count);
            if (!piece)
                throw new TarCutError();
            count -= piece.length;
        }
    }
    /** The next header block (a view, or a copy when split), or null at a clean end of the source. */
    async readBlock() {
        const first = await this.take(BLOCK);
        if (!first)
            return null;
        if (first.length === BLOCK)
            return first;
        first.copy(this.block, 0);
        let filled = first.length;
        while (filled < BLOCK) {
            const piece = await this.take(BLOCK - filled);
            if (!piece)
                throw new TarCutError();
            piece.copy(this.block, filled);
            filled += piece.length;
        }
        return this.block;
    }
    async readBody(size) {
        if (size > MAX_META_BYTES)
            throw new TarFormatError(`a PAX or long-name entry of ${size} bytes`);
        const body = Buffer.alloc(size);
        let filled = 0;
        while (filled < size) {
            const piece = await this.take(size - filled);
            if (!piece)
                throw new TarCutError();
            piece.copy(body, filled);
            filled += piece.length;
        }
        await this.skip((BLOCK - (size % BLOCK)) % BLOCK);
        return body;
    }
    /** The next entry, or null at the end-of-archive block or a clean end of the source. */
    async next() {
        await this.skip(this.bodyLeft + this.paddingLeft);
        this.bodyLeft = 0;
        this.paddingLeft = 0;
        let meta = { ...this.globalMeta };
        for (;;) {
            const offset = this.position;
            const block = await this.readBlock();
            if (!block || isZeroBlock(block))
                return null;
            const header = decodeHeader(block, meta);
            if (header.flag === 'x' || header.flag === 'g' || header.flag === 'L' || header.flag === 'K') {
                const body = await this.readBody(header.size);
                if (header.flag === 'x')
                    meta = { ...meta, ...parsePax(body) };
                else if (header.flag === 'g') {
                    this.globalMeta = { ...this.globalMeta, ...parsePax(body) };
                    meta = { ...meta, ...this.globalMeta };
                }
                else {
                    const nul = body.indexOf(0);
                    meta[header.flag === 'L' ? 'path' : 'linkpath'] = body.toString('utf8', 0, nul < 0 ? body.length : nul);
                }
                continue;
            }
            const fields = header;
            // A folder's size says nothing of a body (none follows it).
            const size = fields.type === 'directory' ? 0 : fields.size;
            this.bodyLeft = size;
            this.paddingLeft = (BLOCK - (size % BLOCK)) % BLOCK;
            return { header: fields, offset, body: { next: () => this.nextBodyPiece() } };
        }
    }
    async nextBodyPiece() {
        if (this.bodyLeft === 0)
            return null;
        const piece = await this.take(this.bodyLeft);
        if (!piece)
            throw new TarCutError();
        this.bodyLeft -= piece.length;
        return piece;
    }
    /** Reads the source to its end (what follows the end-of-archive block): how many bytes it held in all. */
    async drain() {
        while (await this.take(Infinity))
            ;
        return this.bytes;
    }
}

// EXTERNAL MODULE: ./src/inputs/copy.ts
var copy = __webpack_require__(3684);
// EXTERNAL MODULE: ./src/inputs/duration.ts
var duration = __webpack_require__(1601);
// EXTERNAL MODULE: ./src/backends/docker/engine/engine.ts + 10 modules
var engine_engine = __webpack_require__(2723);
// EXTERNAL MODULE: ./src/shared/chunks.ts
var chunks = __webpack_require__(7851);
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
/** The archive's source, counted, with its failure kept (told apart from a cut or a bad archive). */
class Feeder {
    source;
    failed = false;
    error;
    constructor(source) {
        this.source = source;
    }
    async next() {
        try {
            return await this.source.next();
        }
        catch (err) {
            this.failed = true;
            this.error = err;
            throw err;
        }
    }
}
/**
 * Writes the tar stream `archive` under `plan.into`, entry by entry; resolves with what was
 * written, or rejects with an ActionError naming the entry (what was written before it stays).
 * On failure the source is destroyed.
 */
async function extractSafely(archive, plan) {
    const feeder = new Feeder('next' in archive ? archive : (0,chunks/* chunksOf */.U_)(archive));
    const reader = new TarReader(feeder);
    const writer = new Writer(plan);
    try {
        for (;;) {
            let entry;
            try {
                entry = await reader.next();
            }
            catch (err) {
                throw archiveError(err, feeder, null);
            }
            if (!entry)
                break;
            await writer.entry(entry, feeder);
        }
        let total;
        try {
            total = await reader.drain();
        }
        catch (err) {
            throw archiveError(err, feeder, null);
        }
        if (total - writer.end < END_MARKER) {
            const after = writer.last === null ? 'before its first entry' : `after the entry ${quote(writer.last)}`;
            throw new errors/* ActionError */.lZ(`the archive from the container ended early, ${after} (no end-of-archive marker)`);
        }
        await writer.finishFolders();
        return writer.result;
    }
    catch (err) {
        const source = archive;
        if (typeof source.destroy === 'function')
            source.destroy();
        throw err;
    }
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
    if (err instanceof TarCutError) {
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
    let bytes = 0;
    for (;;) {
        let chunk;
        try {
            chunk = await entry.body.next();
        }
        catch (err) {
            // Mid-body, the extractor fails only when the archive ends (or the source fails).
            if (feeder.failed)
                throw archiveError(feeder.error, feeder, entryName);
            throw new errors/* ActionError */.lZ(`the archive from the container ended inside the entry ${quote(entryName)}`, {
                cause: err,
            });
        }
        if (!chunk) {
            if (bytes !== size) {
                if (feeder.failed)
                    throw archiveError(feeder.error, feeder, entryName);
                throw new errors/* ActionError */.lZ(`the archive from the container ended inside the entry ${quote(entryName)}`);
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
        // The body follows the header (a directory has none, whatever its size says).
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
    try {
        const entry = await new TarReader(archive).next();
        for (let chunk = await entry?.body.next(); chunk; chunk = await entry?.body.next())
            chunks.push(Buffer.from(chunk));
    }
    finally {
        archive.destroy();
    }
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
/** One read of a file being copied in: large reads keep system calls few. */
const READ_BYTES = 256 * 1024;
/** Reads in flight between the disk and the engine's connection (the backpressure). */
const READS_IN_FLIGHT = 4;
/**
 * Writes one entry's file body into the pack, read into `buffers`: each goes back to them once
 * the engine's connection took it (putArchive's `sent`), so the file's bytes leave no garbage.
 */
async function addFile(archive, header, file, buffers) {
    const unreadable = (error) => new errors/* ActionError */.lZ(`copy-in: could not read ${file}: ${error.message}`, { cause: error });
    let handle;
    try {
        handle = await (0,promises_.open)(file, 'r');
    }
    catch (error) {
        throw unreadable(error);
    }
    let sink;
    const packed = new Promise((resolve, reject) => {
        sink = archive.entry(header, (error) => (error ? reject(error) : resolve()));
    });
    try {
        for (;;) {
            const buffer = await buffers.take();
            let bytesRead;
            try {
                ({ bytesRead } = await handle.read(buffer, 0, buffer.length, null));
            }
            catch (error) {
                buffers.giveBack(buffer);
                sink.destroy(error);
                throw unreadable(error);
            }
            if (bytesRead === 0) {
                buffers.giveBack(buffer);
                break;
            }
            if (!sink.write(buffer.subarray(0, bytesRead)))
                await new Promise((resolve) => {
                    sink.once('drain', () => resolve());
                    sink.once('close', () => resolve());
                });
        }
        // streamx's end() takes an optional last chunk; its types ask for one.
        sink.end(undefined);
    }
    finally {
        await handle.close();
    }
    await packed;
}
/** Packs the source tree (links as links, never followed) under the upload's names. */
async function packTree(archive, entry, upload, owner, tally, buffers) {
    const base = { uid: owner.uid, gid: owner.gid, uname: '', gname: '' };
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
            await addFile(archive, { ...header, type: 'file', size: stat.size }, local, buffers);
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
        const buffers = new ReusedBuffers(READS_IN_FLIGHT, READ_BYTES);
        const packing = packTree(archive, entry, upload, owner, tally, buffers).catch((error) => {
            archive.destroy(error);
            throw error;
        });
        const sending = engine.putArchive(containerId, upload.at, archive, true, (chunk) => buffers.giveBack(chunk));
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
