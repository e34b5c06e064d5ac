// How scripts/audit.mjs judges `npm audit --omit=dev --json`: high and critical findings fail,
// lower ones pass, and a registry that gives no report is told apart from a clean one.
import { expect, test } from '@jest/globals';
import { judgeAudit } from '../../scripts/audit.mjs';

const report = (vulnerabilities: Record<string, unknown>) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: {} } });
const ws = {
  name: 'ws',
  severity: 'high',
  range: '8.0.0 - 8.17.0',
  via: [{ title: 'ws DoS', url: 'https://github.com/advisories/GHSA-3h5v-q93c-6h6q', severity: 'high' }],
  fixAvailable: true,
};

test.each([
  ['no findings', report({}), 'ok', []],
  ['a moderate finding only', report({ ssh2: { ...ws, name: 'ssh2', severity: 'moderate' } }), 'ok', []],
  [
    'a high finding',
    report({ ws }),
    'findings',
    ['ws 8.0.0 - 8.17.0: high (https://github.com/advisories/GHSA-3h5v-q93c-6h6q); fix available: yes'],
  ],
  [
    'a critical finding through another package',
    report({
      dockerode: { name: 'dockerode', severity: 'critical', range: '*', via: ['tar-fs'], fixAvailable: false },
    }),
    'findings',
    ['dockerode *: critical through tar-fs; fix available: no'],
  ],
  [
    'a registry that refuses the endpoint',
    JSON.stringify({
      message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
      error: { summary: '' },
    }),
    'unavailable',
    [
      'the registry gave no audit report: 405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk',
    ],
  ],
  ['no JSON at all', 'npm ERR! network', 'unavailable', ['npm audit printed no JSON report: npm ERR! network']],
])('%s', (_what, stdout, verdict, lines) => {
  expect(judgeAudit(stdout)).toEqual({ verdict, lines });
});
