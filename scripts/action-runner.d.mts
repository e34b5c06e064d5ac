// Types of scripts/action-runner.mjs.
export interface ActionField {
  name: string;
  description: string;
  required: boolean;
  default?: string;
}

export interface ActionMetadata {
  inputs: ActionField[];
  outputs: ActionField[];
  runs: Record<string, unknown>;
  top: Record<string, string>;
}

export const ROOT: string;
export function parseYamlStrict(text: string, file?: string): unknown;
export function loadActionYml(file?: string): Record<string, unknown>;
export function readActionYml(file?: string): ActionMetadata;
export function inputEnvironment(
  declared: Array<{ name: string; default?: string }>,
  given: Record<string, string>,
  job?: unknown,
): Record<string, string>;
export function stepEnvironment(
  workspace: string,
  scratch: string,
): { outputFile: string; summaryFile: string; env: Record<string, string> };
export function parseOutputFile(text: string): Record<string, string>;
