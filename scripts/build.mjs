// Builds dist/ with ncc: the action as one ESM bundle (dist/index.js; Node 24 runs it with no
// node_modules), and ssh2 as a CommonJS bundle of its own (dist/ssh2/index.cjs) that is
// loaded only when the engine is reached over ssh://.
//
// Why ssh2 stands apart: docker-modem requires ssh2 when it loads, whatever the engine, and
// ssh2 does real work at load (its poly1305 WebAssembly, crypto probing): start-up paid by
// every local-socket run. The action's bundle maps `ssh2` to dist/ssh2-lazy.cjs, whose Client
// loads the real one on first use. CommonJS also gives ssh2's emscripten code the __dirname
// it reads at load, which an ESM bundle lacks (https://github.com/vercel/ncc/issues/749).
//
// @actions/http-client (and undici under it) stands apart for the same reason: @actions/core
// imports it for getIDToken (OIDC), which this action never calls, and loading undici costs
// ~20 ms of every start. dist/http-client-lazy.cjs loads dist/http-client/index.js (ESM, by
// require(esm): Node >= 20.19) on first use of one of its classes.
//
// The output depends only on the sources and the lock file, so CI can compare it with the
// committed dist/.
import ncc from '@vercel/ncc';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
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

const action = await ncc(path.join(root, 'src/index.ts'), {
  minify: false,
  sourceMap: false,
  license: 'licenses.txt',
  quiet: true,
  target: 'es2023',
  externals: {
    ssh2: './ssh2-lazy.cjs',
    '@actions/http-client': './http-client-lazy.cjs',
    '@actions/http-client/lib/auth': './http-client-lazy.cjs',
  },
});
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
// Webpack reads an ESM import of a CommonJS module's names at each use, so getters are lazy.
const httpClientLazy = `'use strict';
// Stands in for @actions/http-client until one of its classes is used (see scripts/build.mjs).
let httpClient;
const load = () => (httpClient ??= require('./http-client/index.js'));
module.exports = {
  get HttpClient() {
    return load().HttpClient;
  },
  get BearerCredentialHandler() {
    return load().BearerCredentialHandler;
  },
};
`;
const httpClientEntry = path.join(root, 'scripts/http-client-entry.mjs');
const httpClient = await ncc(httpClientEntry, { minify: false, sourceMap: false, license: 'licenses.txt', quiet: true, target: 'es2023' });
const ssh2 = await ncc(require.resolve('ssh2'), { minify: false, sourceMap: false, license: 'licenses.txt', quiet: true, target: 'es2023' });

rmSync(out, { recursive: true, force: true });
write(out, 'index.js', action.code);
for (const [name, asset] of Object.entries(action.assets ?? {})) write(out, name, asset.source, asset.permissions);
write(out, 'ssh2-lazy.cjs', ssh2Lazy);
write(path.join(out, 'ssh2'), 'index.cjs', ssh2.code);
for (const [name, asset] of Object.entries(ssh2.assets ?? {})) write(path.join(out, 'ssh2'), name, asset.source, asset.permissions);
write(out, 'http-client-lazy.cjs', httpClientLazy);
write(path.join(out, 'http-client'), 'index.js', httpClient.code);
for (const [name, asset] of Object.entries(httpClient.assets ?? {})) write(path.join(out, 'http-client'), name, asset.source, asset.permissions);
const kib = (text) => `${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB`;
console.log(
  `dist/index.js: ${kib(action.code)}; loaded only when needed: dist/ssh2/index.cjs ${kib(ssh2.code)}, dist/http-client/index.js ${kib(httpClient.code)}`,
);
