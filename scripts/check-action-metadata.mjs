// Checks action.yml the way the readers that matter read it, so that a broken file fails
// `npm run lint` instead of every workflow that uses the action:
//   1. a strict YAML parser (the `yaml` package, scripts/action-runner.mjs);
//   2. the runner's own template schema, scripts/schemas/action_yaml.json, read by
//      @actions/workflow-parser's template reader: GitHub's TypeScript port of the runner's
//      TemplateReader (actions/languageservices). action_yaml.json is in the runner's template
//      format (mapping, loose-key-type, context), not JSON Schema, so ajv cannot read it; this
//      reader applies it as the runner does, and parses each `${{ }}` with @actions/expressions
//      against the contexts and functions the schema allows there;
//   3. SchemaStore's github-action.json (JSON Schema, ajv): the keys GitHub documents, the
//      Marketplace's branding icons and colours;
//   4. the few rules below that neither schema says, each naming the runner code it follows.
// Where each schema came from: scripts/schemas/README.md.
//
//   node scripts/check-action-metadata.mjs [path/to/action.yml]
// prints one line per problem, prefixed with the file, and exits 1; or one "ok" line.
import { TemplateContext, TemplateValidationErrors } from '@actions/workflow-parser/templates/template-context';
import { readTemplate } from '@actions/workflow-parser/templates/template-reader';
import { TemplateSchema } from '@actions/workflow-parser/templates/schema/index';
import { JSONObjectReader } from '@actions/workflow-parser/templates/json-object-reader';
import { NoOperationTraceWriter } from '@actions/workflow-parser/templates/trace-writer';
import { YamlObjectReader } from '@actions/workflow-parser/workflows/yaml-object-reader';
import Ajv from 'ajv';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlias, isMap, LineCounter, parseDocument, visit } from 'yaml';
import { parseYamlStrict, ROOT } from './action-runner.mjs';

const SCHEMAS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schemas');
const readJson = (name) => readFileSync(path.join(SCHEMAS, name), 'utf8').replace(/^\uFEFF/, '');

/** The Node version this project builds and tests for; the runner would accept older ones. */
export const PROJECT_NODE_VERSION = 'node24';

const runnerSchema = TemplateSchema.load(new JSONObjectReader(undefined, readJson('action_yaml.json')));
// strictTypes off: the upstream schema's if/then branches give `properties` without `type`,
// valid JSON Schema that ajv's strict mode only warns about; every other strict check stays on.
const validateMarketplace = new Ajv({ allErrors: true, verbose: true, strictTypes: false }).compile(
  JSON.parse(readJson('github-action.json')),
);

/** Problems the runner's reader finds, with its own messages ("(Line: 58, Col: 14): ..."). */
function runnerProblems(text) {
  const context = new TemplateContext(new TemplateValidationErrors(), runnerSchema, new NoOperationTraceWriter());
  const fileId = context.getFileId('action.yml');
  const reader = new YamlObjectReader(fileId, text);
  if (reader.errors.length) return reader.errors.map((error) => `not valid YAML: ${error.message.split('\n')[0]}`);
  // 'action-root' is the definition the runner loads action.yml with (ActionManifestManager).
  readTemplate(context, 'action-root', reader, fileId);
  return context.errors
    .getErrors()
    .map(
      (error) =>
        `${error.message.replace(/^action\.yml \(Line: (\d+), Col: (\d+)\): /, 'line $1, column $2: ')} (actions/runner action_yaml.json)`,
    );
}

/** Problems against SchemaStore's github-action.json, one line each, at the YAML path. */
function marketplaceProblems(doc) {
  if (validateMarketplace(doc)) return [];
  // An if/then/else or oneOf failure only repeats the errors of its branches.
  const errors = validateMarketplace.errors.filter((error) => !['if', 'oneOf'].includes(error.keyword));
  return errors.map((error) => {
    const where = error.instancePath.slice(1).replaceAll('/', '.') || '(top level)';
    const detail =
      error.keyword === 'additionalProperties'
        ? `unknown key '${error.params.additionalProperty}'`
        : error.keyword === 'enum'
          ? `${JSON.stringify(error.data)} is not one of the allowed values (${error.params.allowedValues.length} in the schema)`
          : error.message;
    return `${where}: ${detail} (SchemaStore github-action.json)`;
  });
}

/**
 * Rules no schema expresses. Each names the runner behaviour it follows.
 * `doc` is the parsed document, `yamlDoc` the yaml package's node tree, `root` the action folder,
 * `lineOf` a node's line.
 */
function handRules(doc, yamlDoc, root, lineOf) {
  const problems = [];
  // The runner's YamlObjectReader throws "Anchors are not currently supported" on any anchor,
  // and a YAML parser takes them without a word.
  visit(yamlDoc, (_key, node) => {
    if (isAlias(node)) problems.push(`line ${lineOf(node)}: alias *${node.source}; ${ANCHORS}`);
    else if (node?.anchor) problems.push(`line ${lineOf(node)}: anchor &${node.anchor}; ${ANCHORS}`);
  });
  // The runner's TemplateReader keeps mapping keys in a case-insensitive set (StringComparer.
  // OrdinalIgnoreCase), and inputs reach the action as INPUT_<NAME> upper-cased: `Command` and
  // `command` would be one input. The reader reports it; this says which keys, in YAML terms.
  visit(yamlDoc, {
    Map(_key, map) {
      const seen = new Map();
      for (const pair of map.items) {
        const key = String(pair.key?.value ?? pair.key);
        const folded = key.toLowerCase();
        if (seen.has(folded) && seen.get(folded) !== key)
          problems.push(
            `line ${lineOf(pair.key)}: keys '${seen.get(folded)}' and '${key}' differ only in case; the runner reads keys regardless of case (TemplateReader: OrdinalIgnoreCase), so they are one key`,
          );
        seen.set(folded, key);
      }
    },
  });
  const runs = doc?.runs;
  if (runs && typeof runs === 'object') {
    // ActionManifestManager.ConvertRuns accepts node12..node24 (running node12 and node16 as
    // node20); this project is built and tested for node24 only.
    if (runs.using !== PROJECT_NODE_VERSION)
      problems.push(
        `runs.using: is "${runs.using}"; this project requires ${PROJECT_NODE_VERSION} (the runner accepts node12, node16, node20, node24: ActionManifestManager ConvertRuns)`,
      );
    // NodeScriptActionHandler joins main, pre and post to the action folder and fails the step
    // when the file is missing (Path.Combine, ArgUtil.File), long after the workflow loaded.
    for (const key of ['main', 'pre', 'post']) {
      if (runs[key] === undefined) continue;
      const file = path.join(root, String(runs[key]));
      if (!existsSync(file) || !statSync(file).isFile())
        problems.push(
          `runs.${key}: '${runs[key]}' is not a file in the action folder; the runner joins it to that folder and fails when the file is missing (NodeScriptActionHandler: Path.Combine, ArgUtil.File)`,
        );
    }
  }
  return problems;
}

const ANCHORS = `the runner's YAML reader refuses anchors and aliases ("Anchors are not currently supported": YamlObjectReader)`;

/**
 * Every problem of an action.yml text, one line each, without the file name.
 * `root` is the folder runs.main is looked up in.
 */
export function checkActionText(text, { root = ROOT } = {}) {
  let doc;
  try {
    doc = parseYamlStrict(text, '');
  } catch (error) {
    return [error.message.replace(/^: /, '')];
  }
  const lines = new LineCounter();
  const yamlDoc = parseDocument(text, { lineCounter: lines });
  if (!isMap(yamlDoc.contents)) return ['the document is not a mapping of keys (name, description, runs, ...)'];
  const found = [
    ...handRules(doc, yamlDoc, root, (node) => lines.linePos(node?.range?.[0] ?? 0).line),
    ...runnerProblems(text),
    ...marketplaceProblems(doc),
  ];
  return [...new Set(found)];
}

/** The CLI: exit 0 with one line when the file passes, else 1 with one line per problem. */
function main(argv) {
  const file = path.resolve(argv[0] ?? path.join(ROOT, 'action.yml'));
  const shown = path.relative(process.cwd(), file) || file;
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    process.stderr.write(`${shown}: ${error.message}\n`);
    return 1;
  }
  const problems = checkActionText(text, { root: path.dirname(file) });
  for (const problem of problems) process.stderr.write(`${shown}: ${problem}\n`);
  if (problems.length) return 1;
  const doc = parseYamlStrict(text, shown);
  const count = (section) => Object.keys(doc[section] ?? {}).length;
  process.stdout.write(
    `${shown}: metadata ok (${count('inputs')} inputs, ${count('outputs')} outputs, runs ${doc.runs.using} ${doc.runs.main})\n`,
  );
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2));
