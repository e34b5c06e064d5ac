// Podman's Docker-compatible API answers some situations with other words and other status
// codes than Docker does. The rest of the action reads Docker's (a 404 means "no such
// container", a prefix fitting several IDs is "Multiple IDs found ..."), and users should
// meet the same messages whichever engine runs their containers. So Podman's answers are put
// in Docker's terms here, at the edge, and nowhere else. Pure: no I/O.
//
// Seen on Podman 4.3 (compat API v1.41) against Docker 20.10 / 28 for the same situation:
//   no such container      404 no container with name or ID "x" found: no such container
//                          Docker: 404 No such container: x
//   ID prefix fits several 404 more than one result for container ID 0: container already exists
//                          Docker: 500 (20.10) Multiple IDs found with provided prefix: 0
//   no such exec           404 no exec session with ID x found: no such exec session
//                          Docker: 404 No such exec instance: x
//   exec in exited         500 can only create exec sessions on running containers: container state improper
//                          Docker: 409 Container <id> is not running
//   exec in paused         409 cannot create exec session as container <id> is paused
//                          Docker: 409 Container <id> is paused, unpause the container before exec
//   unknown user           500 at exec start: unable to find user x: no matching entries in passwd file
//                          Docker 28: 400 at exec create, same words (Docker 20.10: 126 in the stream)
//   no health check        State.Health = {Status: ""}; Docker leaves State.Health out

export interface EngineAnswer {
  statusCode: number;
  message: string;
}

/** What the call was about, to fill in what Docker's wording names and Podman's does not. */
export interface AnswerContext {
  containerId?: string;
}

const RULES: Array<{ pattern: RegExp; answer: (m: RegExpExecArray, context: AnswerContext) => EngineAnswer }> = [
  {
    pattern: /^no container with name or ID "(.*)" found: no such container$/s,
    answer: (m) => ({ statusCode: 404, message: `No such container: ${m[1]}` }),
  },
  {
    pattern: /^more than one result for container ID (\S+)(: .*)?$/s,
    answer: (m) => ({ statusCode: 500, message: `Multiple IDs found with provided prefix: ${m[1]}` }),
  },
  {
    pattern: /^no exec session with ID (\S+) found: no such exec session$/s,
    answer: (m) => ({ statusCode: 404, message: `No such exec instance: ${m[1]}` }),
  },
  {
    pattern: /^can only create exec sessions on running containers(: .*)?$/s,
    answer: (_m, context) => ({
      statusCode: 409,
      message: context.containerId ? `Container ${context.containerId} is not running` : 'Container is not running',
    }),
  },
  {
    pattern: /^cannot create exec session as container (\S+) is paused$/s,
    answer: (m) => ({ statusCode: 409, message: `Container ${m[1]} is paused, unpause the container before exec` }),
  },
  {
    pattern: /^(unable to find user \S+: no matching entries in passwd file)$/s,
    answer: (m) => ({ statusCode: 400, message: m[1] }),
  },
  {
    pattern: /^(unable to find group \S+: no matching entries in group file)$/s,
    answer: (m) => ({ statusCode: 400, message: m[1] }),
  },
];

/** An engine's error answer in Docker's words (Docker's own answers pass through unchanged). */
export function dockerAnswer(answer: EngineAnswer, context: AnswerContext = {}): EngineAnswer {
  const message = answer.message.trim();
  for (const rule of RULES) {
    const m = rule.pattern.exec(message);
    if (m) return rule.answer(m, context);
  }
  return { statusCode: answer.statusCode, message };
}

interface StateLike {
  Health?: { Status?: string } | null;
}

/** Container details as Docker gives them: no State.Health without a health check. */
export function dockerDetails<T extends { State: StateLike }>(details: T): T {
  const health = details.State?.Health;
  if (health !== undefined && (health === null || !health.Status)) {
    const state = { ...details.State };
    delete state.Health;
    return { ...details, State: state };
  }
  return details;
}

/** Variables an exec has without the container's Config.Env naming them (engine defaults). */
const BASE_ENV = ['PATH', 'HOSTNAME', 'HOME', 'TERM', 'container'];

/**
 * Docker reads a bare `KEY` in an exec's Env as "remove KEY"; Podman refuses it ("environment
 * variable "KEY" badly formed, must be key=value"). Applies Docker's reading here: the Env to
 * send (KEY=VALUE entries only, the last of duplicates kept), and the keys still to remove,
 * those the exec would otherwise inherit (from the container's Config.Env or the engine's
 * defaults). A bare KEY nobody sets needs nothing.
 */
export function splitRemovals(env: string[], containerEnv: string[] = []): { env: string[]; unset: string[] } {
  const entries = new Map<string, string>();
  const removed = new Set<string>();
  for (const entry of env) {
    const eq = entry.indexOf('=');
    const key = eq < 0 ? entry : entry.slice(0, eq);
    entries.delete(key);
    if (eq < 0) removed.add(key);
    else {
      removed.delete(key);
      entries.set(key, entry);
    }
  }
  const inherited = new Set([
    ...BASE_ENV,
    ...containerEnv.map((e) => (e.includes('=') ? e.slice(0, e.indexOf('=')) : e)),
  ]);
  return { env: [...entries.values()], unset: [...removed].filter((key) => inherited.has(key)) };
}

/**
 * The engine as its answers' headers name it: Server "Docker/20.10.24 (linux)" or
 * "Libpod/4.3.1 (linux)" (Podman), and Api-Version. Undefined when there is no Server header.
 */
export function describeServer(server: string | undefined, apiVersion: string | undefined): string | undefined {
  const m = /^\s*([^/\s]+)\/(\S+)/.exec(server ?? '');
  if (!m) return undefined;
  const product = m[1] === 'Libpod' ? 'Podman' : m[1];
  return `${product} ${m[2]}${apiVersion ? `, API ${apiVersion}` : ''}`;
}
