// What pods/exec cannot do, in the words the refusal gives (step/capabilities.ts names the
// input). A module of its own: the step refuses these before it loads the Kubernetes back end.
import type { Lacks } from '../../shared/backend.js';

const ON_KUBERNETES = 'on Kubernetes (engine: kubernetes)';

export const KUBERNETES_LACKS: Lacks = {
  user: `has no meaning ${ON_KUBERNETES}: pods/exec runs the command as the container's own user, and has no way to choose another. Remove it, or run the command through su or runuser in the container`,
  privileged: `has no meaning ${ON_KUBERNETES}: pods/exec has no privileged mode; the container's securityContext decides. Remove it`,
  detach: `is not supported ${ON_KUBERNETES}: pods/exec ends the command when its connection closes. Remove it`,
  copy: `is not supported ${ON_KUBERNETES} yet: copy with kubectl cp, or pipe a tar archive through stdin-file`,
  'docker-engine': `names a Docker engine, but the command runs ${ON_KUBERNETES}: remove it, or set engine: docker`,
};
