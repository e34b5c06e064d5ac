// The release step of .github/workflows/release.yml, and its dry run here:
//
//   node scripts/release.mjs 1.2.3 [--allow-major]              prints what it would do
//   node scripts/release.mjs 1.2.3 [--allow-major] --execute    does it (the workflow)
//   node scripts/release.mjs --notes 1.2.3                      prints that CHANGELOG section
//
// A release is the commit at HEAD: the tag vX.Y.Z is made there (or, when pushed already,
// must point there), a GitHub release is created as a draft with the version's CHANGELOG
// section as notes and then published (so that, with immutable releases on, it is complete
// before it becomes immutable), and the major tag vX, a plain git tag, moves to the same commit
// (https://docs.github.com/actions/sharing-automations/creating-actions/about-custom-actions#using-release-management-for-actions).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The repository of the current directory (the workflow's checkout; a test's throwaway repository).
const ROOT = spawnSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).stdout.trim() || process.cwd();
const VERSION = /^(\d+)\.(\d+)\.(\d+)$/;
/** Keep a Changelog's section names (https://keepachangelog.com/en/1.1.0/). */
export const CHANGE_TYPES = ['Added', 'Changed', 'Deprecated', 'Removed', 'Fixed', 'Security'];

/** [major, minor, patch] of `1.2.3` or `v1.2.3`, else undefined. */
export function parseVersion(text) {
  const match = VERSION.exec(String(text).replace(/^v/, ''));
  return match ? match.slice(1).map(Number) : undefined;
}

const compare = (a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/**
 * The body of `## [VERSION] - YYYY-MM-DD` in a Keep a Changelog file, with the problems that
 * keep it from being release notes: no such section, no date, a heading that is not one of
 * Keep a Changelog's, or one given twice.
 */
export function changelogSection(changelog, version) {
  const lines = changelog.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`## [${version}]`));
  if (start < 0) return { notes: '', problems: [`CHANGELOG.md has no "## [${version}] - YYYY-MM-DD" section`] };
  const problems = [];
  if (!/^## \[[^\]]+\] - \d{4}-\d{2}-\d{2}$/.test(lines[start]))
    problems.push(`CHANGELOG.md: "${lines[start]}" should read "## [${version}] - YYYY-MM-DD"`);
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const body = lines.slice(start + 1, end < 0 ? undefined : end);
  const seen = new Set();
  for (const line of body.filter((l) => l.startsWith('### '))) {
    const name = line.slice(4).trim();
    if (!CHANGE_TYPES.includes(name))
      problems.push(`CHANGELOG.md [${version}]: "${line}" is not one of ${CHANGE_TYPES.join(', ')}`);
    else if (seen.has(name)) problems.push(`CHANGELOG.md [${version}]: "${line}" appears twice`);
    seen.add(name);
  }
  const notes = body.join('\n').trim();
  if (!notes) problems.push(`CHANGELOG.md [${version}]: the section is empty`);
  return { notes, problems };
}

/**
 * What releasing `version` at `head` takes, or why it must not happen.
 * tags: Map of tag name to commit; onMain: HEAD is on the main branch.
 */
export function planRelease({ version, allowMajor = false, tags, head, onMain, changelog, packageVersion }) {
  const problems = [];
  const parsed = parseVersion(version);
  if (!parsed || String(version).startsWith('v'))
    return { problems: [`"${version}" is not a version X.Y.Z (digits only, no leading v)`], notes: '', commands: [] };
  const tag = `v${version}`;
  const major = `v${parsed[0]}`;
  if (!onMain) problems.push(`HEAD (${head.slice(0, 12)}) is not on main: releases are made from main`);
  if (packageVersion !== version)
    problems.push(`package.json says version ${packageVersion}: set it to ${version} in the release commit`);
  const existing = tags.get(tag);
  if (existing && existing !== head)
    problems.push(
      `tag ${tag} exists at ${existing.slice(0, 12)}, not at HEAD (${head.slice(0, 12)}): tags are never moved`,
    );
  const earlier = [...tags.keys()]
    .filter((name) => name !== tag && /^v\d+\.\d+\.\d+$/.test(name))
    .map(parseVersion)
    .sort(compare);
  const latest = earlier.at(-1);
  if (latest && compare(parsed, latest) <= 0)
    problems.push(`${tag} is not newer than v${latest.join('.')}, the latest release`);
  else if (latest && parsed[0] > latest[0] && !allowMajor)
    problems.push(
      `${tag} is a major version after v${latest.join('.')}: users on ${`v${latest[0]}`} would not get it; rerun with --allow-major (the workflow's allow-major input) if that is meant`,
    );
  const section = changelogSection(changelog, version);
  problems.push(...section.problems);
  const commands = [
    ...(existing
      ? []
      : [
          ['git', 'tag', tag, head],
          ['git', 'push', 'origin', `refs/tags/${tag}`],
        ]),
    ['gh', 'release', 'create', tag, '--draft', '--verify-tag', '--title', tag, '--notes-file', '<notes>'],
    ['gh', 'release', 'edit', tag, '--draft=false', '--latest'],
    ['git', 'tag', '--force', major, head],
    ['git', 'push', '--force', 'origin', `refs/tags/${major}`],
  ];
  return { problems, notes: section.notes, commands, tag, major, majorWas: tags.get(major) };
}

function git(...args) {
  const run = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

/** The repository's state, read with git. */
function readState() {
  const tags = new Map();
  for (const line of (git('tag', '--list', 'v*', '--format=%(refname:short) %(objectname) %(*objectname)') ?? '')
    .split('\n')
    .filter(Boolean)) {
    const [name, object, peeled] = line.split(' ');
    tags.set(name, peeled || object);
  }
  const head = git('rev-parse', 'HEAD');
  const mainRef = git('rev-parse', '--verify', '--quiet', 'origin/main') ? 'origin/main' : 'main';
  const onMain = spawnSync('git', ['merge-base', '--is-ancestor', 'HEAD', mainRef], { cwd: ROOT }).status === 0;
  return {
    tags,
    head,
    onMain,
    changelog: readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8'),
    packageVersion: JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
  };
}

function main(argv) {
  const state = readState();
  if (argv[0] === '--notes') {
    const { notes, problems } = changelogSection(state.changelog, argv[1]);
    for (const problem of problems) console.error(problem);
    if (problems.length) return 1;
    console.log(notes);
    return 0;
  }
  const version = argv.find((arg) => !arg.startsWith('--'));
  const execute = argv.includes('--execute');
  const plan = planRelease({ ...state, version, allowMajor: argv.includes('--allow-major') });
  for (const problem of plan.problems) console.error(`release refused: ${problem}`);
  if (plan.problems.length) return 1;
  const notesFile = path.join(mkdtempSync(path.join(tmpdir(), 'release-notes-')), 'notes.md');
  writeFileSync(notesFile, `${plan.notes}\n`);
  console.log(`${execute ? 'Releasing' : 'Dry run: would release'} ${plan.tag} at ${state.head}`);
  console.log(`  major tag ${plan.major}: ${plan.majorWas ? `moves from ${plan.majorWas}` : 'new'}, to ${state.head}`);
  console.log(`  release notes (${plan.notes.split('\n').length} lines, ${notesFile}):`);
  for (const line of plan.notes.split('\n')) console.log(`    | ${line}`);
  for (const command of plan.commands) {
    const argvOf = command.map((word) => (word === '<notes>' ? notesFile : word));
    console.log(`${execute ? '+' : 'would run:'} ${argvOf.join(' ')}`);
    if (!execute) continue;
    const run = spawnSync(argvOf[0], argvOf.slice(1), { cwd: ROOT, stdio: 'inherit' });
    if (run.status !== 0) {
      console.error(`release: ${argvOf.join(' ')} failed (exit ${run.status ?? run.signal}); nothing after it ran`);
      return 1;
    }
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2));
