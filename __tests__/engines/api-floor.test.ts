// An engine that refuses requests below API 1.44, as Docker 29.0-29.2 do by default (started by
// scripts/engines.sh with DOCKER_MIN_API_VERSION=1.44). The action must never send a versioned
// request below what the engine accepts: it runs here with the core suite (the jest project
// docker-<version>-min-api-<floor>), and this file proves the floor is really in force, so that
// the core suite's passing means something.
import { afterAll, expect, test } from '@jest/globals';
import http from 'node:http';
import { runAction } from '../helpers/action.js';
import { engineGet, engineSocketPath, removeStartedContainers, startContainer } from '../helpers/docker.js';

const FLOOR = /-min-api-(\d+\.\d+)$/.exec(process.env.DEA_ENGINE_PROJECT ?? '')?.[1];

function rawGet(pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath: engineSocketPath(), path: pathname, timeout: 10_000 }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
      })
      .on('error', reject);
  });
}

afterAll(removeStartedContainers);

test('the engine refuses a request below its floor, and reports that floor', async () => {
  expect(FLOOR).toBeDefined();
  const below = await rawGet('/v1.41/version');
  expect(below.status).toBe(400);
  expect(below.body).toMatch(/client version 1\.41 is too old/);
  const version = await engineGet<{ MinAPIVersion: string }>('/version');
  expect(version.MinAPIVersion).toBe(FLOOR);
});

test('the action runs a command there', async () => {
  const box = await startContainer();
  const run = await runAction({ container: box.name, run: 'echo floor-ok; exit 3' });
  expect(run.stdout).toContain('floor-ok');
  expect(run.code).toBe(1);
  expect(run.outputs['exit-code']).toBe('3');
});
