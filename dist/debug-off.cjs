'use strict';
// Stands in for the `debug` package (see scripts/build.mjs): every log is off.
module.exports = () => Object.assign(() => undefined, { enabled: false });
