// Finding the container the way a workflow names it (a job service key, a network alias,
// an ID, ID prefix or name) and waiting until it can run a command.
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { ActionError } from '../../errors.js';
import type { Inputs, JobContext, WaitFor } from '../../inputs/inputs.js';
import { LOOK_EVERY_MS, waitUntilReady } from '../../shared/wait.js';
import { pickComposeContainer } from './compose.js';
import type { ContainerDetails, ContainerListing, Engine } from './engine/engine.js';
import { EngineError } from './engine/engine.js';

export interface FoundContainer {
  details: ContainerDetails;
  /** How the name was resolved, for the log. */
  via: string;
  /** The string whose look-up by the engine gave these details (an ID, a name, a prefix). */
  lookedUpAs: string;
}

const FULL_ID = /^[0-9a-f]{64}$/;

/** The container ID the job context gives a service key (empty under Kubernetes-mode runners). */
export function jobServiceId(job: JobContext | undefined, name: string): string | undefined {
  return job?.services[name]?.id || undefined;
}

export function displayName(details: ContainerDetails): string {
  return details.Name.replace(/^\//, '');
}

function describeListing(c: ContainerListing): string {
  return `${(c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, '')} (${c.Image}, ${c.State})`;
}

/** "a (img, running), b (img, exited)" for error messages, at most `limit` entries. */
function listBriefly(containers: ContainerListing[], limit = 8): string {
  if (containers.length === 0) return 'none';
  const shown = containers.slice(0, limit).map(describeListing).join(', ');
  return containers.length > limit ? `${shown} and ${containers.length - limit} more` : shown;
}

async function byAlias(
  engine: Engine,
  name: string,
  job: JobContext | undefined,
  listing: ContainerListing[],
): Promise<ContainerDetails | undefined> {
  // Aliases live on user-defined networks only; skip containers attached to none of them.
  const candidates = listing.filter((c) =>
    Object.keys(c.NetworkSettings?.Networks ?? {}).some((n) => !['bridge', 'host', 'none'].includes(n)),
  );
  const details = (await Promise.all(candidates.map((c) => engine.inspectContainer(c.Id)))).filter(
    (d): d is ContainerDetails => d !== undefined,
  );
  const matches = details.filter((d) =>
    Object.values(d.NetworkSettings?.Networks ?? {}).some((n) => n?.Aliases?.includes(name)),
  );
  if (matches.length <= 1) return matches[0];
  const jobNetworks = new Set(
    [job?.network, ...Object.values(job?.services ?? {}).map((s) => s.network)].filter((n): n is string => !!n),
  );
  const onJobNetwork = matches.filter((d) =>
    Object.keys(d.NetworkSettings?.Networks ?? {}).some(
      (n) => jobNetworks.has(n) || (jobNetworks.size === 0 && n.startsWith('github_network_')),
    ),
  );
  if (onJobNetwork.length === 1) return onJobNetwork[0];
  const ambiguous = onJobNetwork.length > 1 ? onJobNetwork : matches;
  throw new ActionError(
    `container '${name}' is ambiguous: ${ambiguous.length} containers have the network alias ${name}: ${ambiguous
      .map((d) => `${displayName(d)} (${d.Config.Image}, ${d.State.Status})`)
      .join(', ')}. Use a container name or ID`,
  );
}

/** Resolves the container input; see the comment at the top of the file for the order. */
export async function findContainer(
  engine: Engine,
  name: string,
  job: JobContext | undefined,
  compose: Inputs['compose'] = { index: 1 },
): Promise<FoundContainer> {
  const serviceId = jobServiceId(job, name);
  if (serviceId) {
    const details = await engine.inspectContainer(serviceId);
    if (details) return { details, via: `job service ${name}`, lookedUpAs: serviceId };
  }
  // The direct look-up (ID, prefix, name) runs alongside the alias search: it is the
  // fallback and usually the answer, and waiting for it after the search costs a round trip.
  const direct = engine.inspectContainer(name).then(
    (details) => ({ details, error: undefined }),
    (error: unknown) => ({ details: undefined, error }),
  );
  let listing: ContainerListing[] | undefined;
  if (!FULL_ID.test(name)) {
    listing = await engine.listContainers(true);
    const aliased = await byAlias(engine, name, job, listing);
    if (aliased) return { details: aliased, via: `network alias ${name}`, lookedUpAs: aliased.Id };
  }
  const { details, error } = await direct;
  const byIdPrefix = details && displayName(details) !== name && details.Id.startsWith(name) && details.Id !== name;
  if (details && !byIdPrefix)
    return { details, via: details.Id.startsWith(name) ? 'container ID' : 'container name', lookedUpAs: name };
  // A short value such as `db` or `cafe` can be both the start of some container's ID and a
  // Compose service: the service, named on purpose, wins over an ID prefix that fits by chance.
  const composed = listing && pickComposeContainer(listing, { service: name, ...compose });
  if (composed) {
    const found = await engine.inspectContainer(composed.id);
    if (found) return { details: found, via: composed.via, lookedUpAs: composed.id };
  }
  if (details) return { details, via: 'container ID', lookedUpAs: name };
  if (error) {
    // An ID prefix that fits several containers.
    if (!(error instanceof EngineError) || !/multiple|ambiguous/i.test(error.engineMessage)) throw error;
    listing ??= await engine.listContainers(true);
    const fitting = listing.filter((c) => c.Id.startsWith(name));
    throw new ActionError(
      `container '${name}' is ambiguous: the ID prefix fits ${listBriefly(fitting)}. Give more of the ID`,
    );
  }
  listing ??= await engine.listContainers(true);
  const running = listing.filter((c) => c.State === 'running');
  const where =
    job && Object.keys(job.services).length
      ? `a job service (${Object.keys(job.services).join(', ')}), `
      : 'a job service, ';
  throw new ActionError(
    `container '${name}' not found: it is not ${where}a network alias, a container name or ID, or a Compose service. Running: ${listBriefly(running)}`,
  );
}

/** Why a container cannot run a command now and never will without help, or undefined. */
function hopeless(details: ContainerDetails, cli: string): string | undefined {
  const s = details.State;
  const name = displayName(details);
  if (s.Paused) return `container ${name} is paused: unpause it first (${cli} unpause ${name})`;
  if (s.Restarting) return undefined;
  if (s.Status === 'exited' || s.Status === 'dead') {
    return `container ${name} is not running: it has ${s.Status} with code ${s.ExitCode}${s.Error ? ` (${s.Error})` : ''}`;
  }
  if (s.Status === 'removing') return `container ${name} is being removed`;
  return undefined;
}

function lastHealthOutput(details: ContainerDetails): string {
  const log = details.State.Health?.Log ?? [];
  const last = log[log.length - 1];
  return last ? last.Output.trim().replace(/\s+/g, ' ').slice(0, 300) || `exit code ${last.ExitCode}` : 'none yet';
}

// Podman runs health checks from systemd timers; where systemd is not init, none ever run and
// the container stays "starting" (https://github.com/containers/podman/issues/19326).
function podmanHealthHint(details: ContainerDetails, wait: WaitFor, cli: string): string {
  if (cli !== 'podman' || wait !== 'healthy' || !details.State.Running || details.State.Health?.Log?.length) return '';
  return '. No health check has run: Podman runs them from systemd timers, and none where systemd is not init (https://github.com/containers/podman/issues/19326)';
}

function ready(details: ContainerDetails, wait: WaitFor): boolean {
  if (!details.State.Running || details.State.Paused || details.State.Restarting) return false;
  if (wait !== 'healthy' || !details.State.Health) return true;
  return details.State.Health.Status === 'healthy';
}

/**
 * Waits until the container can run the command (running, or healthy), woken by the engine's
 * events with a polling fallback; fails at once when it never will.
 */
export async function waitForContainer(
  engine: Engine,
  found: FoundContainer,
  wait: WaitFor,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<ContainerDetails> {
  const details = found.details;
  const name = displayName(details);
  if (ready(details, wait)) return details;
  // The command that fixes it, in the words of the engine's own CLI.
  const cli = engine.description?.startsWith('Podman') ? 'podman' : 'docker';
  if (wait === 'none') {
    const s = details.State;
    if (s.Restarting)
      throw new ActionError(`container ${name} is restarting: wait until it is running (wait: running)`);
    throw new ActionError(hopeless(details, cli) ?? `container ${name} is not running (state ${s.Status})`);
  }
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort);
  let events: Readable | undefined;
  let wake: (() => void) | undefined;
  try {
    events = await engine.containerEvents(details.Id, stop.signal).catch(() => undefined);
    events?.on('data', () => wake?.());
    events?.on('error', () => undefined);
    const look = async () => {
      const current = await engine.inspectContainer(details.Id);
      if (!current) throw new ActionError(`container ${name} was removed while waiting for it`);
      return current;
    };
    // Looked at again once the events are watched: a change before that would wake nothing.
    const now = await look();
    if (ready(now, wait)) return now;
    return await waitUntilReady<ContainerDetails>(
      {
        name,
        goal: wait,
        look,
        ready: (current) => ready(current, wait),
        hopeless: (current) => hopeless(current, cli),
        notReady: (current, waited) => {
          const what = wait === 'healthy' && current.State.Running ? 'healthy' : 'running';
          const health =
            wait === 'healthy' && current.State.Health
              ? ` (last health output: ${lastHealthOutput(current)})`
              : ` (state ${current.State.Status})`;
          return `container ${name} was not ${what} after ${waited}${health}${podmanHealthHint(current, wait, cli)}`;
        },
        // An event (health_status, start, ...) wakes the wait at once.
        pause: (ms, abort) =>
          Promise.race([
            new Promise<void>((resolve) => (wake = resolve)),
            sleep(ms, undefined, { signal: stop.signal }).catch(() => undefined),
            once(abort, 'abort').then(
              () => undefined,
              () => undefined,
            ),
          ]),
      },
      now,
      timeoutMs,
      signal,
      LOOK_EVERY_MS.docker,
    );
  } finally {
    signal.removeEventListener('abort', onAbort);
    stop.abort();
    events?.destroy();
  }
}

/**
 * Finds the container the inputs name (told to `onFound` at once) and waits until it can run
 * the command (`wait`).
 */
export async function findReadyContainer(
  engine: Engine,
  inputs: Pick<Inputs, 'container' | 'job' | 'compose' | 'wait' | 'waitTimeoutMs'>,
  signal: AbortSignal,
  onFound?: (found: FoundContainer) => void,
): Promise<FoundContainer> {
  const found = await findContainer(engine, inputs.container, inputs.job, inputs.compose);
  onFound?.(found);
  const details = await waitForContainer(engine, found, inputs.wait, inputs.waitTimeoutMs, signal);
  return { ...found, details };
}
