// Turning what the connection to the engine throws into sentences: an engine's HTTP error
// into an EngineError in Docker's words, a transport failure (no socket, refused, TLS, SSH)
// into one line that names the engine, where its address came from, and what to do.
import type { EngineAddress } from './address.js';
import { dockerAnswer, type AnswerContext } from './compat.js';
import { ActionError } from '../../../errors.js';
import { TLS_UNVERIFIED } from '../../../shared/tls.js';
import { localUser } from './ssh.js';

/** The engine answered with an HTTP error: its status and its own message. */
export class EngineError extends ActionError {
  constructor(
    readonly statusCode: number,
    readonly engineMessage: string,
  ) {
    super(engineMessage);
    this.name = 'EngineError';
  }
}

interface ModemError extends Error {
  statusCode?: number;
  json?: { message?: string } | Buffer | string | null;
  code?: string;
}

/** The TLS peer (the engine) sent an alert: it refused our client certificate. */
const TLS_PEER_REFUSED =
  /ALERT_(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|CERTIFICATE_EXPIRED|CERTIFICATE_REVOKED|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED|DECRYPT_ERROR|HANDSHAKE_FAILURE)/;
const TLS_OTHER = /ERR_TLS|ERR_SSL|EPROTO|alert/i;

/**
 * The engine could not be reached or spoken to (no socket, refused, TLS, SSH, a cut
 * connection): no answer of its own. Apart from EngineError (it answered with an HTTP error)
 * and from an answer of a shape the action does not read.
 */
export class ConnectionError extends ActionError {}

/**
 * Turns what docker-modem throws into one line the user can act on. An engine's HTTP error
 * becomes an EngineError in Docker's words (Podman's differ: see compat.ts); a connection the
 * SSH host-key check refused gets that check's sentence (`sshRefusal`).
 */
export function explainError(
  error: unknown,
  doing: string,
  target: EngineAddress,
  context: AnswerContext = {},
  sshRefusal?: string,
): Error {
  const e = error as ModemError;
  if (typeof e?.statusCode === 'number') {
    const body = e.json;
    let message = '';
    if (Buffer.isBuffer(body) || typeof body === 'string') message = body.toString();
    // An answer without a message (a proxy's {"error": ...}): its JSON, not "[object Object]".
    else if (body && typeof body === 'object')
      message = typeof body.message === 'string' ? body.message : JSON.stringify(body);
    message ||= e.message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
    const answer = dockerAnswer({ statusCode: e.statusCode, message }, context);
    return new EngineError(answer.statusCode, answer.message);
  }
  if (sshRefusal) return new ConnectionError(sshRefusal, { cause: error });
  const where = `${target.address} (${target.source})`;
  const code = e?.code ?? '';
  const text = `${code} ${e?.message ?? ''}`;
  if (
    code === 'ENOENT' ||
    code === 'ECONNREFUSED' ||
    code === 'EACCES' ||
    code === 'ENOTFOUND' ||
    code === 'EHOSTUNREACH'
  ) {
    const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such socket' : code.toLowerCase();
    return new ConnectionError(
      `cannot reach the Docker engine at ${where}: ${why}. Start the engine, or choose another with the docker-host input or DOCKER_HOST`,
      { cause: error },
    );
  }
  const tls = target.tls;
  const reason = `${code}${code && e?.message ? ': ' : ''}${(e?.message ?? '').split('\n')[0].replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):.*$/, '$1')}`;
  if (target.protocol === 'https' && TLS_PEER_REFUSED.test(text)) {
    return new ConnectionError(
      `the Docker engine at ${where} refused this client's TLS certificate (${tls?.certFrom ? `from ${tls.certFrom}` : 'none was given'}; ${reason}), so nothing was run. Give a certificate and key signed by a CA the engine trusts`,
      { cause: error },
    );
  }
  if (target.protocol === 'https' && TLS_UNVERIFIED.test(code)) {
    return new ConnectionError(
      `refused the Docker engine at ${where}: its TLS certificate does not verify against ${tls?.caFrom ? `the CA in ${tls.caFrom}` : "the system's CAs (no CA was given: set tls-ca, or DOCKER_CERT_PATH)"} (${reason}), so nothing was run`,
      { cause: error },
    );
  }
  if (/WRONG_VERSION_NUMBER|wrong version number/i.test(text)) {
    return new ConnectionError(
      `the Docker engine at ${where} does not speak TLS (${reason}): use its TLS port, or leave out the TLS settings`,
      { cause: error },
    );
  }
  if (target.protocol === 'http' && /^HPE_/.test(code)) {
    return new ConnectionError(
      `the Docker engine at ${where} did not answer in plain HTTP (${reason}): if it expects TLS, give tls-ca, tls-cert and tls-key (or DOCKER_TLS_VERIFY and DOCKER_CERT_PATH)`,
      { cause: error },
    );
  }
  if (TLS_OTHER.test(text)) {
    return new ConnectionError(
      `the TLS connection to the Docker engine at ${where} failed (${reason}), so nothing was run`,
      { cause: error },
    );
  }
  if (target.protocol === 'ssh' && /authentication methods failed/i.test(text)) {
    const sock = process.env.SSH_AUTH_SOCK;
    return new ConnectionError(
      `the SSH server at ${where} refused to log in ${target.username ?? localUser()}: the action logs in with the keys of the ssh-agent at SSH_AUTH_SOCK (${sock ? sock : 'not set'}). Load the key into an agent (ssh-agent, ssh-add) and set SSH_AUTH_SOCK`,
      { cause: error },
    );
  }
  const tlsHint =
    target.protocol === 'http' && /ECONNRESET|socket hang up/i.test(text)
      ? '. If this engine expects TLS, give tls-ca, tls-cert and tls-key (or set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH)'
      : '';
  return new ConnectionError(`${doing} at ${where} failed: ${e?.message ?? String(error)}${tlsHint}`, { cause: error });
}
