// Which engine to talk to, chosen like the docker CLI does: the docker-host input, else
// DOCKER_HOST (with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH), else the Docker context named by
// DOCKER_CONTEXT or by currentContext in the CLI's config.json, else the default socket.
// docker-modem reads DOCKER_HOST itself but knows nothing of contexts, so the whole choice
// is made here and handed to it as explicit options.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { ActionError, InputError } from '../../../errors.js';
import type { AddressInputs } from '../../../inputs/inputs.js';

export type { AddressInputs } from '../../../inputs/inputs.js';

export interface TlsMaterial {
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** false only for a context that says SkipTLSVerify. */
  verify: boolean;
  /** Where the CA and the client certificate came from, for messages. */
  caFrom?: string;
  certFrom?: string;
}

export interface EngineAddress {
  /** What to show the user, e.g. unix:///var/run/docker.sock or tcp://127.0.0.1:2376. */
  address: string;
  /** Where the address came from: docker-host input, DOCKER_HOST, context NAME from ..., default. */
  source: string;
  protocol: 'unix' | 'http' | 'https' | 'ssh';
  /** The engine's socket: local for unix://, on the SSH host for ssh://host/path. */
  socketPath?: string;
  host?: string;
  port?: string;
  username?: string;
  tls?: TlsMaterial;
}

type Env = Record<string, string | undefined>;

const DEFAULT_SOCKET = '/var/run/docker.sock';

function readCertDir(dir: string, what: string, optional = false): TlsMaterial {
  const read = (name: string) => {
    const file = path.join(dir, name);
    if (optional && !existsSync(file)) return undefined;
    try {
      return readFileSync(file);
    } catch (error) {
      throw new ActionError(`cannot read ${file} (${what}): ${(error as Error).message}`);
    }
  };
  const tls: TlsMaterial = { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), verify: true };
  return withOrigins(tls, path.join(dir, 'ca.pem'), `${path.join(dir, 'cert.pem')} and key.pem`);
}

function withOrigins(tls: TlsMaterial, caFrom: string, certFrom: string): TlsMaterial {
  return { ...tls, caFrom: tls.ca ? caFrom : undefined, certFrom: tls.cert ? certFrom : undefined };
}

/** Parses an engine URL as the docker CLI accepts it. `what` names its origin in errors. */
export function parseHost(value: string, source: string, fail: (problem: string) => Error): EngineAddress {
  const text = value.trim();
  if (text.startsWith('unix://')) {
    const socketPath = text.slice('unix://'.length) || DEFAULT_SOCKET;
    return { address: `unix://${socketPath}`, source, protocol: 'unix', socketPath };
  }
  if (text.startsWith('npipe://')) throw fail(`'${text}': named pipes exist only on Windows engines`);
  const withScheme = text.includes('://') ? text : `tcp://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw fail(`'${text}' is not an engine address: use unix:///path, tcp://host:port or ssh://user@host[:port]`);
  }
  if (url.protocol === 'ssh:') {
    if (!url.hostname) throw fail(`'${text}' has no host: use ssh://user@host[:port]`);
    // ssh://host/path names the engine's socket on that host, as the docker CLI reads it
    // (it runs `docker --host unix:///path system dial-stdio` there).
    const remoteSocket = url.pathname && url.pathname !== '/' ? decodeURIComponent(url.pathname) : undefined;
    return {
      address: `ssh://${url.username ? `${url.username}@` : ''}${url.host}${remoteSocket ?? ''}`,
      source,
      protocol: 'ssh',
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || '22',
      username: decodeURIComponent(url.username) || undefined,
      socketPath: remoteSocket,
    };
  }
  if (url.protocol !== 'tcp:' && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw fail(`'${text}' has an unknown scheme ${url.protocol}//: use unix://, tcp:// or ssh://`);
  }
  if (!url.hostname) throw fail(`'${text}' has no host: use tcp://host:port`);
  const port = url.port || (url.protocol === 'https:' ? '2376' : '2375');
  return {
    address: `tcp://${url.host}${url.port ? '' : `:${port}`}`,
    source,
    protocol: url.protocol === 'https:' || port === '2376' ? 'https' : 'http',
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
  };
}

interface ContextMeta {
  Name?: string;
  Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
}

function dockerConfigDir(env: Env): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || homedir(), '.docker');
}

/** The context the CLI would use: DOCKER_CONTEXT, else config.json's currentContext. */
function selectedContext(env: Env): { name: string; from: string } | undefined {
  if (env.DOCKER_CONTEXT) return { name: env.DOCKER_CONTEXT, from: 'DOCKER_CONTEXT' };
  const configFile = path.join(dockerConfigDir(env), 'config.json');
  if (!existsSync(configFile)) return undefined;
  let config: { currentContext?: unknown };
  try {
    config = JSON.parse(readFileSync(configFile, 'utf8'));
  } catch (error) {
    throw new ActionError(`cannot read the Docker CLI configuration ${configFile}: ${(error as Error).message}`);
  }
  return typeof config.currentContext === 'string' && config.currentContext
    ? { name: config.currentContext, from: `currentContext in ${configFile}` }
    : undefined;
}

function fromContext(name: string, from: string, env: Env): EngineAddress | undefined {
  if (name === 'default') return undefined;
  const digest = createHash('sha256').update(name).digest('hex');
  const base = dockerConfigDir(env);
  const metaFile = path.join(base, 'contexts', 'meta', digest, 'meta.json');
  if (!existsSync(metaFile)) {
    throw new ActionError(
      `Docker context '${name}' (from ${from}) does not exist: no ${metaFile}. Create it with docker context create, or unset ${from.startsWith('DOCKER_CONTEXT') ? 'DOCKER_CONTEXT' : 'currentContext'}`,
    );
  }
  let meta: ContextMeta;
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8'));
  } catch (error) {
    throw new ActionError(`cannot read Docker context '${name}' (${metaFile}): ${(error as Error).message}`);
  }
  const endpoint = meta.Endpoints?.docker;
  if (!endpoint?.Host) throw new ActionError(`Docker context '${name}' has no docker endpoint host (${metaFile})`);
  const address = parseHost(
    endpoint.Host,
    `context ${name} from ${from}`,
    (problem) => new ActionError(`Docker context '${name}': ${problem}`),
  );
  const tlsDir = path.join(base, 'contexts', 'tls', digest, 'docker');
  if (existsSync(tlsDir) && address.protocol !== 'unix' && address.protocol !== 'ssh') {
    const read = (file: string) =>
      existsSync(path.join(tlsDir, file)) ? readFileSync(path.join(tlsDir, file)) : undefined;
    address.tls = withOrigins(
      { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), verify: !endpoint.SkipTLSVerify },
      path.join(tlsDir, 'ca.pem'),
      `${path.join(tlsDir, 'cert.pem')} and key.pem`,
    );
    address.protocol = 'https';
  } else if (endpoint.SkipTLSVerify && address.protocol === 'https') {
    address.tls = { verify: false };
  }
  return address;
}

/** Chooses the engine for this run; see the comment at the top of the file. */
export function chooseEngine(inputs: AddressInputs, env: Env = process.env): EngineAddress {
  const pem = [inputs.tlsCa, inputs.tlsCert, inputs.tlsKey];
  const anyPem = pem.some(Boolean);
  let chosen: EngineAddress;
  if (inputs.dockerHost) {
    chosen = parseHost(inputs.dockerHost, 'docker-host input', (problem) => new InputError('docker-host', problem));
  } else if (env.DOCKER_HOST) {
    chosen = parseHost(env.DOCKER_HOST, 'DOCKER_HOST', (problem) => new ActionError(`DOCKER_HOST: ${problem}`));
    if (chosen.protocol === 'http' && env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0') chosen.protocol = 'https';
    if (env.DOCKER_CERT_PATH && chosen.protocol !== 'unix' && chosen.protocol !== 'ssh') {
      chosen.tls = readCertDir(env.DOCKER_CERT_PATH, 'DOCKER_CERT_PATH');
      chosen.protocol = 'https';
    } else if (chosen.protocol === 'https' && env.DOCKER_TLS_VERIFY) {
      // Like the docker CLI: without DOCKER_CERT_PATH, the certificates in its config folder.
      const dir = dockerConfigDir(env);
      if (existsSync(path.join(dir, 'ca.pem'))) chosen.tls = readCertDir(dir, 'the Docker config folder', true);
    }
  } else {
    const context = selectedContext(env);
    chosen = (context && fromContext(context.name, context.from, env)) || {
      address: `unix://${DEFAULT_SOCKET}`,
      source: 'default',
      protocol: 'unix',
      socketPath: DEFAULT_SOCKET,
    };
  }
  if (anyPem) {
    if (chosen.protocol === 'unix' || chosen.protocol === 'ssh') {
      throw new InputError(
        'tls-ca',
        `TLS material was given but the engine ${chosen.address} (${chosen.source}) is not a tcp:// address`,
      );
    }
    const missing = (['tls-ca', 'tls-cert', 'tls-key'] as const).filter((_, i) => !pem[i]);
    if (missing.length)
      throw new InputError(missing[0], 'tls-ca, tls-cert and tls-key go together: give all three PEM texts');
    chosen.tls = {
      ca: inputs.tlsCa,
      cert: inputs.tlsCert,
      key: inputs.tlsKey,
      verify: true,
      caFrom: 'tls-ca',
      certFrom: 'tls-cert and tls-key',
    };
    chosen.protocol = 'https';
  }
  return chosen;
}
