// No hung step and no cut command on the Kubernetes back end (shared/bounds.ts): a quiet
// command outlives a proxy that cuts connections idle for 15 s (WebSocket pings every 5 s), a
// connection whose pongs stop fails the step with one line, and an API server that accepts and
// never answers fails the look-up within wait-timeout. The proxy is scripts/delay-proxy.mjs in
// front of the cluster's API server (TLS passes through it untouched).
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import net from 'node:net';
import { startDelayProxy, type DelayProxy } from '../../scripts/delay-proxy.mjs';
import {
  cluster,
  createArcPod,
  deleteCreatedPods,
  kubeconfigCopy,
  kubeInputs,
  removeScratch,
  runKube,
  theError,
  uniquePodName,
  waitReady,
} from '../helpers/kube.js';

let pod: string;
const figures: string[] = [];
const port = (url: string) => Number(new URL(url).port);
/** The runner's kubeconfig with another server (a proxy's, a silent one's). */
const kubeconfigFor = (server: string) =>
  kubeconfigCopy(cluster().runnerKubeconfig, (text) => text.replace(/^(\s*server:).*$/m, `$1 ${server}`));

beforeAll(async () => {
  pod = await createArcPod(uniquePodName('conn'));
  await waitReady(pod);
}, 90_000);

afterAll(async () => {
  await deleteCreatedPods();
  removeScratch();
  if (figures.length) console.log(figures.join('\n'));
});

describe('behind a proxy', () => {
  let proxy: DelayProxy;
  beforeAll(async () => {
    proxy = await startDelayProxy({
      target: { host: '127.0.0.1', port: port(cluster().server) },
      delayMs: 0,
      idleCutMs: 15_000,
    });
  });
  afterAll(async () => {
    await proxy?.close();
  });

  test('that cuts connections idle for 15 s: a command quiet for 40 s ends with its own exit status', async () => {
    const cuts = proxy.idleCuts;
    const started = Date.now();
    const run = await runKube(kubeInputs(pod, 'busybox', { command: `sh -c 'sleep 40; echo done; exit 3'` }), {
      kubeconfig: kubeconfigFor(`https://127.0.0.1:${proxy.port}`),
      killAfterMs: 90_000,
    });
    const ms = Date.now() - started;
    expect(run.signal).toBeNull();
    expect(run.outputs['exit-code']).toBe('3');
    expect(run.outputs.stdout).toBe('done');
    expect(proxy.idleCuts - cuts).toBe(0);
    figures.push(
      `quiet Kubernetes command (sleep 40) behind a 15 s idle cut: exit 3 after ${(ms / 1000).toFixed(1)} s, longest quiet spell on the wire ${(proxy.longestQuietMs / 1000).toFixed(1)} s`,
    );
  }, 120_000);

  test('that goes silent under the command: the step fails with one line once pongs stop', async () => {
    const silent = await startDelayProxy({ target: { host: '127.0.0.1', port: port(cluster().server) }, delayMs: 0 });
    let heldAt = 0;
    try {
      const running = runKube(kubeInputs(pod, 'busybox', { command: `sh -c 'echo started; sleep 60'` }), {
        kubeconfig: kubeconfigFor(`https://127.0.0.1:${silent.port}`),
        killAfterMs: 90_000,
      });
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      heldAt = Date.now();
      silent.hold();
      const run = await running;
      const afterHold = Date.now() - heldAt;
      expect(run.signal).toBeNull();
      expect(run.code).toBe(1);
      expect(theError(run.stdout)).toMatch(
        /::the connection to the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+ went silent \(no answer to WebSocket pings for \d+(\.\d)?s\): exit status unknown(%0A|$)/,
      );
      // Pongs are awaited 15 s, looked at every 5 s: 15 to 20 s, with room for a loaded machine.
      expect(afterHold).toBeGreaterThanOrEqual(14_000);
      expect(afterHold).toBeLessThan(40_000);
      figures.push(`Kubernetes connection gone silent: the step failed ${(afterHold / 1000).toFixed(1)} s after`);
    } finally {
      await silent.close();
    }
  }, 120_000);
});

test('an API server that accepts and never answers: the look-up fails within wait-timeout (5s), one line', async () => {
  const accepted = new Set<net.Socket>();
  const server = net.createServer((socket) => accepted.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  try {
    const started = Date.now();
    const run = await runKube(kubeInputs(pod, 'busybox', { command: 'true', 'wait-timeout': '5s' }), {
      kubeconfig: kubeconfigFor(address),
      killAfterMs: 60_000,
    });
    const ms = Date.now() - started;
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    expect(theError(run.stdout)).toContain(
      `the Kubernetes API server at ${address} (KUBECONFIG, context runner-user@dea-kube) did not answer within 5s (get pods ${pod}), within wait-timeout: it accepted the connection but sent nothing back`,
    );
    expect(ms).toBeLessThan(25_000);
    figures.push(
      `hung Kubernetes API server, look-up (wait-timeout 5s): the step ended after ${(ms / 1000).toFixed(1)} s`,
    );
  } finally {
    for (const socket of accepted) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  }
}, 90_000);
