// @actions/http-client and @actions/exec are left out of this action (see
// scripts/build.mjs): @actions/core imports them only for getIDToken and core.platform,
// which this action never calls.
export {};
