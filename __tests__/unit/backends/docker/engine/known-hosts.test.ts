// known_hosts parsing and the host key decision. The fixtures come from OpenSSH itself:
// keys from ssh-keygen, hashed lines from `ssh-keygen -H`, fingerprints from `ssh-keygen -l`,
// so the parser is checked against ssh's own output rather than against itself.
import { describe, expect, test } from '@jest/globals';
import {
  checkHostKey,
  fingerprint,
  hostsMatch,
  keyTypeOf,
  knownKeyTypes,
  lookupName,
  parseKnownHosts,
} from '../../../../../src/backends/docker/engine/known-hosts.js';

const KEY_A = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGIdB3+Jzi724f1X8OSXunVjhXs9mhCmDCYcbulHCS28';
const KEY_B = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGbyYBQyXln76TMl2W+CNai27NHJ/gumTfjyYf97/bsm';
const KEY_E =
  'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBDQuAAPSDyVK7HCqT9Nu+3WBViDCu8+14Y/WgrI/mEy4phYx/Nx9toa2ZtdQVykQZ4jWb5GRjZZrHovTYd3xd3Y=';
/** `ssh-keygen -H` of "git.example.com KEY_A" and "[git.example.com]:2222 KEY_B". */
const HASHED = [
  `|1|iyKhQewhrDMrOwE9pB9K8eZdsfs=|tabpINJfP85iFvbGaB/jnWQLo4c= ${KEY_A}`,
  `|1|na5uIGvOMpxzYnYTYtcm7I3KTt0=|MqqXXPJhlhIVr+WM0F7pZXS2vjk= ${KEY_B}`,
].join('\n');

const blob = (line: string) => Buffer.from(line.split(' ')[1], 'base64');
const A = blob(KEY_A);
const B = blob(KEY_B);
const E = blob(KEY_E);
const KEYS: Record<string, Buffer> = { A, B, E };

describe('lookupName', () => {
  test.each<[string, number | string, string]>([
    ['git.example.com', 22, 'git.example.com'],
    ['git.example.com', '22', 'git.example.com'],
    ['Git.Example.COM', 22, 'git.example.com'],
    ['127.0.0.1', 2222, '[127.0.0.1]:2222'],
    ['::1', 22, '::1'],
    ['[::1]', 2222, '[::1]:2222'],
  ])('%s port %s is looked up as %s', (host, port, name) => {
    expect(lookupName(host, port)).toBe(name);
  });
});

describe('hostsMatch', () => {
  test.each<[string, string, boolean]>([
    ['git.example.com', 'git.example.com', true],
    ['Git.Example.COM', 'git.example.com', true],
    ['git.example.com', 'example.com', false],
    ['a.example.com,git.example.com,10.0.0.1', 'git.example.com', true],
    ['a.example.com,git.example.com,10.0.0.1', '10.0.0.1', true],
    ['*.example.com', 'ci.example.com', true],
    ['*.example.com', 'example.com', false],
    ['ci?.example.com', 'ci1.example.com', true],
    ['ci?.example.com', 'ci12.example.com', false],
    ['*.example.com,!evil.example.com', 'evil.example.com', false],
    ['!evil.example.com,*.example.com', 'evil.example.com', false],
    ['*.example.com,!evil.example.com', 'good.example.com', true],
    ['!evil.example.com', 'good.example.com', false],
    ['git.example.com', '[git.example.com]:2222', false],
    ['[git.example.com]:2222', '[git.example.com]:2222', true],
    ['[git.example.com]:2222', '[git.example.com]:22222', false],
    ['[*.example.com]:2222', '[ci.example.com]:2222', true],
    ['10.0.0.?', '10.0.0.1', true],
    ['10.0.0.1', '10.0.0.12', false],
    ['git.example.com', 'gitXexample.com', false],
    ['|1|iyKhQewhrDMrOwE9pB9K8eZdsfs=|tabpINJfP85iFvbGaB/jnWQLo4c=', 'git.example.com', true],
    ['|1|iyKhQewhrDMrOwE9pB9K8eZdsfs=|tabpINJfP85iFvbGaB/jnWQLo4c=', 'other.example.com', false],
    ['|1|na5uIGvOMpxzYnYTYtcm7I3KTt0=|MqqXXPJhlhIVr+WM0F7pZXS2vjk=', '[git.example.com]:2222', true],
    ['|1|na5uIGvOMpxzYnYTYtcm7I3KTt0=|MqqXXPJhlhIVr+WM0F7pZXS2vjk=', 'git.example.com', false],
    ['|2|iyKhQewhrDMrOwE9pB9K8eZdsfs=|tabpINJfP85iFvbGaB/jnWQLo4c=', 'git.example.com', false],
    ['|1|iyKhQewhrDMrOwE9pB9K8eZdsfs=', 'git.example.com', false],
    ['|1|not base64!|tabpINJfP85iFvbGaB/jnWQLo4c=', 'git.example.com', false],
  ])('%s applies to %s: %s', (hosts, name, expected) => {
    expect(hostsMatch(hosts, name)).toBe(expected);
  });
});

describe('parseKnownHosts', () => {
  test('entries, markers, line numbers; comments, blank, CRLF and broken lines skipped', () => {
    const text = [
      '# a comment',
      '',
      `git.example.com ${KEY_A} comment with spaces\r`,
      `  \t[127.0.0.1]:2222,localhost ${KEY_B}`,
      `@revoked * ${KEY_E}`,
      `@cert-authority *.example.com ${KEY_B}`,
      `@unknown-marker host ${KEY_A}`,
      'host-without-key ssh-ed25519',
      'host ssh-ed25519 not*base64',
      `host ssh-rsa ${KEY_A.split(' ')[1]}`, // the blob says ssh-ed25519
      'host ssh-ed25519 AAAA',
      '   # indented comment',
    ].join('\n');
    const entries = parseKnownHosts(text, '/home/u/.ssh/known_hosts');
    expect(entries.map((e) => [e.line, e.marker, e.hosts, e.keyType])).toEqual([
      [3, undefined, 'git.example.com', 'ssh-ed25519'],
      [4, undefined, '[127.0.0.1]:2222,localhost', 'ssh-ed25519'],
      [5, 'revoked', '*', 'ecdsa-sha2-nistp256'],
      [6, 'cert-authority', '*.example.com', 'ssh-ed25519'],
    ]);
    expect(entries[0].file).toBe('/home/u/.ssh/known_hosts');
    expect(entries[0].key.equals(A)).toBe(true);
  });

  test('an empty file has no entries', () => {
    expect(parseKnownHosts('')).toEqual([]);
    expect(parseKnownHosts('\n\n# only comments\n')).toEqual([]);
  });
});

describe('checkHostKey', () => {
  const file = [
    `git.example.com ${KEY_A}`,
    `[git.example.com]:2222 ${KEY_B}`,
    `*.corp.example,!lab.corp.example ${KEY_A}`,
    `build.example.com ${KEY_E}`,
    `both.example.com ${KEY_A}`,
    `both.example.com ${KEY_E}`,
    `@cert-authority ca.example.com ${KEY_A}`,
    `revoked.example.com ${KEY_B}`,
    `@revoked revoked.example.com ${KEY_B}`,
  ].join('\n');
  const entries = parseKnownHosts(file);
  const hashed = parseKnownHosts(HASHED);

  test.each<[string, string, number, string, 'match' | 'mismatch' | 'unknown']>([
    ['plain', 'git.example.com', 22, 'A', 'match'],
    ['plain, any case', 'GIT.example.com', 22, 'A', 'match'],
    ['plain: another key', 'git.example.com', 22, 'B', 'mismatch'],
    ['plain line does not vouch for another port', 'git.example.com', 2200, 'A', 'unknown'],
    ['[host]:port line', 'git.example.com', 2222, 'B', 'match'],
    ['[host]:port line: another key', 'git.example.com', 2222, 'A', 'mismatch'],
    ['unknown host', 'elsewhere.example.com', 22, 'A', 'unknown'],
    ['wildcard', 'ci.corp.example', 22, 'A', 'match'],
    ['negated pattern', 'lab.corp.example', 22, 'A', 'unknown'],
    ['on record with another key type', 'build.example.com', 22, 'A', 'mismatch'],
    ['one of two types on record', 'both.example.com', 22, 'E', 'match'],
    ['@cert-authority does not vouch for a plain key', 'ca.example.com', 22, 'A', 'unknown'],
    ['@revoked wins over a plain line', 'revoked.example.com', 22, 'B', 'mismatch'],
  ])('%s: %s port %d key %s -> %s', (_what, host, port, key, status) => {
    expect(checkHostKey(entries, host, port, KEYS[key]).status).toBe(status);
  });

  test.each<[string, number, string, 'match' | 'mismatch' | 'unknown']>([
    ['git.example.com', 22, 'A', 'match'],
    ['git.example.com', 22, 'B', 'mismatch'],
    ['git.example.com', 2222, 'B', 'match'],
    ['git.example.com', 2222, 'A', 'mismatch'],
    ['git.example.com', 2200, 'B', 'unknown'],
    ['other.example.com', 22, 'A', 'unknown'],
  ])('hashed (ssh-keygen -H): %s port %d key %s -> %s', (host, port, key, status) => {
    expect(checkHostKey(hashed, host, port, KEYS[key]).status).toBe(status);
  });

  test('a match names its line; a mismatch lists the lines on record; @revoked is named', () => {
    const match = checkHostKey(entries, 'git.example.com', 2222, B);
    expect(match).toMatchObject({ status: 'match', entry: { line: 2 } });
    const changed = checkHostKey(entries, 'both.example.com', 22, B);
    expect(changed.status === 'mismatch' && changed.entries.map((e) => e.line)).toEqual([5, 6]);
    const revoked = checkHostKey(entries, 'revoked.example.com', 22, B);
    expect(revoked.status === 'mismatch' && revoked.revoked?.line).toBe(9);
  });

  test('files read together: a match in either vouches for the key', () => {
    const both = [
      ...parseKnownHosts(`other ${KEY_B}`, 'user'),
      ...parseKnownHosts(`git.example.com ${KEY_A}`, 'global'),
    ];
    expect(checkHostKey(both, 'git.example.com', 22, A)).toMatchObject({
      status: 'match',
      entry: { file: 'global', line: 1 },
    });
  });
});

describe('key helpers', () => {
  test.each<[Buffer, string]>([
    [A, 'SHA256:Z+1SsXhA+J9HLCC+ED0kQpHOgvH8NCyrTIbm5UTQinQ'],
    [E, 'SHA256:6x4mmSdKkh2ZhbRy8/Hg7gfjlu0uytWBgNUN3vSNwnU'],
  ])('fingerprint as ssh-keygen -l prints it', (key, expected) => {
    expect(fingerprint(key)).toBe(expected);
  });

  test.each<[Buffer, string]>([
    [A, 'ssh-ed25519'],
    [E, 'ecdsa-sha2-nistp256'],
    [Buffer.alloc(0), ''],
    [Buffer.from([0, 0, 0, 50, 1]), ''],
  ])('keyTypeOf %#', (key, type) => {
    expect(keyTypeOf(key)).toBe(type);
  });

  test('knownKeyTypes lists the types on record for the host, in file order, once each', () => {
    const entries = parseKnownHosts(
      [`h ${KEY_E}`, `h ${KEY_A}`, `h ${KEY_B}`, `@revoked h ${KEY_A}`, `other ${KEY_A}`].join('\n'),
    );
    expect(knownKeyTypes(entries, 'h', 22)).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519']);
    expect(knownKeyTypes(entries, 'h', 2222)).toEqual([]);
  });
});
