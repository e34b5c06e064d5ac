// Which engine, chosen like the docker CLI (src/backends/docker/engine/address.ts): the order, the source
// named in the log header, and where TLS material comes from (named in TLS errors).
import { afterAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dialStdioCommand } from '../../../../../src/backends/docker/engine/ssh-tunnel.js';
import { chooseEngine } from '../../../../../src/backends/docker/engine/address.js';

const dirs: string[] = [];
function dir(): string {
  const made = mkdtempSync(path.join(tmpdir(), 'dea-addr-'));
  dirs.push(made);
  return made;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A DOCKER_CONFIG folder as the CLI writes it, with one context (and TLS files, if given). */
function configWithContext(
  name: string,
  host: string,
  options: { current?: boolean; tls?: boolean; skipVerify?: boolean } = {},
): string {
  const config = dir();
  const digest = createHash('sha256').update(name).digest('hex');
  mkdirSync(path.join(config, 'contexts/meta', digest), { recursive: true });
  writeFileSync(
    path.join(config, 'contexts/meta', digest, 'meta.json'),
    JSON.stringify({ Name: name, Endpoints: { docker: { Host: host, SkipTLSVerify: options.skipVerify ?? false } } }),
  );
  if (options.tls) {
    const tls = path.join(config, 'contexts/tls', digest, 'docker');
    mkdirSync(tls, { recursive: true });
    for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(tls, file), `${file} of ${name}`);
  }
  if (options.current) writeFileSync(path.join(config, 'config.json'), JSON.stringify({ currentContext: name }));
  return config;
}

function certDir(): string {
  const certs = dir();
  for (const file of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(path.join(certs, file), file);
  return certs;
}

describe('the order: docker-host, DOCKER_HOST, DOCKER_CONTEXT, currentContext, default', () => {
  const config = configWithContext('ctx', 'unix:///run/ctx.sock', { current: true });
  const other = configWithContext('other', 'unix:///run/other.sock');
  test.each<[string, { dockerHost?: string }, Record<string, string>, string, string]>([
    [
      'input wins',
      { dockerHost: 'unix:///run/input.sock' },
      { DOCKER_HOST: 'unix:///run/env.sock', DOCKER_CONFIG: config, DOCKER_CONTEXT: 'ctx' },
      'unix:///run/input.sock',
      'docker-host input',
    ],
    [
      'DOCKER_HOST next',
      {},
      { DOCKER_HOST: 'unix:///run/env.sock', DOCKER_CONFIG: config, DOCKER_CONTEXT: 'ctx' },
      'unix:///run/env.sock',
      'DOCKER_HOST',
    ],
    [
      'DOCKER_CONTEXT next',
      {},
      { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'ctx' },
      'unix:///run/ctx.sock',
      'context ctx from DOCKER_CONTEXT',
    ],
    [
      'currentContext next',
      {},
      { DOCKER_CONFIG: config },
      'unix:///run/ctx.sock',
      `context ctx from currentContext in ${config}/config.json`,
    ],
    [
      'DOCKER_CONTEXT=default means the default socket',
      {},
      { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'default' },
      'unix:///var/run/docker.sock',
      'default',
    ],
    ['no context chosen', {}, { DOCKER_CONFIG: other }, 'unix:///var/run/docker.sock', 'default'],
    ['nothing set', {}, { HOME: dir() }, 'unix:///var/run/docker.sock', 'default'],
  ])('%s', (_what, inputs, env, address, source) => {
    expect(chooseEngine(inputs, env)).toMatchObject({ address, source });
  });

  test('a context that does not exist is an error naming it', () => {
    expect(() => chooseEngine({}, { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'missing' })).toThrow(
      /Docker context 'missing' \(from DOCKER_CONTEXT\) does not exist/,
    );
  });
});

describe('TLS material and where it came from', () => {
  test('inputs: all three, verified, named tls-ca and tls-cert', () => {
    const chosen = chooseEngine({ dockerHost: 'tcp://engine:2376', tlsCa: 'CA', tlsCert: 'CERT', tlsKey: 'KEY' }, {});
    expect(chosen).toMatchObject({
      protocol: 'https',
      host: 'engine',
      port: '2376',
      tls: { ca: 'CA', cert: 'CERT', key: 'KEY', verify: true, caFrom: 'tls-ca', certFrom: 'tls-cert and tls-key' },
    });
  });

  test.each([
    [{ tlsCa: 'CA', dockerHost: 'tcp://engine:2376' }, "Input 'tls-cert': tls-ca, tls-cert and tls-key go together"],
    [
      { tlsCa: 'CA', tlsCert: 'C', dockerHost: 'tcp://engine:2376' },
      "Input 'tls-key': tls-ca, tls-cert and tls-key go together",
    ],
    [
      { tlsCa: 'CA', tlsCert: 'C', tlsKey: 'K', dockerHost: 'unix:///run/x.sock' },
      "Input 'tls-ca': TLS material was given but the engine unix:///run/x.sock",
    ],
    [
      { tlsCa: 'CA', tlsCert: 'C', tlsKey: 'K', dockerHost: 'ssh://u@h' },
      "Input 'tls-ca': TLS material was given but the engine ssh://u@h",
    ],
  ])('%j is refused', (inputs, message) => {
    expect(() => chooseEngine(inputs, { DOCKER_CONFIG: dir() })).toThrow(message);
  });

  test('DOCKER_CERT_PATH: the three files, named by path', () => {
    const certs = certDir();
    const chosen = chooseEngine(
      {},
      { DOCKER_HOST: 'tcp://engine:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs },
    );
    expect(chosen).toMatchObject({
      protocol: 'https',
      source: 'DOCKER_HOST',
      tls: { verify: true, caFrom: `${certs}/ca.pem`, certFrom: `${certs}/cert.pem and key.pem` },
    });
    expect(String(chosen.tls?.ca)).toBe('ca.pem');
  });

  test('DOCKER_TLS_VERIFY without DOCKER_CERT_PATH: the files in the Docker config folder, as the CLI does', () => {
    const config = certDir();
    const chosen = chooseEngine(
      {},
      { DOCKER_HOST: 'tcp://engine:2375', DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: config },
    );
    expect(chosen).toMatchObject({ protocol: 'https', tls: { verify: true, caFrom: `${config}/ca.pem` } });
  });

  test('DOCKER_TLS_VERIFY with no files anywhere: TLS against the system CAs', () => {
    const chosen = chooseEngine({}, { DOCKER_HOST: 'tcp://engine:2375', DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: dir() });
    expect(chosen.protocol).toBe('https');
    expect(chosen.tls).toBeUndefined();
  });

  test("a context's TLS files and SkipTLSVerify", () => {
    const config = configWithContext('remote', 'tcp://engine:2376', { tls: true, skipVerify: true });
    const chosen = chooseEngine({}, { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'remote' });
    expect(chosen).toMatchObject({
      protocol: 'https',
      source: 'context remote from DOCKER_CONTEXT',
      tls: { verify: false },
    });
    expect(String(chosen.tls?.ca)).toBe('ca.pem of remote');
    expect(chosen.tls?.caFrom).toMatch(/contexts\/tls\/[0-9a-f]{64}\/docker\/ca\.pem$/);
  });
});

describe('ssh:// addresses', () => {
  test.each<[string, Record<string, string | undefined>]>([
    [
      'ssh://deploy@build.example.com',
      { address: 'ssh://deploy@build.example.com', host: 'build.example.com', port: '22', username: 'deploy' },
    ],
    [
      'ssh://deploy@build.example.com:2222',
      { address: 'ssh://deploy@build.example.com:2222', host: 'build.example.com', port: '2222', username: 'deploy' },
    ],
    [
      'ssh://build.example.com',
      { address: 'ssh://build.example.com', host: 'build.example.com', port: '22', username: undefined },
    ],
    ['ssh://deploy@[::1]:2222', { address: 'ssh://deploy@[::1]:2222', host: '::1', port: '2222', username: 'deploy' }],
    // A path names the engine's socket on the SSH host (the docker CLI's connhelper).
    [
      'ssh://deploy@h/run/user/1000/docker.sock',
      { address: 'ssh://deploy@h/run/user/1000/docker.sock', socketPath: '/run/user/1000/docker.sock' },
    ],
    ['ssh://deploy@h/', { address: 'ssh://deploy@h', socketPath: undefined }],
    ['ssh://h/run/my%20docker.sock', { socketPath: '/run/my docker.sock' }],
  ])('%s', (dockerHost, expected) => {
    expect(chooseEngine({ dockerHost }, {})).toMatchObject({
      protocol: 'ssh',
      source: 'docker-host input',
      ...expected,
    });
  });
});

describe('the remote command of a dial-stdio channel (as docker/cli connhelper builds it)', () => {
  test.each([
    [undefined, 'docker system dial-stdio'],
    ['/var/run/docker.sock', 'docker --host unix:///var/run/docker.sock system dial-stdio'],
    ['/run/my docker.sock', "docker --host 'unix:///run/my docker.sock' system dial-stdio"],
    ["/tmp/it's.sock", "docker --host 'unix:///tmp/it'\\''s.sock' system dial-stdio"],
  ])('%s', (socketPath, command) => {
    expect(dialStdioCommand(socketPath)).toBe(command);
  });
});
