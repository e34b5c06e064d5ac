// Types of scripts/release.mjs.
export const CHANGE_TYPES: readonly string[];
export function parseVersion(text: string): [number, number, number] | undefined;
export function changelogSection(changelog: string, version: string): { notes: string; problems: string[] };
export function planRelease(state: {
  version: string;
  allowMajor?: boolean;
  tags: Map<string, string>;
  head: string;
  onMain: boolean;
  changelog: string;
  packageVersion: string;
}): {
  problems: string[];
  notes: string;
  commands: string[][];
  tag?: string;
  major?: string;
  majorWas?: string;
};
