'use strict';
// Stands in for @actions/http-client until one of its classes is used (see scripts/build.mjs).
let httpClient;
const load = () => (httpClient ??= require('./http-client/index.js'));
module.exports = {
  get HttpClient() {
    return load().HttpClient;
  },
  get BearerCredentialHandler() {
    return load().BearerCredentialHandler;
  },
};
