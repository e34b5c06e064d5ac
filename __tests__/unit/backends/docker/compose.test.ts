// Choosing a Compose service's container from the engine's list (src/backends/docker/compose.ts),
// as `docker compose exec [--index N] SERVICE` chooses: by labels, never one-off containers.
import { describe, expect, test } from '@jest/globals';
import { normalizeProjectName, pickComposeContainer } from '../../../../src/backends/docker/compose.js';
import type { ContainerListing } from '../../../../src/backends/docker/engine/engine.js';

function entry(id: string, labels: Record<string, string> | null): ContainerListing {
  return { Id: id, Names: [`/${id}`], Image: 'img', State: 'running', Status: 'Up', Labels: labels };
}
const compose = (project: string, service: string, number?: number, oneoff = 'False') => ({
  'com.docker.compose.project': project,
  'com.docker.compose.service': service,
  ...(number === undefined ? {} : { 'com.docker.compose.container-number': String(number) }),
  'com.docker.compose.oneoff': oneoff,
});

const listing = [
  entry('plain', null),
  entry('app-db-1', compose('app', 'db', 1)),
  entry('app-db-2', compose('app', 'db', 2)),
  entry('other-db-1', compose('other', 'db', 1)),
  entry('app-cache-1', compose('app', 'cache', 1)),
  entry('other-cache-run', compose('other', 'cache', 1, 'True')),
  entry('app-web-nonumber', compose('app', 'web')),
  entry('app-jobs-run', compose('app', 'jobs', 1, 'True')),
];

describe('pickComposeContainer', () => {
  test.each([
    ['db', { name: 'app', from: 'x' }, 1, 'app-db-1', 'Compose service db of project app, replica 1'],
    ['db', { name: 'app', from: 'x' }, 2, 'app-db-2', 'Compose service db of project app, replica 2'],
    ['db', { name: 'OTHER', from: 'x' }, 1, 'other-db-1', 'Compose service db of project other, replica 1'],
    ['cache', undefined, 1, 'app-cache-1', 'Compose service cache of project app, replica 1'],
    ['web', undefined, 1, 'app-web-nonumber', 'Compose service web of project app, replica 1'],
  ] as const)('%s in %j, replica %i: %s', (service, project, index, id, via) => {
    expect(pickComposeContainer(listing, { service, project, index })).toEqual({ id, via });
  });

  test.each([
    ['nothing has the service', 'nope', undefined],
    ['only one-off containers have it', 'jobs', undefined],
  ])('%s: undefined (not a Compose service)', (_why, service) => {
    expect(pickComposeContainer(listing, { service, index: 1 })).toBeUndefined();
  });

  test.each([
    [
      'two projects, none named',
      { service: 'db', index: 1 },
      "container 'db' is a Compose service in 2 projects (app, other): name one with the compose-project input or COMPOSE_PROJECT_NAME",
    ],
    [
      'no such replica',
      { service: 'db', project: { name: 'app', from: 'x' }, index: 3 },
      'Compose service db of project app has no replica 3 (replicas: 1, 2): set compose-index to one of them',
    ],
    [
      'a project without the service',
      { service: 'cache', project: { name: 'other', from: 'COMPOSE_PROJECT_NAME' }, index: 1 },
      'Compose service cache has no container in project other (from COMPOSE_PROJECT_NAME); it has containers in: app',
    ],
  ])('%s: one line', (_why, query, message) => {
    expect(() => pickComposeContainer(listing, query)).toThrow(message);
  });

  test('two containers with the same number: refused, naming them', () => {
    const twins = [entry('a', compose('p', 's', 1)), entry('b', compose('p', 's', 1))];
    expect(() => pickComposeContainer(twins, { service: 's', index: 1 })).toThrow(
      'Compose service s of project p has 2 containers numbered 1 (a, b): use a container name or ID',
    );
  });
});

test.each([
  ['app', 'app'],
  ['MyApp', 'myapp'],
  ['my.app 2', 'myapp2'],
  ['a_b-c', 'a_b-c'],
])('normalizeProjectName(%p) is %p', (name, normalized) => {
  expect(normalizeProjectName(name)).toBe(normalized);
});
