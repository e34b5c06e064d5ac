// Builds dist/ with ncc: the action as one ESM bundle (dist/index.js; Node 24 runs it with no
// node_modules), and ssh2 as a CommonJS bundle of its own (dist/ssh2/index.cjs) that is
// loaded only when the engine is reached over ssh://.
//
// Start-up is measured against `docker exec` (`npm run bench`), so the bundle holds
// and loads only what the common path runs. Each measure below was timed on its own, Node 24,
// `command: true` over the local socket, medians of alternating runs:
//
// - ssh2 stands apart: docker-modem requires it when it loads, whatever the engine, and ssh2
//   does real work at load (its poly1305 WebAssembly, crypto probing). The bundle maps `ssh2`
//   to dist/ssh2-lazy.cjs, whose Client loads the real one on first use. CommonJS also gives
//   ssh2's emscripten code the __dirname it reads at load, which an ESM bundle lacks
//   (https://github.com/vercel/ncc/issues/749).
// - Left out, never called by this action: @actions/http-client (with undici under it) and
//   @actions/exec (with @actions/io), which @actions/core imports only for getIDToken (OIDC)
//   and core.platform (checked below: the sources must not use them); dockerode's
//   build-context code (tar-fs, @balena/dockerignore). readable-stream, a copy of Node's
//   streams that docker-modem uses, is Node's own `stream` (what it gives itself with
//   READABLE_STREAM=disable). Bundle 452 -> 224 KiB, start-up -14 ms.
// - Built-in modules the common path does not use (crypto, https, zlib, child_process, ...)
//   load on first use, not when the bundle loads: -10 ms. See LOADED_ON_FIRST_USE.
// - docker-modem formats every request with util.inspect for its debug log even when that
//   log is off; the bundle asks debug.enabled first. -3 ms.
//
// The output depends only on the sources and the lock file, so CI can compare it with the
// committed dist/.
import ncc from '@vercel/ncc';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');
const require = createRequire(import.meta.url);

function write(folder, name, content, mode) {
  const file = path.join(folder, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content, mode ? { mode } : undefined);
}

/** Modules the bundle requires only when first used: a proxy stands in until then. */
const LOADED_ON_FIRST_USE = [
  // built-ins the common path never uses (https for https:// engines only; crypto for
  // @actions/core's output delimiters and SSH host keys; the rest for features not taken)
  'crypto',
  'node:crypto',
  'https',
  'node:https',
  'node:tls',
  'zlib',
  'node:fs/promises',
  // left out of the bundle (see above): reaching them fails with "Cannot find module"
  'tar-fs',
  '@balena/dockerignore',
];

// What is left out must stay unused: @actions/core reaches it only through these.
for (const file of readdirSync(path.join(root, 'src'), { recursive: true }).filter((name) => name.endsWith('.ts'))) {
  const use = /\bcore\.(getIDToken|platform)\b/.exec(readFileSync(path.join(root, 'src', file), 'utf8'));
  if (use)
    throw new Error(
      `build: src/${file} uses core.${use[1]}, whose dependencies are left out of the bundle (see scripts/build.mjs)`,
    );
}

const action = await ncc(path.join(root, 'src/index.ts'), {
  minify: false,
  sourceMap: false,
  license: 'licenses.txt',
  quiet: true,
  target: 'es2023',
  externals: {
    ssh2: './ssh2-lazy.cjs',
    '@actions/http-client': './left-out.mjs',
    '@actions/http-client/lib/auth': './left-out.mjs',
    '@actions/exec': './left-out.mjs',
    // @kubernetes/client-node's generated API (15 MB: every resource's model), which its
    // KubeConfig imports for makeApiClient; the action makes its few requests itself.
    './gen/index.js': './left-out.mjs',
    'readable-stream': 'stream',
    // docker-modem's debug log (DEBUG=modem): the `debug` package loads tty and probes the
    // terminal's colours when it loads, ~3 ms of start-up for a log this action never turns on.
    debug: './debug-off.cjs',
    'tar-fs': 'tar-fs',
    '@balena/dockerignore': '@balena/dockerignore',
  },
});

/** Replaces `from` once in `code`; fails the build when it is not there exactly once. */
function replaceOnce(code, from, to, why) {
  const at = code.indexOf(from);
  if (at < 0 || code.indexOf(from, at + 1) >= 0)
    throw new Error(`build: expected one ${JSON.stringify(from)} in the bundle (${why})`);
  return code.slice(0, at) + to + code.slice(at + from.length);
}

let code = action.code;
for (const name of LOADED_ON_FIRST_USE) {
  const eager = `__WEBPACK_EXTERNAL_createRequire(import.meta.url)(${JSON.stringify(name)})`;
  code = replaceOnce(code, eager, `__loadOnFirstUse(${JSON.stringify(name)})`, 'a module loaded on first use');
}
// The stand-in reads the real module at each property access (webpack's output calls
// `ns.fn(...)`, never keeps a destructured copy of a module it loads this way).
const loadOnFirstUse = `const __loadOnFirstUse = (name) => {
  let real;
  const load = () => (real ??= __WEBPACK_EXTERNAL_createRequire(import.meta.url)(name));
  // Built-in modules are no ES modules: webpack's interop asks __esModule of each module
  // shared between chunks when the bundle loads, which must not load it.
  return new Proxy({}, { get: (_, key) => (key === '__esModule' ? undefined : load()[key]), has: (_, key) => key in load() });
};
`;
code = code.replace(/^(import [^\n]*\n)+/, (imports) => imports + loadOnFirstUse);
code = replaceOnce(
  code,
  "debug('Sending: %s', util.inspect(options, {",
  "debug.enabled && debug('Sending: %s', util.inspect(options, {",
  "docker-modem's debug log of each request",
);

// docker-modem's ssh module resolves `require('ssh2')` to this file when it loads.
const ssh2Lazy = `'use strict';
// Stands in for ssh2 until an ssh:// engine is used (see scripts/build.mjs).
let ssh2;
const load = () => (ssh2 ??= require('./ssh2/index.cjs'));
class Client {
  constructor(...args) {
    return new (load().Client)(...args);
  }
}
module.exports = { Client };
`;
const debugOff = `'use strict';
// Stands in for the \`debug\` package (see scripts/build.mjs): every log is off.
module.exports = () => Object.assign(() => undefined, { enabled: false });
`;
const leftOut = `// @actions/http-client and @actions/exec are left out of this action (see
// scripts/build.mjs): @actions/core imports them only for getIDToken and core.platform,
// which this action never calls.
export {};
`;
const ssh2 = await ncc(require.resolve('ssh2'), {
  minify: false,
  sourceMap: false,
  license: 'licenses.txt',
  quiet: true,
  target: 'es2023',
});

rmSync(out, { recursive: true, force: true });
write(out, 'index.js', code);
for (const [name, asset] of Object.entries(action.assets ?? {})) write(out, name, asset.source, asset.permissions);
write(out, 'ssh2-lazy.cjs', ssh2Lazy);
write(out, 'left-out.mjs', leftOut);
write(out, 'debug-off.cjs', debugOff);
write(path.join(out, 'ssh2'), 'index.cjs', ssh2.code);
// pagent.exe is ssh2's helper for PuTTY's Pageant, which only its Windows agent code starts;
// this action runs on Linux runners only, so the Windows binary is not shipped.
const WINDOWS_ONLY = new Set(['pagent.exe']);
if (!ssh2.assets?.['pagent.exe']) throw new Error('build: ssh2 no longer ships pagent.exe: update WINDOWS_ONLY');
for (const [name, asset] of Object.entries(ssh2.assets ?? {}))
  if (!WINDOWS_ONLY.has(name)) write(path.join(out, 'ssh2'), name, asset.source, asset.permissions);
const kib = (text) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`;
console.log(`dist/index.js: ${kib(code)}; loaded only when needed: dist/ssh2/index.cjs ${kib(ssh2.code)}`);
