// Types of scripts/test-needs.mjs.
export function tier(env?: NodeJS.ProcessEnv): 'full' | 'engine';
export function unmetSuites(env?: NodeJS.ProcessEnv): { suite: string; line: string }[];
export const NEEDS: { suites: string[]; what: string; how: string; met: () => boolean }[];
