// The Docker back end (engine: docker): the Docker Engine API, local or remote, and Podman's
// Docker-compatible API. Everything the step asks of a back end (shared/backend.ts), through
// one engine connection.
import * as core from '@actions/core';
import { ActionError } from '../../errors.js';
import type { Inputs } from '../../inputs/inputs.js';
import type { Backend, CommandRunner, ExecSpec, Target } from '../../shared/backend.js';
import { newMarker, stopByMarker, withMarker } from '../../shared/marker.js';
import { chooseEngine } from './engine/address.js';
import { Engine, type ContainerDetails } from './engine/engine.js';
import { attachAndWait, createExec, readExitCode, runQuiet } from './exec.js';
import { createExecOnLookup, execForFound, type ExecOnLookup } from './exec-on-lookup.js';
import { displayName, findReadyContainer } from './find.js';
import { readServiceLog } from './log.js';
import { tarOneFile } from '../../inputs/script.js';

/** The exec API in one container; the first command may be the one created on look-up. */
function dockerRunner(engine: Engine, containerId: string, onLookup: ExecOnLookup | undefined): CommandRunner {
  let unused = onLookup;
  return {
    async create(spec) {
      if (unused) {
        const { execId, marker } = unused;
        unused = undefined;
        return { id: execId, marker };
      }
      const marker = newMarker();
      return { id: await createExec(engine, containerId, withMarker(spec, marker)), marker };
    },
    attach: (id, spec, targets) => attachAndWait(engine, containerId, id, spec, targets),
    stop: (id, marker) =>
      stopByMarker(
        (cmd) => runQuiet(engine, containerId, cmd),
        marker,
        async () => {
          const state = await readExitCode(engine, id, 0);
          return state.exitCode !== undefined || !!state.removed;
        },
      ),
  };
}

export class DockerBackend implements Backend {
  private readonly engine: Engine;
  /** The container once found (before it is ready, too): for its log. */
  private found?: ContainerDetails;

  constructor(private readonly inputs: Inputs) {
    this.engine = new Engine(chooseEngine(inputs.engine), core.debug);
  }

  async findReady(spec: ExecSpec, signal: AbortSignal): Promise<Target> {
    const { engine, inputs } = this;
    // A request of the look-up waits no longer than wait-timeout allows (shared/bounds.ts).
    engine.lookupDeadline = Date.now() + inputs.waitTimeoutMs;
    let found;
    let creating;
    try {
      creating = createExecOnLookup(engine, inputs, spec);
      found = await findReadyContainer(engine, inputs, signal, (found) => (this.found = found.details));
    } finally {
      engine.lookupDeadline = undefined;
    }
    const container = found.details;
    const id = container.Id;
    const name = displayName(container);
    const { State, Config } = container;
    const runner = dockerRunner(engine, id, await execForFound(engine, creating, found));
    return {
      facts: {
        id,
        name,
        engine: `${engine.target.address} (${engine.target.source}), ${engine.description ?? 'version not reported'}`,
        container: `${name} ${id.slice(0, 12)} (${Config.Image}, ${State.Status}${State.Health ? `, ${State.Health.Status}` : ''}; found as ${found.via})`,
        imageUser: Config.User,
        imageWorkdir: Config.WorkingDir,
      },
      runner,
      runQuiet: (cmd) => runQuiet(engine, id, cmd),
      async placeFile(path, content) {
        const slash = path.lastIndexOf('/');
        try {
          await engine.putArchive(id, path.slice(0, slash) || '/', tarOneFile(path.slice(slash + 1), content));
        } catch (error) {
          throw new ActionError(`could not place the script in the container's /tmp: ${(error as Error).message}`);
        }
      },
      removeFile: (path) =>
        runQuiet(engine, id, ['rm', '-f', path]).then(
          () => undefined,
          () => undefined,
        ),
      async detach(spec) {
        const execId = await createExec(engine, id, spec);
        await engine.startDetached(execId);
        return execId;
      },
      // The copy code (and tar-stream) is loaded only by steps that copy.
      copyIn: async (entries, user) => (await import('./copy.js')).copyIn(engine, id, entries, user),
      copyOut: async (entries, workspace) =>
        (await import('./copy.js')).copyOutAfterCommand(engine, id, name, entries, workspace),
    };
  }

  async recentLog(lines: number) {
    const container = this.found;
    // An engine that left a request unanswered is not asked again, to fail the step in time.
    if (!container || this.engine.unanswered) return undefined;
    return { name: displayName(container), log: await readServiceLog(this.engine, container, lines) };
  }

  close(): void {
    this.engine.close();
  }
}
