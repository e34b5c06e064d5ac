// Containers started by Docker Compose, found the way `docker compose exec SERVICE` finds
// them: by the labels Compose puts on every container it creates (the same in Compose v1 and
// v2: docker/compose pkg/api/labels.go, compose/const.py in 1.29), never by name, since
// names depend on the version and the project's folder.
import { ActionError } from '../../errors.js';
import type { ContainerListing } from './engine/engine.js';

export const PROJECT_LABEL = 'com.docker.compose.project';
export const SERVICE_LABEL = 'com.docker.compose.service';
export const NUMBER_LABEL = 'com.docker.compose.container-number';
export const ONEOFF_LABEL = 'com.docker.compose.oneoff';

export interface ComposeQuery {
  service: string;
  /** The project, if the step names one, and where it came from. */
  project?: { name: string; from: string };
  /** The replica, from 1 (`docker compose exec --index`). */
  index: number;
}

export interface ComposePick {
  id: string;
  /** "Compose service db of project app, replica 1": how the header says it was found. */
  via: string;
}

/**
 * Compose's own normalisation of a project name (lower case, only a-z, 0-9, - and _;
 * docker/compose loader.NormalizeProjectName), so that COMPOSE_PROJECT_NAME=MyApp finds the
 * project Compose calls myapp.
 */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}

/**
 * The container of a Compose service in a listing, or undefined when no container carries
 * the service's labels. One-off containers (`compose run`) are never candidates. Throws an
 * ActionError when the service exists but the choice is not clear: several projects and none
 * named, or no such replica.
 */
export function pickComposeContainer(listing: ContainerListing[], query: ComposeQuery): ComposePick | undefined {
  const label = (c: ContainerListing, name: string): string | undefined => c.Labels?.[name] ?? undefined;
  const ofService = listing.filter(
    (c) => label(c, SERVICE_LABEL) === query.service && !/^true$/i.test(label(c, ONEOFF_LABEL) ?? ''),
  );
  if (ofService.length === 0) return undefined;
  const projects = [...new Set(ofService.map((c) => label(c, PROJECT_LABEL) ?? ''))].sort();
  let project: string;
  if (query.project) {
    const wanted = normalizeProjectName(query.project.name);
    if (!projects.includes(wanted)) {
      throw new ActionError(
        `Compose service ${query.service} has no container in project ${wanted} (from ${query.project.from}); it has containers in: ${projects.join(', ')}`,
      );
    }
    project = wanted;
  } else if (projects.length === 1) {
    project = projects[0];
  } else {
    throw new ActionError(
      `container '${query.service}' is a Compose service in ${projects.length} projects (${projects.join(', ')}): name one with the compose-project input or COMPOSE_PROJECT_NAME`,
    );
  }
  const replicas = ofService.filter((c) => label(c, PROJECT_LABEL) === project);
  const numbered = (c: ContainerListing) => Number(label(c, NUMBER_LABEL) ?? '1');
  const chosen = replicas.filter((c) => numbered(c) === query.index);
  if (chosen.length > 1) {
    throw new ActionError(
      `Compose service ${query.service} of project ${project} has ${chosen.length} containers numbered ${query.index} (${chosen.map((c) => (c.Names[0] ?? c.Id).replace(/^\//, '')).join(', ')}): use a container name or ID`,
    );
  }
  if (chosen.length === 0) {
    const have = replicas
      .map(numbered)
      .sort((a, b) => a - b)
      .join(', ');
    throw new ActionError(
      `Compose service ${query.service} of project ${project} has no replica ${query.index} (replicas: ${have}): set compose-index to one of them`,
    );
  }
  return { id: chosen[0].Id, via: `Compose service ${query.service} of project ${project}, replica ${query.index}` };
}
