// The remote-engine endpoints of scripts/endpoints.sh: Podman's API on a unix
// socket, the Docker engine behind TLS with client certificates (stunnel4), and over SSH
// (sshd + ssh-agent, `docker system dial-stdio`). All listen on loopback or unix sockets.
// `bash scripts/endpoints.sh up` starts them and writes .cache/endpoints/endpoints.json.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './docker.js';

export const ENDPOINTS_FILE = path.join(ROOT, '.cache/endpoints/endpoints.json');

export interface PodmanEndpoint {
  /** unix:///run/dea-podman/podman.sock */
  dockerHost: string;
}

export interface TlsEndpoint {
  /** tcp://127.0.0.1:PORT (stunnel4 in front of /var/run/docker.sock) */
  dockerHost: string;
  /** CA that signed the server and client certificates (PEM file). */
  ca: string;
  /** Client certificate (extendedKeyUsage clientAuth) and its key. */
  cert: string;
  key: string;
  /** An unrelated CA: verifying the server with it must fail. */
  wrongCa: string;
  /** A client certificate signed by the unrelated CA, and its key: the endpoint refuses it. */
  untrustedCert: string;
  untrustedKey: string;
  /** Folder with ca.pem, cert.pem, key.pem (DOCKER_CERT_PATH). */
  certDir: string;
}

export interface SshEndpoint {
  /** ssh://root@127.0.0.1:PORT (stream-local forwarding allowed, as on a stock server) */
  dockerHost: string;
  /** ssh://root@127.0.0.1:PORT2: the same sshd, refusing stream-local forwarding (dial-stdio). */
  noForwardingDockerHost: string;
  /** ssh-agent socket holding the client key (SSH_AUTH_SOCK). */
  sshAuthSock: string;
  /** known_hosts line for [127.0.0.1]:PORT (no ~/.ssh is touched). */
  knownHosts: string;
  /** The server's public host key, `ssh-ed25519 AAAA...` (for an ssh2 hostVerifier). */
  hostKey: string;
  /** The client's private key (also in the agent). */
  identityFile: string;
  /** ssh_config with known_hosts, agent and key; used by the `ssh` wrapper. */
  sshConfig: string;
  /** Folder with an `ssh` wrapper: put it first in PATH for the docker CLI's ssh://. */
  pathPrefix: string;
}

export interface Endpoints {
  podman: PodmanEndpoint;
  tls: TlsEndpoint;
  ssh: SshEndpoint;
}

const REQUIRED: { [K in keyof Endpoints]: (keyof Endpoints[K])[] } = {
  podman: ['dockerHost'],
  tls: ['dockerHost', 'ca', 'cert', 'key', 'wrongCa', 'untrustedCert', 'untrustedKey', 'certDir'],
  ssh: [
    'dockerHost',
    'noForwardingDockerHost',
    'sshAuthSock',
    'knownHosts',
    'hostKey',
    'identityFile',
    'sshConfig',
    'pathPrefix',
  ],
};

const HOW = 'run `bash scripts/endpoints.sh up` (as root, after `bash scripts/engine.sh up`)';

let cached: Endpoints | undefined;

/** Reads .cache/endpoints/endpoints.json; throws a clear error when the endpoints are not up. */
export function readEndpoints(): Endpoints {
  if (cached) return cached;
  if (!existsSync(ENDPOINTS_FILE)) {
    throw new Error(`No remote-engine endpoints: ${ENDPOINTS_FILE} is missing; ${HOW}.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(ENDPOINTS_FILE, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${ENDPOINTS_FILE} (${(error as Error).message}); ${HOW}.`);
  }
  const data = parsed as Record<string, Record<string, unknown> | undefined>;
  for (const [name, keys] of Object.entries(REQUIRED) as [keyof Endpoints, string[]][]) {
    for (const key of keys) {
      if (typeof data?.[name]?.[key] !== 'string' || data[name][key] === '') {
        throw new Error(`${ENDPOINTS_FILE} has no ${name}.${key}; ${HOW}.`);
      }
    }
  }
  const endpoints = parsed as Endpoints;
  const files = [
    endpoints.tls.ca,
    endpoints.tls.cert,
    endpoints.tls.key,
    endpoints.tls.wrongCa,
    endpoints.ssh.sshAuthSock,
    endpoints.ssh.knownHosts,
  ];
  const gone = files.find((file) => !existsSync(file));
  if (gone) throw new Error(`${gone} (named in ${ENDPOINTS_FILE}) is missing; ${HOW}.`);
  cached = endpoints;
  return endpoints;
}

/** Environment for a client of the Podman endpoint (the action, dockerode, the docker CLI). */
export function podmanEnv(endpoints = readEndpoints()): Record<string, string> {
  return { DOCKER_HOST: endpoints.podman.dockerHost };
}

/** Environment for a client of the TLS endpoint: DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH. */
export function tlsEnv(endpoints = readEndpoints()): Record<string, string> {
  return {
    DOCKER_HOST: endpoints.tls.dockerHost,
    DOCKER_TLS_VERIFY: '1',
    DOCKER_CERT_PATH: endpoints.tls.certDir,
  };
}

/**
 * Environment for a client of the SSH endpoint: DOCKER_HOST and SSH_AUTH_SOCK (enough for
 * dockerode/ssh2), and PATH with the `ssh` wrapper first (needed by the docker CLI).
 */
export function sshEnv(endpoints = readEndpoints()): Record<string, string> {
  return {
    DOCKER_HOST: endpoints.ssh.dockerHost,
    SSH_AUTH_SOCK: endpoints.ssh.sshAuthSock,
    PATH: `${endpoints.ssh.pathPrefix}${path.delimiter}${process.env.PATH ?? ''}`,
  };
}

/**
 * Podman 5 from a Debian sid root (`bash scripts/podman-sid.sh up`, as root): its socket as the
 * caller names it in DEA_PODMAN5_HOST, or undefined when unset (its rows are then skipped).
 */
export function podman5Endpoint(): PodmanEndpoint | undefined {
  const host = process.env.DEA_PODMAN5_HOST;
  if (!host) return undefined;
  if (!host.startsWith('unix://'))
    throw new Error(`DEA_PODMAN5_HOST=${host}: give the unix:// socket that scripts/podman-sid.sh up printed`);
  return { dockerHost: host };
}

/** What the Podman 5 rows need, for the line that says why they were skipped. */
export const PODMAN5_NEEDS =
  'DEA_PODMAN5_HOST=unix:///run/dea-podman-sid/podman.sock, from `bash scripts/podman-sid.sh up` (as root)';
