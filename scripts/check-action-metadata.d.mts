// Types of scripts/check-action-metadata.mjs.
export const TOP_LEVEL_KEYS: readonly string[];
export const REQUIRED_TOP_LEVEL_KEYS: readonly string[];
export const INPUT_KEYS: readonly string[];
export const ID_PATTERN: RegExp;
export const OUTPUT_KEYS: readonly string[];
export const NODE_RUNS_KEYS: readonly string[];
export const RUNNER_NODE_VERSIONS: readonly string[];
export const PROJECT_NODE_VERSION: string;
export const INPUT_DEFAULT_CONTEXT: readonly string[];
export const BUILT_IN_FUNCTIONS: Readonly<Record<string, readonly [number, number]>>;
export const BRANDING_COLORS: readonly string[];
export const BRANDING_ICONS: readonly string[];

export type ReadExpression =
  { error: string } | { namedValues: string[]; calls: Array<{ name: string; args: number }>; error?: undefined };

export function readExpression(expression: string): ReadExpression;
export function checkActionMetadata(doc: unknown, options?: { root?: string }): string[];
export function checkYamlText(text: string): string[];
