// What @actions/core takes from @actions/http-client, bundled on its own (see build.mjs).
export { HttpClient } from '@actions/http-client';
export { BearerCredentialHandler } from '@actions/http-client/lib/auth';
