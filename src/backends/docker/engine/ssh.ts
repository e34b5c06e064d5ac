// SSH host-key verification for ssh:// engines, as ssh(1) does it with
// StrictHostKeyChecking=yes: the key the server presents must be on record for the host and
// port in known_hosts (the user's, then the system's); otherwise the connection is refused
// and the reason kept, for the error that the refused connection then causes.
import { readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import type { EngineAddress } from './address.js';
import { ActionError } from '../../../errors.js';
import {
  checkHostKey,
  fingerprint,
  keyTypeOf,
  knownKeyTypes,
  lookupName,
  parseKnownHosts,
  type KnownHost,
} from './known-hosts.js';

/** Where ssh(1) looks for host keys: the user's file (HOME), then the system's. */
function knownHostsFiles(env: Record<string, string | undefined> = process.env): string[] {
  return [path.join(env.HOME || homedir(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
}

/** The user ssh(1) logs in as when the address names none. */
export function localUser(): string {
  try {
    return process.env.USER || userInfo().username;
  } catch {
    return 'root';
  }
}

/** ssh2's host key algorithms for each key type found in known_hosts. */
const HOST_KEY_ALGORITHMS: Record<string, string[]> = {
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

export class HostKeyCheck {
  /** Why the host key was refused, once it was: the sentence for the failed connection. */
  refusal?: string;
  private knownHosts?: { files: string[]; entries: KnownHost[] };

  constructor(private readonly target: EngineAddress) {}

  /**
   * ssh2 accepts any host key unless told otherwise: check it against known_hosts, and ask
   * the server first for a key type on record.
   */
  sshOptions(): Record<string, unknown> {
    const { host = '', port = '22' } = this.target;
    const known = this.read();
    const preferred = knownKeyTypes(known.entries, host, port).flatMap((type) => HOST_KEY_ALGORITHMS[type] ?? []);
    const agent = process.env.SSH_AUTH_SOCK;
    return {
      agent,
      // Only the agent's keys: ssh2 otherwise first asks for the `none` method, a round trip
      // the server always refuses here (40 ms on a link with 20 ms each way).
      ...(agent ? { authHandler: ['agent'] } : {}),
      hostVerifier: (key: Buffer) => this.verify(key),
      ...(preferred.length ? { algorithms: { serverHostKey: { remove: preferred, prepend: preferred } } } : {}),
    };
  }

  private read(): { files: string[]; entries: KnownHost[] } {
    if (this.knownHosts) return this.knownHosts;
    const files = knownHostsFiles();
    const entries: KnownHost[] = [];
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw new ActionError(
          `cannot read ${file} to check the SSH host key of ${this.target.address}: ${(error as Error).message}`,
        );
      }
      entries.push(...parseKnownHosts(text, file));
    }
    this.knownHosts = { files, entries };
    return this.knownHosts;
  }

  private verify(key: Buffer): boolean {
    const { host = '', port = '22' } = this.target;
    const known = this.read();
    const decision = checkHostKey(known.entries, host, port, key);
    if (decision.status === 'match') return true;
    const presented = `the SSH host key of ${host} port ${port} (${keyTypeOf(key)} ${fingerprint(key)})`;
    const add = `ssh-keyscan -p ${port} ${host} >> ~/.ssh/known_hosts`;
    const at = (e: KnownHost) => `${e.file} line ${e.line}`;
    let why: string;
    if (decision.status === 'unknown') {
      why = `is not in ${known.files.join(' or ')}, so nothing was run. Check the key with its owner and add it: ${add}`;
    } else if (decision.revoked) {
      why = `is marked @revoked in ${at(decision.revoked)}, so nothing was run`;
    } else {
      why = `does not match the key on record (${decision.entries.map(at).join(', ')}): the host key changed, or the connection is intercepted, so nothing was run. If the change is expected, remove the old key (ssh-keygen -R '${lookupName(host, port)}') and add the new one: ${add}`;
    }
    this.refusal = `refused the Docker engine at ${this.target.address} (${this.target.source}): ${presented} ${why}`;
    return false;
  }
}
