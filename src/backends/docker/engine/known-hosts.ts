// OpenSSH known_hosts, read the way ssh(1) reads it (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"),
// to decide whether the host key an ssh:// engine presents is the one on record. Pure: the
// caller reads the files and gives their text.
//
// - A line is `[marker] hostnames keytype base64-key [comment]`; blank lines and `#` lines
//   are skipped, and so are lines that do not parse (ssh(1) does the same).
// - hostnames is a comma-separated list of patterns (`*` and `?` wildcards, `!` negates: a
//   host matching a negated pattern is not matched by the line), compared without regard to
//   case; or one hashed name, `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
// - The name looked up is `host` on port 22 and `[host]:port` on any other port: a plain
//   `host` line does not vouch for another port.
// - `@revoked` lines name keys that must never be accepted. `@cert-authority` lines vouch for
//   host certificates, which ssh2 (what docker-modem connects with) does not use: they are
//   read but never make a plain key known.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface KnownHost {
  /** Where the line came from, for messages: file name and 1-based line number. */
  file: string;
  line: number;
  marker?: 'revoked' | 'cert-authority';
  /** The hostnames field as written (patterns, or one hashed name). */
  hosts: string;
  keyType: string;
  /** The decoded key blob (SSH wire format, starting with the key type). */
  key: Buffer;
}

export type HostKeyDecision =
  | { status: 'match'; entry: KnownHost }
  /** The host is on record, but not with this key (or this key is @revoked). */
  | { status: 'mismatch'; entries: KnownHost[]; revoked?: KnownHost }
  | { status: 'unknown' };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Parses known_hosts text; lines that are not entries are skipped. */
export function parseKnownHosts(text: string, file = 'known_hosts'): KnownHost[] {
  const entries: KnownHost[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const fields = lines[i]
      .replace(/\r$/, '')
      .trim()
      .split(/[ \t]+/);
    if (!fields[0] || fields[0].startsWith('#')) continue;
    let marker: KnownHost['marker'];
    if (fields[0].startsWith('@')) {
      if (fields[0] === '@revoked') marker = 'revoked';
      else if (fields[0] === '@cert-authority') marker = 'cert-authority';
      else continue;
      fields.shift();
    }
    const [hosts, keyType, encoded] = fields;
    if (!hosts || !keyType || !encoded || !BASE64.test(encoded)) continue;
    const key = Buffer.from(encoded, 'base64');
    // The blob starts with its own type; a line whose two disagree is not a key.
    if (keyTypeOf(key) !== keyType) continue;
    entries.push({ file, line: i + 1, marker, hosts, keyType, key });
  }
  return entries;
}

/** The key type written at the start of a key blob (`ssh-ed25519`, ...), or '' if none. */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return '';
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || blob.length < 4 + length) return '';
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** The key's fingerprint as ssh-keygen -l prints it: SHA256:<base64, no padding>. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** The name ssh looks a host up under: `host` on port 22, `[host]:port` elsewhere. */
export function lookupName(host: string, port: number | string = 22): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return String(port) === '22' ? bare : `[${bare}]:${port}`;
}

function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function hashedMatches(field: string, name: string): boolean {
  const parts = field.split('|');
  // ['', '1', salt, hash]
  if (parts.length !== 4 || parts[1] !== '1' || !BASE64.test(parts[2]) || !BASE64.test(parts[3])) return false;
  const salt = Buffer.from(parts[2], 'base64');
  const expected = Buffer.from(parts[3], 'base64');
  const actual = createHmac('sha1', salt).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Whether a hostnames field applies to the looked-up name (see lookupName). */
export function hostsMatch(hosts: string, name: string): boolean {
  if (hosts.startsWith('|')) return hashedMatches(hosts, name);
  let matched = false;
  for (const raw of hosts.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = negated ? raw.slice(1) : raw;
    if (!pattern || !wildcard(pattern).test(name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/**
 * Decides for a host, port and presented key blob: match (a line vouches for this key),
 * mismatch (the host is on record with other keys only, or this key is @revoked), unknown.
 */
export function checkHostKey(entries: KnownHost[], host: string, port: number | string, key: Buffer): HostKeyDecision {
  const name = lookupName(host, port);
  const forHost = entries.filter((e) => e.marker !== 'cert-authority' && hostsMatch(e.hosts, name));
  const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(key));
  const plain = forHost.filter((e) => e.marker === undefined);
  if (revoked) return { status: 'mismatch', entries: plain, revoked };
  const entry = plain.find((e) => e.key.equals(key));
  if (entry) return { status: 'match', entry };
  return plain.length ? { status: 'mismatch', entries: plain } : { status: 'unknown' };
}

/** Key types on record for the host, in file order (to ask the server for one of them first). */
export function knownKeyTypes(entries: KnownHost[], host: string, port: number | string): string[] {
  const name = lookupName(host, port);
  const types = entries.filter((e) => e.marker === undefined && hostsMatch(e.hosts, name)).map((e) => e.keyType);
  return [...new Set(types)];
}
