// The names actions/runner-container-hooks (packages/k8s) gives the containers of a job's pod.

/**
 * The name runner-container-hooks gives a service's container: the image's last path part
 * without tag or digest (`ghcr.io/org/postgres:16` -> `postgres`).
 */
export function hookBaseName(image: string): string {
  const withoutDigest = image.split('@')[0];
  const last = withoutDigest.slice(withoutDigest.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? last : last.slice(0, colon);
}

/** Whether a container's name is the one the hook gives its image (`-N` for duplicates). */
export function fitsHookName(name: string, image: string): boolean {
  const base = hookBaseName(image);
  return name === base || (name.startsWith(`${base}-`) && /^\d+$/.test(name.slice(base.length + 1)));
}
