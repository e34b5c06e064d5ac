'use strict';
// Stands in for ssh2 until an ssh:// engine is used (see scripts/build.mjs).
let ssh2;
const load = () => (ssh2 ??= require('./ssh2/index.cjs'));
class Client {
  constructor(...args) {
    return new (load().Client)(...args);
  }
}
module.exports = { Client };
