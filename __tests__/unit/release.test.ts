// The release workflow's step (scripts/release.mjs) as far as it runs without GitHub: the
// CHANGELOG section that becomes the notes, the tag and version checks, and a dry run in a
// throwaway repository that prints what it would tag and publish.
import { describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../../scripts/action-runner.mjs';
import { changelogSection, parseVersion, planRelease } from '../../scripts/release.mjs';

const CHANGELOG = `# Changelog

## [Unreleased]

## [1.1.0] - 2026-12-24

### Added
- \`copy-in\` takes globs.

### Fixed
- A fix.

## [1.0.0] - 2026-12-05

### Added
- Everything.
`;
const HEAD = 'a'.repeat(40);
const OTHER = 'b'.repeat(40);
const base = {
  version: '1.1.0',
  tags: new Map([
    ['v1.0.0', OTHER],
    ['v1', OTHER],
  ]),
  head: HEAD,
  onMain: true,
  changelog: CHANGELOG,
  packageVersion: '1.1.0',
};

test.each([
  ['1.2.3', [1, 2, 3]],
  ['v10.0.1', [10, 0, 1]],
  ['1.2', undefined],
  ['1.2.3-rc.1', undefined],
  ['v1', undefined],
])('parseVersion(%s)', (text, parsed) => {
  expect(parseVersion(text)).toEqual(parsed);
});

describe('changelogSection', () => {
  test('takes the body of the version, up to the next version', () => {
    expect(changelogSection(CHANGELOG, '1.1.0')).toEqual({
      notes: '### Added\n- `copy-in` takes globs.\n\n### Fixed\n- A fix.',
      problems: [],
    });
    expect(changelogSection(CHANGELOG, '1.0.0')).toEqual({ notes: '### Added\n- Everything.', problems: [] });
  });

  test.each([
    ['a version with no section', CHANGELOG, '2.0.0', ['CHANGELOG.md has no "## [2.0.0] - YYYY-MM-DD" section']],
    [
      'a section without a date',
      CHANGELOG.replace('## [1.1.0] - 2026-12-24', '## [1.1.0]'),
      '1.1.0',
      ['CHANGELOG.md: "## [1.1.0]" should read "## [1.1.0] - YYYY-MM-DD"'],
    ],
    [
      'a heading given twice',
      CHANGELOG.replace('### Fixed', '### Added'),
      '1.1.0',
      ['CHANGELOG.md [1.1.0]: "### Added" appears twice'],
    ],
    [
      'a heading that is not Keep a Changelog',
      CHANGELOG.replace('### Fixed', '### Added (issue 15)'),
      '1.1.0',
      [
        'CHANGELOG.md [1.1.0]: "### Added (issue 15)" is not one of Added, Changed, Deprecated, Removed, Fixed, Security',
      ],
    ],
    [
      'an empty section',
      CHANGELOG,
      'Unreleased',
      [expect.stringContaining('should read'), expect.stringContaining('empty')],
    ],
  ])('refuses %s', (_what, text, version, problems) => {
    expect(changelogSection(text, version).problems).toEqual(problems);
  });
});

describe('planRelease', () => {
  test('a new minor version: tag, draft, publish, move the major tag, in that order', () => {
    const plan = planRelease(base);
    expect(plan.problems).toEqual([]);
    expect(plan.commands).toEqual([
      ['git', 'tag', 'v1.1.0', HEAD],
      ['git', 'push', 'origin', 'refs/tags/v1.1.0'],
      ['gh', 'release', 'create', 'v1.1.0', '--draft', '--verify-tag', '--title', 'v1.1.0', '--notes-file', '<notes>'],
      ['gh', 'release', 'edit', 'v1.1.0', '--draft=false', '--latest'],
      ['git', 'tag', '--force', 'v1', HEAD],
      ['git', 'push', '--force', 'origin', 'refs/tags/v1'],
    ]);
    expect(plan.majorWas).toBe(OTHER);
  });

  test('a tag pushed already at HEAD is released without making it again', () => {
    const plan = planRelease({ ...base, tags: new Map([...base.tags, ['v1.1.0', HEAD]]) });
    expect(plan.problems).toEqual([]);
    expect(plan.commands[0]).toEqual(expect.arrayContaining(['gh', 'release', 'create']));
  });

  test('the first release, with no tags at all', () => {
    const plan = planRelease({ ...base, version: '1.0.0', packageVersion: '1.0.0', tags: new Map() });
    expect(plan.problems).toEqual([]);
    expect(plan.majorWas).toBeUndefined();
  });

  const twoZero = {
    ...base,
    version: '2.0.0',
    packageVersion: '2.0.0',
    changelog: `## [2.0.0] - 2027-01-02\n\n### Removed\n- x\n\n${CHANGELOG}`,
  };
  test('a major bump is refused unless asked for, and then its own major tag moves', () => {
    expect(planRelease(twoZero).problems).toEqual([
      "v2.0.0 is a major version after v1.0.0: users on v1 would not get it; rerun with --allow-major (the workflow's allow-major input) if that is meant",
    ]);
    const allowed = planRelease({ ...twoZero, allowMajor: true });
    expect(allowed.problems).toEqual([]);
    expect(allowed.commands.at(-2)).toEqual(['git', 'tag', '--force', 'v2', HEAD]);
  });

  test.each([
    ['a version with a v', { version: 'v1.1.0' }, ['"v1.1.0" is not a version X.Y.Z (digits only, no leading v)']],
    ['a version that is not X.Y.Z', { version: '1.1' }, ['"1.1" is not a version X.Y.Z (digits only, no leading v)']],
    [
      'a tag that exists elsewhere',
      { tags: new Map([...base.tags, ['v1.1.0', OTHER]]) },
      [`tag v1.1.0 exists at ${OTHER.slice(0, 12)}, not at HEAD (${HEAD.slice(0, 12)}): tags are never moved`],
    ],
    [
      'a version not newer than the latest',
      { tags: new Map([['v1.2.0', OTHER]]) },
      ['v1.1.0 is not newer than v1.2.0, the latest release'],
    ],
    [
      'a commit that is not on main',
      { onMain: false },
      [`HEAD (${HEAD.slice(0, 12)}) is not on main: releases are made from main`],
    ],
    [
      'package.json at another version',
      { packageVersion: '1.0.0' },
      ['package.json says version 1.0.0: set it to 1.1.0 in the release commit'],
    ],
  ])('refuses %s', (_what, change, problems) => {
    expect(planRelease({ ...base, ...change }).problems).toEqual(problems);
  });
});

describe('the real CHANGELOG.md', () => {
  const changelog = readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
  const version = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

  test("has a clean section for package.json's version", () => {
    const section = changelogSection(changelog, version);
    expect(section.problems).toEqual([]);
    expect(section.notes).toContain('### Added');
  });

  test('names no internal work items', () => {
    expect(changelog).not.toMatch(/\b(issue|ticket|work item)s? #?\d+/i);
  });
});

test('the CLI in a throwaway repository: a dry run prints what it would tag and publish, and does nothing', () => {
  const repo = mkdtempSync(path.join(tmpdir(), 'release-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], {
      cwd: repo,
      encoding: 'utf8',
    }).trim();
  try {
    git('init', '-q', '-b', 'main');
    writeFileSync(path.join(repo, 'CHANGELOG.md'), CHANGELOG);
    writeFileSync(path.join(repo, 'package.json'), '{ "version": "1.1.0" }\n');
    git('add', '.');
    git('commit', '-q', '-m', 'one');
    git('tag', 'v1.0.0');
    git('tag', 'v1');
    const first = git('rev-parse', 'HEAD');
    git('commit', '-q', '--allow-empty', '-m', 'two');
    const head = git('rev-parse', 'HEAD');
    const script = path.join(ROOT, 'scripts/release.mjs');
    const run = spawnSync(process.execPath, [script, '1.1.0'], { cwd: repo, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(`Dry run: would release v1.1.0 at ${head}`);
    expect(lines[1]).toBe(`  major tag v1: moves from ${first}, to ${head}`);
    expect(lines).toContain('    | - `copy-in` takes globs.');
    expect(lines.filter((l) => l.startsWith('would run: '))).toEqual([
      `would run: git tag v1.1.0 ${head}`,
      'would run: git push origin refs/tags/v1.1.0',
      expect.stringMatching(
        /^would run: gh release create v1\.1\.0 --draft --verify-tag --title v1\.1\.0 --notes-file \/.*\/notes\.md$/,
      ),
      'would run: gh release edit v1.1.0 --draft=false --latest',
      `would run: git tag --force v1 ${head}`,
      'would run: git push --force origin refs/tags/v1',
    ]);
    expect(git('tag', '--list').split('\n')).toEqual(['v1', 'v1.0.0']);

    const major = spawnSync(process.execPath, [script, '2.0.0'], { cwd: repo, encoding: 'utf8' });
    expect(major.status).toBe(1);
    expect(major.stderr).toContain('release refused: v2.0.0 is a major version after v1.0.0');
    const notes = spawnSync(process.execPath, [script, '--notes', '1.1.0'], { cwd: repo, encoding: 'utf8' });
    expect(notes.stdout).toBe('### Added\n- `copy-in` takes globs.\n\n### Fixed\n- A fix.\n');
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});
