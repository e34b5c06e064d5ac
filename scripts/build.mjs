// Builds dist/ with ncc: one ESM bundle (Node 24 runs it with no node_modules) plus the
// assets ncc copies. The bundle is prefixed with __dirname/__filename for the CommonJS code
// inside it: ssh2's poly1305 (emscripten) reads __dirname when loaded, which ESM lacks
// (https://github.com/vercel/ncc/issues/749). The output depends only on the sources and the
// lock file, so CI can compare it with the committed dist/.
import ncc from '@vercel/ncc';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist');

const { code, assets } = await ncc(path.join(root, 'src/index.ts'), {
  minify: false,
  sourceMap: false,
  license: 'licenses.txt',
  quiet: true,
  target: 'es2023',
});

const prelude = [
  "import { fileURLToPath as __dea_fileURLToPath } from 'node:url';",
  "import { dirname as __dea_dirname } from 'node:path';",
  'const __filename = __dea_fileURLToPath(import.meta.url);',
  'const __dirname = __dea_dirname(__filename);',
  '',
].join('\n');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, 'index.js'), prelude + code);
for (const [name, asset] of Object.entries(assets ?? {})) {
  const file = path.join(out, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, asset.source, asset.permissions ? { mode: asset.permissions } : undefined);
}
console.log(`dist/index.js: ${(Buffer.byteLength(prelude + code) / 1024).toFixed(0)} KiB, ${Object.keys(assets ?? {}).length} asset(s)`);
