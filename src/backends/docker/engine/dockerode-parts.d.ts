// dockerode's Container and Exec classes, imported on their own (see engine.ts).
declare module 'dockerode/lib/container.js' {
  import type Docker from 'dockerode';
  const Container: new (modem: unknown, id: string) => Docker.Container;
  export default Container;
}
declare module 'dockerode/lib/exec.js' {
  import type Docker from 'dockerode';
  const Exec: new (modem: unknown, id: string) => Docker.Exec;
  export default Exec;
}
