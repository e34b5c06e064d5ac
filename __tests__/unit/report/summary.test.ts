// The job summary's section (src/report/summary.ts summaryMarkdown): a secret in the command or the
// output stays as written, so the runner's masks (applied to the file line by line) match.
import { describe, expect, test } from '@jest/globals';
import { displayCommand } from '../../../src/inputs/command-words.js';
import { formatDuration } from '../../../src/inputs/duration.js';
import {
  SUMMARY_COMMAND_LIMIT,
  SUMMARY_LIMIT,
  summaryMarkdown,
  type SummaryFacts,
} from '../../../src/report/summary.js';
import { maskLines } from '../../helpers/runner-log.js';

const facts = (over: Partial<SummaryFacts>): SummaryFacts => ({
  container: 'db',
  command: 'true',
  exitCode: 0,
  result: 'succeeded',
  durationMs: 1234,
  attempts: 1,
  tail: [],
  ...over,
});

describe('summaryMarkdown', () => {
  test('a table of facts, then the command in a fenced block', () => {
    expect(summaryMarkdown(facts({ command: 'psql -c "select 1"', tail: ['1 row'] }), formatDuration)).toBe(
      [
        '### docker exec in db',
        '',
        '| | |',
        '|---|---|',
        '| Container | db |',
        '| Result | succeeded |',
        '| Exit code | 0 |',
        '| Duration | 1.2s |',
        '| Attempts | 1 |',
        '',
        'Command:',
        '',
        '```',
        'psql -c "select 1"',
        '```',
        '',
        '<details><summary>Last lines of output</summary>',
        '',
        '```',
        '1 row',
        '```',
        '',
        '</details>',
        '',
        '',
      ].join('\n'),
    );
  });

  test.each<[string, string]>([
    ['HTML and table characters', 'Zq9&Kx<Vw>|Rt'],
    ['quotes', `Zq9'Kx"Vw`],
    ['backticks', 'Zq9```Kx'],
  ])('a secret with %s in the command and the output stays whole for the masks', (_what, secret) => {
    const command = displayCommand(['psql', `password=${secret}`, '-c', 'select 1']);
    const section = summaryMarkdown(facts({ command, tail: [`using ${secret}`] }), formatDuration);
    // The runner masks a secret as written and as JSON-escaped (see displayCommand).
    const masked = maskLines(section, [secret, JSON.stringify(secret).slice(1, -1)]);
    for (const piece of ['Zq9', 'Kx', 'Vw', 'Rt']) expect(masked).not.toContain(piece);
  });

  test('a command longer than the limit is left out whole (never cut inside a secret)', () => {
    const command = `sh -c 'echo ${'x'.repeat(SUMMARY_COMMAND_LIMIT)}'`;
    const section = summaryMarkdown(
      facts({ command, tail: Array.from({ length: 30 }, () => 'y'.repeat(4000)) }),
      formatDuration,
    );
    expect(section).toContain(`Command:\n\n(${Buffer.byteLength(command)} bytes: see the step's log)\n`);
    expect(section).not.toContain('xxxx');
    expect(Buffer.byteLength(section)).toBeLessThan(SUMMARY_LIMIT);
  });

  test('a command of exactly the limit is shown', () => {
    const command = 'x'.repeat(SUMMARY_COMMAND_LIMIT);
    expect(summaryMarkdown(facts({ command }), formatDuration)).toContain(`\`\`\`\n${command}\n\`\`\``);
  });
});
