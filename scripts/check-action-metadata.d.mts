// Types of scripts/check-action-metadata.mjs.
export const PROJECT_NODE_VERSION: string;
export function checkActionText(text: string, options?: { root?: string }): string[];
