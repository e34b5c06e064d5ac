import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
import * as __WEBPACK_EXTERNAL_MODULE__ssh2_lazy_cjs_fd6c2de8__ from "./ssh2-lazy.cjs";
import * as __WEBPACK_EXTERNAL_MODULE__left_out_mjs_da3e1d57__ from "./left-out.mjs";
const __loadOnFirstUse = (name) => {
  let real;
  const load = () => (real ??= __WEBPACK_EXTERNAL_createRequire(import.meta.url)(name));
  // Built-in modules are no ES modules: webpack's interop asks __esModule of each module
  // shared between chunks when the bundle loads, which must not load it.
  return new Proxy({}, { get: (_, key) => (key === '__esModule' ? undefined : load()[key]), has: (_, key) => key in load() });
};
/******/ var __webpack_modules__ = ({

/***/ 9167:
/***/ ((module, exports, __nccwpck_require__) => {

//Based on follow-redirects v0.0.x

var nativeHttps = __nccwpck_require__(5692),
  nativeHttp = __nccwpck_require__(8611),
  url = __nccwpck_require__(7016),
  utils = __nccwpck_require__(4510);

var maxRedirects = module.exports.maxRedirects = 5;

var protocols = {
  https: nativeHttps,
  http: nativeHttp
};

for (var protocol in protocols) {
  var h = function() {};
  h.prototype = protocols[protocol];
  h = new h();

  h.request = function(h) {
    return function(options, callback, redirectOptions) {

      redirectOptions = redirectOptions || {};

      var max = (typeof options === 'object' && 'maxRedirects' in options) ? options.maxRedirects : exports.maxRedirects;

      var redirect = utils.extend({
        count: 0,
        max: max,
        clientRequest: null,
        userCallback: callback
      }, redirectOptions);

      if (redirect.count > redirect.max) {
        var err = new Error('Max redirects exceeded. To allow more redirects, pass options.maxRedirects property.');
        redirect.clientRequest.emit('error', err);
        return redirect.clientRequest;
      }

      redirect.count++;

      var reqUrl;
      if (typeof options === 'string') {
        reqUrl = options;
      } else {
        reqUrl = url.format(utils.extend({
          protocol: protocol
        }, options));
      }

      var clientRequest = Object.getPrototypeOf(h).request(options, redirectCallback(reqUrl, redirect));

      if (!redirect.clientRequest) redirect.clientRequest = clientRequest;

      function redirectCallback(reqUrl, redirect) {
        return function(res) {
          if (res.statusCode < 300 || res.statusCode > 399) {
            return redirect.userCallback(res);
          }

          if (!('location' in res.headers)) {
            return redirect.userCallback(res);
          }

          var redirectUrl = url.resolve(reqUrl, res.headers.location);

          var proto = url.parse(redirectUrl).protocol;
          proto = proto.substr(0, proto.length - 1);
          return module.exports[proto].get(redirectUrl, redirectCallback(reqUrl, redirect), redirect);
        };
      }

      return clientRequest;
    };
  }(h);

  // see https://github.com/joyent/node/blob/master/lib/http.js#L1623
  h.get = function(h) {
    return function(options, cb, redirectOptions) {
      var req = h.request(options, cb, redirectOptions);
      req.end();
      return req;
    };
  }(h);

  module.exports[protocol] = h;
}


/***/ }),

/***/ 9976:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = HttpDuplex;

var util = __nccwpck_require__(9023),
  stream = __nccwpck_require__(2203);

util.inherits(HttpDuplex, stream.Duplex);

function HttpDuplex(req, res, options) {
  var self = this;

  if (!(self instanceof HttpDuplex)) return new HttpDuplex(req, res, options);

  stream.Duplex.call(self, options);
  self._output = null;

  self.connect(req, res);
}

HttpDuplex.prototype.connect = function(req, res) {
  var self = this;
  self.req = req;
  self._output = res;
  self.emit('response', res);

  res.on('data', function(c) {
    if (!self.push(c)) self._output.pause();
  });
  res.on('end', function() {
    self.push(null);
  });
};

HttpDuplex.prototype._read = function(n) {
  if (this._output) this._output.resume();
};

HttpDuplex.prototype._write = function(chunk, encoding, cb) {
  this.req.write(chunk, encoding);
  cb();
};

HttpDuplex.prototype.end = function(chunk, encoding, cb) {
  this._output.socket.destroySoon();
  return this.req.end(chunk, encoding, cb);
};

HttpDuplex.prototype.destroy = function() {
  this.req.destroy();
  this._output.socket.destroy();
};

HttpDuplex.prototype.destroySoon = function() {
  this.req.destroy();
  this._output.socket.destroy();
};


/***/ }),

/***/ 7133:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var querystring = __nccwpck_require__(3480),
  http = __nccwpck_require__(9167),
  fs = __nccwpck_require__(9896),
  path = __nccwpck_require__(6928),
  url = __nccwpck_require__(7016),
  ssh = __nccwpck_require__(8573),
  HttpDuplex = __nccwpck_require__(9976),
  debug = __nccwpck_require__(6595)('modem'),
  utils = __nccwpck_require__(4510),
  util = __nccwpck_require__(9023),
  splitca = __nccwpck_require__(4087),
  os = __nccwpck_require__(857),
  isWin = os.type() === 'Windows_NT',
  stream = __nccwpck_require__(2203);

var defaultOpts = function () {
  var host;
  var opts = {};

  if (!process.env.DOCKER_HOST) {
    // Windows socket path: //./pipe/docker_engine ( Windows 10 )
    // Linux & Darwin socket path is /var/run/docker.sock when running system-wide,
    // or $HOME/.docker/run/docker.sock in new Docker Desktop installs.
    opts.socketPath = isWin ? '//./pipe/docker_engine' : findDefaultUnixSocket;
  } else if (process.env.DOCKER_HOST.indexOf('unix://') === 0) {
    // Strip off unix://, fall back to default if unix:// was passed without a path
    opts.socketPath = process.env.DOCKER_HOST.substring(7) || findDefaultUnixSocket;
  } else if (process.env.DOCKER_HOST.indexOf('npipe://') === 0) {
    // Strip off npipe://, fall back to default of //./pipe/docker_engine if
    // npipe:// was passed without a path
    opts.socketPath = process.env.DOCKER_HOST.substring(8) || '//./pipe/docker_engine';
  } else {
    var hostStr = process.env.DOCKER_HOST;
    if (hostStr.indexOf('\/\/') < 0) {
      hostStr = 'tcp://' + hostStr;
    }
    try {
      host = new url.URL(hostStr);
    } catch (err) {
      throw new Error('DOCKER_HOST env variable should be something like tcp://localhost:1234');
    }

    opts.port = host.port;

    if (process.env.DOCKER_TLS_VERIFY === '1' || opts.port === '2376') {
      opts.protocol = 'https';
    } else if (host.protocol === 'ssh:') {
      opts.protocol = 'ssh';
      opts.username = host.username;
      opts.sshOptions = {
        agent: process.env.SSH_AUTH_SOCK,
      }
    } else {
      opts.protocol = 'http';
    }

    if (process.env.DOCKER_PATH_PREFIX) {
      opts.pathPrefix = process.env.DOCKER_PATH_PREFIX;
    }
    else {
      opts.pathPrefix = '/';
    }

    opts.host = host.hostname;

    if (process.env.DOCKER_CERT_PATH) {
      opts.ca = splitca(path.join(process.env.DOCKER_CERT_PATH, 'ca.pem'));
      opts.cert = fs.readFileSync(path.join(process.env.DOCKER_CERT_PATH, 'cert.pem'));
      opts.key = fs.readFileSync(path.join(process.env.DOCKER_CERT_PATH, 'key.pem'));
    }

    if (process.env.DOCKER_CLIENT_TIMEOUT) {
      opts.timeout = parseInt(process.env.DOCKER_CLIENT_TIMEOUT, 10);
    }
  }

  return opts;
};

var findDefaultUnixSocket = function () {
  return new Promise(function (resolve) {
    var userDockerSocket = path.join(os.homedir(), '.docker', 'run', 'docker.sock');
    fs.access(userDockerSocket, function (err) {
      if (err) resolve('/var/run/docker.sock');
      else resolve(userDockerSocket);
    })
  });
}


var Modem = function (options) {
  var optDefaults = defaultOpts();
  var opts = Object.assign({}, optDefaults, options);

  this.host = opts.host;

  if (!this.host) {
    this.socketPath = opts.socketPath;
  }

  this.port = opts.port;
  this.pathPrefix = opts.pathPrefix;
  this.username = opts.username;
  this.password = opts.password;
  this.version = opts.version;
  this.key = opts.key;
  this.cert = opts.cert;
  this.ca = opts.ca;
  this.timeout = opts.timeout;
  this.connectionTimeout = opts.connectionTimeout;
  this.checkServerIdentity = opts.checkServerIdentity;
  this.agent = opts.agent;
  this.headers = opts.headers || {};
  this.sshOptions = Object.assign({}, options ? options.sshOptions : {}, optDefaults.sshOptions);
  //retrocompabitlity
  if (this.sshOptions.agentForward === undefined) {
    this.sshOptions.agentForward = opts.agentForward;
  }

  if (this.key && this.cert && this.ca) {
    this.protocol = 'https';
  }
  this.protocol = opts.protocol || this.protocol || 'http';
};

Modem.prototype.dial = function (options, callback) {
  var opts, address, data;

  if (options.options) {
    opts = options.options;
  }

  // Prevent credentials from showing up in URL
  if (opts && opts.authconfig) {
    delete opts.authconfig;
  }

  // Prevent abortsignal from showing up in the URL
  if (opts && opts.abortSignal) {
    delete opts.abortSignal;
  }

  if (this.version) {
    options.path = '/' + this.version + options.path;
  }

  if (this.host) {
    var parsed = url.parse(this.host);
    address = url.format({
      protocol: parsed.protocol || this.protocol,
      hostname: parsed.hostname || this.host,
      port: this.port,
      pathname: parsed.pathname || this.pathPrefix,
    });
    address = url.resolve(address, options.path);
  } else {
    address = options.path;
  }

  if (options.path.indexOf('?') !== -1) {
    if (opts && Object.keys(opts).length > 0) {
      address += this.buildQuerystring(opts._query || opts);
    } else {
      address = address.substring(0, address.length - 1);
    }
  }

  var optionsf = {
    path: address,
    method: options.method,
    headers: options.headers || Object.assign({}, this.headers),
    key: this.key,
    cert: this.cert,
    ca: this.ca
  };


  if (this.checkServerIdentity) {
    optionsf.checkServerIdentity = this.checkServerIdentity;
  }

  if (this.agent) {
    optionsf.agent = this.agent;
  }

  if (options.authconfig) {
    optionsf.headers['X-Registry-Auth'] = options.authconfig.key || options.authconfig.base64 ||
      Buffer.from(JSON.stringify(options.authconfig)).toString('base64').replace(/\+/g, "-").replace(/\//g, "_");
  }

  if (options.registryconfig) {
    optionsf.headers['X-Registry-Config'] = options.registryconfig.base64 ||
      Buffer.from(JSON.stringify(options.registryconfig)).toString('base64');
  }

  if (options.abortSignal) {
    optionsf.signal = options.abortSignal;
  }

  if (options.file) {
    if (typeof options.file === 'string') {
      data = fs.createReadStream(path.resolve(options.file));
    } else {
      data = options.file;
    }
    optionsf.headers['Content-Type'] = options?.headers?.['Content-Type'] ?? 'application/tar';
  } else if (opts && options.method === 'POST') {
    data = JSON.stringify(opts._body || opts);
    if (options.allowEmpty) {
      optionsf.headers['Content-Type'] = options?.headers?.['Content-Type'] ?? 'application/json';
    } else {
      if (data !== '{}' && data !== '""') {
        optionsf.headers['Content-Type'] = options?.headers?.['Content-Type'] ?? 'application/json';
      } else {
        data = undefined;
      }
    }
  }

  if (typeof data === 'string') {
    optionsf.headers['Content-Length'] = Buffer.byteLength(data);
  } else if (Buffer.isBuffer(data) === true) {
    optionsf.headers['Content-Length'] = data.length;
  } else if (optionsf.method === 'PUT' || options.hijack || options.openStdin) {
    optionsf.headers['Transfer-Encoding'] = 'chunked';
  }

  if (options.hijack) {
    optionsf.headers.Connection = 'Upgrade';
    optionsf.headers.Upgrade = optionsf.headers.Upgrade ?? 'tcp';
  }

  if (this.socketPath) {
    // SocketPath may be a function that can return a promise:
    this.getSocketPath().then((socketPath) => {
      optionsf.socketPath = socketPath;
      this.buildRequest(optionsf, options, data, callback);
    });
  } else {
    var urlp = url.parse(address);
    optionsf.hostname = urlp.hostname;
    optionsf.port = urlp.port;
    optionsf.path = urlp.path;

    this.buildRequest(optionsf, options, data, callback);
  }
};

Modem.prototype.getSocketPath = function () {
  if (!this.socketPath) return;
  if (this.socketPathCache) return Promise.resolve(this.socketPathCache);

  var socketPathValue = typeof this.socketPath === 'function'
    ? this.socketPath() : this.socketPath;

  this.socketPathCache = socketPathValue;

  return Promise.resolve(socketPathValue);
}

Modem.prototype.buildRequest = function (options, context, data, callback) {
  var self = this;
  var connectionTimeoutTimer;
  var finished = false;

  var opts = self.protocol === 'ssh' ? Object.assign(options, {
    agent: ssh(Object.assign({}, self.sshOptions, {
      'host': self.host,
      'port': self.port,
      'username': self.username,
      'password': self.password,
    })),
    protocol: 'http:',
  }) : options;

  var req = null;
  try {
    req = http[self.protocol === 'ssh' ? 'http' : self.protocol].request(opts, function () { });
  } catch (e) {
    callback(e);
    return;
  }

  debug.enabled && debug('Sending: %s', util.inspect(options, {
    showHidden: true,
    depth: null
  }));

  if (self.connectionTimeout) {
    connectionTimeoutTimer = setTimeout(function () {
      debug('Connection Timeout of %s ms exceeded', self.connectionTimeout);
      req.destroy();
    }, self.connectionTimeout);
  }

  if (self.timeout) {
    req.setTimeout(self.timeout);
    req.on('timeout', function () {
      debug('Timeout of %s ms exceeded', self.timeout);
      req.destroy();
    });
  }

  if (context.hijack === true) {
    clearTimeout(connectionTimeoutTimer);
    req.on('upgrade', function (res, sock, head) {
      if (finished === false) {
        finished = true;
        if (head.length > 0) {
          sock.unshift(head);
        }
        return callback(null, sock);
      }
    });
  }

  req.on('connect', function () {
    clearTimeout(connectionTimeoutTimer);
  });

  req.on('disconnect', function () {
    clearTimeout(connectionTimeoutTimer);
  });

  req.on('response', function (res) {
    clearTimeout(connectionTimeoutTimer);
    if (context.isStream === true) {
      if (finished === false) {
        finished = true;
        self.buildPayload(null, context.isStream, context.statusCodes, context.openStdin, req, res, null, callback);
      }
    } else {
      // The native 'request' method only handles aborting during the request lifecycle not the response lifecycle.
      // We need to make the response stream abortable so that it's destroyed with an error on abort and then
      // it triggers the request 'error' event
      if (options.signal != null) {
        stream.addAbortSignal(options.signal, res)
      }
      var chunks = [];
      res.on('data', function (chunk) {
        chunks.push(chunk);
      });

      res.on('end', function () {
        var buffer = Buffer.concat(chunks);
        var result = buffer.toString();

        debug('Received: %s', result);

        var json = utils.parseJSON(result) || buffer;
        if (finished === false) {
          finished = true;
          self.buildPayload(null, context.isStream, context.statusCodes, false, req, res, json, callback);
        }
      });
    }
  });

  req.on('error', function (error) {
    clearTimeout(connectionTimeoutTimer);
    if (finished === false) {
      finished = true;
      self.buildPayload(error, context.isStream, context.statusCodes, false, {}, {}, null, callback);
    }
  });

  if (typeof data === 'string' || Buffer.isBuffer(data)) {
    req.write(data);
  } else if (data) {
    data.on('error', function (error) {
      req.destroy(error);
    });
    data.pipe(req);
  }

  if (!context.openStdin && (typeof data === 'string' || data === undefined || Buffer.isBuffer(data))) {
    req.end();
  }
};

Modem.prototype.buildPayload = function (err, isStream, statusCodes, openStdin, req, res, json, cb) {
  if (err) return cb(err, null);

  if (statusCodes[res.statusCode] !== true) {
    getCause(isStream, res, json, function (err, cause) {
      if (err) {
        return cb(err, null);
      }
      var msg = new Error(
        '(HTTP code ' + res.statusCode + ') ' +
        (statusCodes[res.statusCode] || 'unexpected') + ' - ' +
        (cause.message || cause.error || cause) + ' '
      );
      msg.reason = statusCodes[res.statusCode];
      msg.statusCode = res.statusCode;
      msg.json = json;
      cb(msg, null);
    });
  } else {
    if (openStdin) {
      cb(null, new HttpDuplex(req, res));
    } else if (isStream) {
      cb(null, res);
    } else {
      cb(null, json);
    }
  }

  function getCause(isStream, res, json, callback) {
    var chunks = '';
    var done = false;

    if (isStream) {
      res.on('data', function (chunk) {
        chunks += chunk;
      });
      res.on('error', function (err) {
        handler(err, null);
      });
      res.on('end', function () {
        handler(null, utils.parseJSON(chunks) || chunks)
      });
    } else {
      callback(null, json);
    }

    function handler(err, data) {
      if (done === false) {
        if (err) {
          callback(err);
        } else {
          callback(null, data);
        }
      }
      done = true;
    }
  }
};

Modem.prototype.demuxStream = function (streama, stdout, stderr) {
  var pendingStreamType = null;
  var pendingDataLength = null;
  var buffer = Buffer.from('');
  
  function processData(data) {
    if (data) {
      buffer = Buffer.concat([buffer, data]);
    }
    if (pendingStreamType === null) {
      if (buffer.length >= 8) {
        var header = bufferSlice(8);
        var streamType = header.readUInt8(0);
        var dataLength = header.readUInt32BE(4);

        // Validate stream type per Docker multiplex protocol:
        // 0 = stdin, 1 = stdout, 2 = stderr
        if (streamType !== 0 && streamType !== 1 && streamType !== 2) {
          // Invalid header — stream is likely not multiplexed (e.g. TTY mode)
          // or has become misaligned. Write the entire buffer as stdout
          // and stop trying to demux.
          var remaining = Buffer.concat([header, buffer]);
          stdout.write(remaining);
          buffer = Buffer.from('');
          pendingStreamType = null;
          pendingDataLength = null;
          // Switch to raw passthrough for the rest of the stream
          streama.removeListener('data', processData);
          streama.on('data', function(chunk) {
            stdout.write(chunk);
          });
          return;
        }

        pendingStreamType = streamType;
        pendingDataLength = dataLength;
        // It's possible we got a "data" that contains multiple messages
        // Process the next one
        processData();
      }
    } else {
      if (buffer.length >= pendingDataLength) {
        var content = bufferSlice(pendingDataLength);
        if (pendingStreamType === 1) {
          stdout.write(content);
        } else {
          stderr.write(content);
        }
        pendingStreamType = null;
        pendingDataLength = null;
        // It's possible we got a "data" that contains multiple messages
        // Process the next one
        processData();
      }
    }
  }

  function bufferSlice(end) {
    var out = buffer.subarray(0, end);
    buffer = Buffer.from(buffer.subarray(end, buffer.length));
    return out;
  }

  streama.on('data', processData);
};

Modem.prototype.followProgress = function (streama, onFinished, onProgress) {
  var buf = '';
  var output = [];
  var finished = false;

  streama.on('data', onStreamEvent);
  streama.on('error', onStreamError);
  streama.on('end', onStreamEnd);
  streama.on('close', onStreamEnd);

  function onStreamEvent(data) {
    buf += data.toString();
    pump();

    function pump() {
      var pos;
      while ((pos = buf.indexOf('\n')) >= 0) {
        if (pos == 0) {
          buf = buf.slice(1);
          continue;
        }
        processLine(buf.slice(0, pos));
        buf = buf.slice(pos + 1);
      }
    }

    function processLine(line) {
      if (line[line.length - 1] == '\r') line = line.substr(0, line.length - 1);
      if (line.length > 0) {
        var obj = JSON.parse(line);
        output.push(obj);
        if (onProgress) {
          onProgress(obj);
        }
      }
    }
  };

  function onStreamError(err) {
    finished = true;
    streama.removeListener('data', onStreamEvent);
    streama.removeListener('error', onStreamError);
    streama.removeListener('end', onStreamEnd);
    streama.removeListener('close', onStreamEnd);
    onFinished(err, output);
  }

  function onStreamEnd() {
    if (!finished) onFinished(null, output);
    finished = true;
  }
};

Modem.prototype.buildQuerystring = function (opts) {
  var clone = {};

  Object.keys(opts).map(function (key, i) {
    if (
      opts[key] &&
      typeof opts[key] === 'object' &&
      !Array.isArray(opts[key])
    ) {
      clone[key] = JSON.stringify(opts[key]);
    } else {
      clone[key] = opts[key];
    }
  });

  return querystring.stringify(clone);
};

module.exports = Modem;


/***/ }),

/***/ 8573:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var Client = (__nccwpck_require__(2605).Client),
  http = __nccwpck_require__(8611);

module.exports = function (opt) {
  var conn = new Client();
  var agent = new http.Agent();

  agent.createConnection = function (options, fn) {
    try {
      conn.once('ready', function () {
        conn.exec('docker system dial-stdio', function (err, stream) {
          if (err) {
            handleError(err , fn);
          }

          fn(null, stream);
          
          stream.addListener('error', (err) => {
            handleError(err, fn);
          });
          stream.once('close', () => {
            conn.end();
            agent.destroy();
          });
        });
      }).on('error', (err) => {
        handleError(err, fn);
      })
        .connect(opt);
      conn.once('end', () => agent.destroy());
      
    } catch (err) {
      handleError(err);
    }
  };

  function handleError(err, cb) {
    conn.end();
    agent.destroy();
    if (cb) {
      cb(err);
    } else {
      throw err;
    }
  }

  return agent;
};


/***/ }),

/***/ 4510:
/***/ ((module) => {

// https://github.com/HenrikJoreteg/extend-object/blob/v0.1.0/extend-object.js

var arr = [];
var each = arr.forEach;
var slice = arr.slice;

module.exports.extend = function(obj) {
  each.call(slice.call(arguments, 1), function(source) {
    if (source) {
      for (var prop in source) {
        obj[prop] = source[prop];
      }
    }
  });
  return obj;
};

module.exports.parseJSON = function(s) {
  try {
    return JSON.parse(s);
  } catch (e) {
    return null;
  }
};


/***/ }),

/***/ 8521:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var extend = (__nccwpck_require__(8300).extend),
  Exec = __nccwpck_require__(209),
  util = __nccwpck_require__(8300);

/**
 * Represents a Container
 * @param {Object} modem docker-modem
 * @param {String} id    Container's ID
 */
var Container = function(modem, id) {
  this.modem = modem;
  this.id = id;

  this.defaultOptions = {
    top: {},
    start: {},
    commit: {},
    stop: {},
    pause: {},
    unpause: {},
    restart: {},
    resize: {},
    attach: {},
    remove: {},
    copy: {},
    kill: {},
    exec: {},
    rename: {},
    log: {},
    stats: {},
    getArchive: {},
    infoArchive: {},
    putArchive: {},
    update: {},
    wait: {}
  };
};

Container.prototype[(__nccwpck_require__(9023).inspect).custom] = function() { return this; };

/**
 * Inspect
 * @param  {Object}   opts     Options (optional)
 * @param  {Function} callback Callback, if supplied will query Docker.
 * @return {Object}            ID only and only if callback isn't supplied.
 */
Container.prototype.inspect = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback);

  var optsf = {
    path: '/containers/' + this.id + '/json?',
    method: 'GET',
    options: args.opts,
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true,
      404: 'no such container',
      500: 'server error'
    }
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Rename
 * @param  {Object}   opts     Rename options
 * @param  {Function} callback Callback
 */
Container.prototype.rename = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.rename);

  var optsf = {
    path: '/containers/' + this.id + '/rename?',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true,
      204: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Update
 * @param  {Object}   opts     Update options
 * @param  {Function} callback Callback
 */
Container.prototype.update = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.update);

  var optsf = {
    path: '/containers/' + this.id + '/update',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true,
      204: true,
      400: 'bad parameter',
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Top
 * @param  {Object}   opts like 'ps_args' (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.top = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.top);

  var optsf = {
    path: '/containers/' + this.id + '/top?',
    method: 'GET',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Containers changes
 * @param  {Object}   Options
 * @param  {Function} callback Callback
 */
Container.prototype.changes = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback);

  var optsf = {
    path: '/containers/' + this.id + '/changes',
    method: 'GET',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true,
      404: 'no such container',
      500: 'server error'
    }
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Checkpoints list
 * @param  {Object}   opts     List checkpoints options (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.listCheckpoint = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback);

  var optsf = {
    path: '/containers/' + this.id + '/checkpoints?',
    method: 'GET',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};


/**
 * Delete checkpoint
 * @param  {Object}   opts     Delete checkpoint options (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.deleteCheckpoint = function(checkpoint, opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback);

  var optsf = {
    path: '/containers/' + this.id + '/checkpoints/' + checkpoint + '?',
    method: 'DELETE',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true, // unofficial, but proxies may return it
      204: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Create checkpoint
 * @param  {Object}   opts     Create checkpoint options (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.createCheckpoint = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback);

  var optsf = {
    path: '/containers/' + this.id + '/checkpoints',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    allowEmpty: true,
    statusCodes: {
      200: true, //unofficial, but proxies may return it
      201: true,
      204: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};


/**
 * Export
 * @param  {Object}   opts     Options (optional)
 * @param  {Function} callback Callback with the octet-stream.
 */
Container.prototype.export = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback);

  var optsf = {
    path: '/containers/' + this.id + '/export',
    method: 'GET',
    abortSignal: args.opts.abortSignal,
    isStream: true,
    statusCodes: {
      200: true,
      404: 'no such container',
      500: 'server error'
    }
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Start
 * @param  {Object}   opts     Container start options (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.start = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.start);

  var optsf = {
    path: '/containers/' + this.id + '/start?',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true, // unofficial, but proxies may return it
      204: true,
      304: 'container already started',
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Pause
 * @param  {Object}   opts     Pause options (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.pause = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.pause);

  var optsf = {
    path: '/containers/' + this.id + '/pause',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true, // unofficial, but proxies may return it
      204: true,
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Unpause
 * @param  {Object}   opts     Unpause options (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.unpause = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.unpause);

  var optsf = {
    path: '/containers/' + this.id + '/unpause',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true, // unofficial, but proxies may return it
      204: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Setup an exec call to a running container
 *
 * @param {object} opts
 * @param {function} callback
 */
Container.prototype.exec = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.exec);

  var optsf = {
    path: '/containers/' + this.id + '/exec',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true, // unofficial, but proxies may return it
      201: true,
      404: 'no such container',
      409: 'container stopped/paused',
      500: 'server error'
    },
    options: args.opts
  };


  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(new Exec(self.modem, data.Id));
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      if (err) return args.callback(err, data);
      args.callback(err, new Exec(self.modem, data.Id));
    });
  }
};

/**
 * Commit
 * @param  {Object}   opts     Commit options like 'Hostname' (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.commit = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.commit);

  args.opts.container = this.id;

  var optsf = {
    path: '/commit?',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true, // unofficial, but proxies may return it
      201: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Stop
 * @param  {Object}   opts     Container stop options, like 't' (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.stop = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.stop);

  var optsf = {
    path: '/containers/' + this.id + '/stop?',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true, // unofficial, but proxies may return it
      204: true,
      304: 'container already stopped',
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Restart
 * @param  {Object}   opts     Container restart options, like 't' (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.restart = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.restart);

  var optsf = {
    path: '/containers/' + this.id + '/restart?',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true, // unofficial, but proxies may return it
      204: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Kill
 * @param  {Object}   opts     Container kill options, like 'signal' (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.kill = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.kill);

  var optsf = {
    path: '/containers/' + this.id + '/kill?',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true, // unofficial, but proxies may return it
      204: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Container resize
 * @param  {[type]}   opts     Resize options. (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.resize = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.resize);

  var optsf = {
    path: '/containers/' + this.id + '/resize?',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true,
      400: 'bad parameter',
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Attach
 * @param  {Object}   opts     Attach options, like 'logs' (optional)
 * @param  {Function} callback Callback with stream.
 */
Container.prototype.attach = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.attach);

  var optsf = {
    path: '/containers/' + this.id + '/attach?',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    isStream: true,
    hijack: args.opts.hijack,
    openStdin: args.opts.stdin,
    statusCodes: {
      200: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, stream) {
        if (err) {
          return reject(err);
        }
        resolve(stream);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, stream) {
      args.callback(err, stream);
    });
  }
};

/**
 * Waits for a container to end.
 * @param  {[type]}   opts     Container wait options, like condition. (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.wait = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.wait);

  var optsf = {
    path: '/containers/' + this.id + '/wait?',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true,
      400: 'bad parameter',
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Removes a container
 * @param  {Object}   opts     Remove options, like 'force' (optional)
 * @param  {Function} callback Callback
 */
Container.prototype.remove = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.remove);

  var optsf = {
    path: '/containers/' + this.id + '?',
    method: 'DELETE',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true, // unofficial, but proxies may return it
      204: true,
      400: 'bad parameter',
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Copy (WARNING: DEPRECATED since RAPI v1.20)
 * @param  {Object}   opts     Copy options, like 'Resource' (optional)
 * @param  {Function} callback Callback with stream.
 */
Container.prototype.copy = function(opts, callback) {
  var self = this;
  console.log('container.copy is deprecated since Docker v1.8.x');
  var args = util.processArgs(opts, callback, this.defaultOptions.copy);

  var optsf = {
    path: '/containers/' + this.id + '/copy',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    isStream: true,
    statusCodes: {
      200: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * getArchive
 * @param  {Object}   opts     Archive options, like 'path'
 * @param  {Function} callback Callback with stream.
 */
Container.prototype.getArchive = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.getArchive);

  var optsf = {
    path: '/containers/' + this.id + '/archive?',
    method: 'GET',
    abortSignal: args.opts.abortSignal,
    isStream: true,
    statusCodes: {
      200: true,
      400: 'client error, bad parameters',
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * infoArchive
 * @param  {Object}   opts     Archive options, like 'path'
 * @param  {Function} callback Callback with stream.
 */
Container.prototype.infoArchive = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.infoArchive);

  var optsf = {
    path: '/containers/' + this.id + '/archive?',
    method: 'HEAD',
    abortSignal: args.opts.abortSignal,
    isStream: true,
    statusCodes: {
      200: true,
      400: 'client error, bad parameters',
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * putArchive
 * @param  {Object}   opts     Archive options, like 'path'
 * @param  {Function} callback Callback with stream.
 */
Container.prototype.putArchive = function(file, opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.putArchive);

  var optsf = {
    path: '/containers/' + this.id + '/archive?',
    method: 'PUT',
    file: file,
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true,
      400: 'client error, bad parameters',
      403: 'client error, permission denied',
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Container logs
 * @param  {Object}   opts     Logs options. (optional)
 * @param  {Function} callback Callback with data
 */
Container.prototype.logs = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.log);

  var optsf = {
    path: '/containers/' + this.id + '/logs?',
    method: 'GET',
    abortSignal: args.opts.abortSignal,
    isStream: args.opts.follow || false,
    statusCodes: {
      200: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

/**
 * Container stats
 * @param  {Object}   opts     Stats options. (optional)
 * @param  {Function} callback Callback with data
 */
Container.prototype.stats = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback, this.defaultOptions.stats);
  var isStream = true;
  if (args.opts.stream === false) {
    isStream = false;
  }
  var optsf = {
    path: '/containers/' + this.id + '/stats?',
    method: 'GET',
    abortSignal: args.opts.abortSignal,
    isStream: isStream,
    statusCodes: {
      200: true,
      404: 'no such container',
      500: 'server error'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      args.callback(err, data);
    });
  }
};

module.exports = Container;


/***/ }),

/***/ 209:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var util = __nccwpck_require__(8300);

/**
 * Represents an Exec
 * @param {Object} modem docker-modem
 * @param {String} id    Exec's ID
 */
var Exec = function(modem, id) {
  this.modem = modem;
  this.id = id;
};

Exec.prototype[(__nccwpck_require__(9023).inspect).custom] = function() { return this; };

/**
 * Start the exec call that was setup.
 *
 * @param {object} opts
 * @param {function} callback
 */
Exec.prototype.start = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback);

  var optsf = {
    path: '/exec/' + this.id + '/start',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    isStream: true,
    allowEmpty: true,
    hijack: args.opts.hijack,
    openStdin: args.opts.stdin,
    statusCodes: {
      200: true,
      204: true,
      404: 'no such exec',
      409: 'container stopped/paused',
      500: 'container not running'
    },
    options: args.opts
  };


  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      if (err) return args.callback(err, data);
      args.callback(err, data);
    });
  }
};

/**
 * Resize the exec call that was setup.
 *
 * @param {object} opts
 * @param {function} callback
 */
Exec.prototype.resize = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback);

  var optsf = {
    path: '/exec/' + this.id + '/resize?',
    method: 'POST',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true,
      404: 'no such exec',
      500: 'container not running'
    },
    options: args.opts
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      if (err) return args.callback(err, data);
      args.callback(err, data);
    });
  }
};

/**
 * Get low-level information about the exec call.
 *
 * @param {Object}   opts     Options (optional)
 * @param {function} callback
 */
Exec.prototype.inspect = function(opts, callback) {
  var self = this;
  var args = util.processArgs(opts, callback);

  var optsf = {
    path: '/exec/' + this.id + '/json',
    method: 'GET',
    abortSignal: args.opts.abortSignal,
    statusCodes: {
      200: true,
      404: 'no such exec',
      500: 'server error'
    }
  };

  if(args.callback === undefined) {
    return new this.modem.Promise(function(resolve, reject) {
      self.modem.dial(optsf, function(err, data) {
        if (err) {
          return reject(err);
        }
        resolve(data);
      });
    });
  } else {
    this.modem.dial(optsf, function(err, data) {
      if (err) return args.callback(err, data);
      args.callback(err, data);
    });
  }
};


module.exports = Exec;


/***/ }),

/***/ 8300:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var DockerIgnore = __nccwpck_require__(2781);
var fs = __nccwpck_require__(9896);
var path = __nccwpck_require__(6928);
var tar = __nccwpck_require__(5410);
var zlib = __nccwpck_require__(3106);

// https://github.com/HenrikJoreteg/extend-object/blob/v0.1.0/extend-object.js

var arr = [];
var each = arr.forEach;
var slice = arr.slice;

module.exports.extend = function(obj) {
  each.call(slice.call(arguments, 1), function(source) {
    if (source) {
      for (var prop in source) {
        obj[prop] = source[prop];
      }
    }
  });
  return obj;
};

module.exports.processArgs = function(opts, callback, defaultOpts) {
  if (!callback && typeof opts === 'function') {
    callback = opts;
    opts = null;
  }
  return {
    callback: callback,
    opts: module.exports.extend({}, defaultOpts, opts)
  };
};


/**
 * Parse the given repo tag name (as a string) and break it out into repo/tag pair.
 * // if given the input http://localhost:8080/woot:latest
 * {
 *   repository: 'http://localhost:8080/woot',
 *   tag: 'latest'
 * }
 * @param {String} input Input e.g: 'repo/foo', 'ubuntu', 'ubuntu:latest'
 * @return {Object} input parsed into the repo and tag.
 */
module.exports.parseRepositoryTag = function(input) {
  var separatorPos;
  var digestPos = input.indexOf('@');
  var colonPos = input.lastIndexOf(':');
  // @ symbol is more important
  if (digestPos >= 0) {
    separatorPos = digestPos;
  } else if (colonPos >= 0) {
    separatorPos = colonPos;
  } else {
    // no colon nor @
    return {
      repository: input
    };
  }

  // last colon is either the tag (or part of a port designation)
  var tag = input.slice(separatorPos + 1);

  // if it contains a / its not a tag and is part of the url
  if (tag.indexOf('/') === -1) {
    return {
      repository: input.slice(0, separatorPos),
      tag: tag
    };
  }

  return {
    repository: input
  };
};


module.exports.prepareBuildContext = function(file, next) {
  if (file && file.context) {
    fs.readFile(path.join(file.context, '.dockerignore'), (err, data) => {
      let ignoreFn;
      let filterFn;

      if (!err) {
        const dockerIgnore = DockerIgnore({ ignorecase: false }).add(data.toString());

        filterFn = dockerIgnore.createFilter();
        ignoreFn = (path) => {
          return !filterFn(path);
        }
      }

      const entries = file.src.slice() || []

      const pack = tar.pack(file.context, {
        entries: filterFn ? entries.filter(filterFn) : entries,
        ignore: ignoreFn // Only works on directories
      });

      next(pack.pipe(zlib.createGzip()));
    })
  } else {
    next(file);
  }
}


/***/ }),

/***/ 4087:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var fs = __nccwpck_require__(9896);

module.exports = function (filepath, split, encoding) {
  split = typeof split !== 'undefined' ? split : "\n";
  encoding = typeof encoding !== 'undefined' ? encoding : "utf8";

  var ca = [];
  var chain = fs.readFileSync(filepath, encoding);
  if(chain.indexOf("-END CERTIFICATE-") < 0 || chain.indexOf("-BEGIN CERTIFICATE-") < 0){
    throw Error("File does not contain 'BEGIN CERTIFICATE' or 'END CERTIFICATE'");
  }
  chain = chain.split(split);
  var cert = [];
  var _i, _len;
  for (_i = 0, _len = chain.length; _i < _len; _i++) {
    var line = chain[_i];
    if (!(line.length !== 0)) {
      continue;
    }
    cert.push(line);
    if (line.match(/-END CERTIFICATE-/)) {
      ca.push(cert.join(split));
      cert = [];
    }
  }
  return ca;
}


/***/ }),

/***/ 2723:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Rc: () => (/* reexport */ ConnectionError),
  N$: () => (/* binding */ Engine),
  NJ: () => (/* reexport */ EngineError)
});

// EXTERNAL MODULE: ./node_modules/docker-modem/lib/modem.js
var modem = __nccwpck_require__(7133);
var modem_default = /*#__PURE__*/__nccwpck_require__.n(modem);
// EXTERNAL MODULE: ./node_modules/dockerode/lib/container.js
var container = __nccwpck_require__(8521);
var container_default = /*#__PURE__*/__nccwpck_require__.n(container);
// EXTERNAL MODULE: ./node_modules/dockerode/lib/exec.js
var exec = __nccwpck_require__(209);
var exec_default = /*#__PURE__*/__nccwpck_require__.n(exec);
// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __nccwpck_require__(8474);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __nccwpck_require__(4708);
;// CONCATENATED MODULE: external "node:tls"
const external_node_tls_namespaceObject = __loadOnFirstUse("node:tls");
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __nccwpck_require__(7075);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/shared/bounds.ts
var bounds = __nccwpck_require__(7968);
;// CONCATENATED MODULE: ./src/backends/docker/engine/compat.ts
// Podman's Docker-compatible API answers some situations with other words and other status
// codes than Docker does. The rest of the action reads Docker's (a 404 means "no such
// container", a prefix fitting several IDs is "Multiple IDs found ..."), and users should
// meet the same messages whichever engine runs their containers. So Podman's answers are put
// in Docker's terms here, at the edge, and nowhere else. Pure: no I/O.
//
// Seen on Podman 4.3 (compat API v1.41) against Docker 20.10 / 28 for the same situation:
//   no such container      404 no container with name or ID "x" found: no such container
//                          Docker: 404 No such container: x
//   ID prefix fits several 404 more than one result for container ID 0: container already exists
//                          Docker: 500 (20.10) Multiple IDs found with provided prefix: 0
//   no such exec           404 no exec session with ID x found: no such exec session
//                          Docker: 404 No such exec instance: x
//   exec in exited         500 can only create exec sessions on running containers: container state improper
//                          Docker: 409 Container <id> is not running
//   exec in paused         409 cannot create exec session as container <id> is paused
//                          Docker: 409 Container <id> is paused, unpause the container before exec
//   unknown user           500 at exec start: unable to find user x: no matching entries in passwd file
//                          Docker 28: 400 at exec create, same words (Docker 20.10: 126 in the stream)
//   no health check        State.Health = {Status: ""}; Docker leaves State.Health out
const RULES = [
    {
        pattern: /^no container with name or ID "(.*)" found: no such container$/s,
        answer: (m) => ({ statusCode: 404, message: `No such container: ${m[1]}` }),
    },
    {
        pattern: /^more than one result for container ID (\S+)(: .*)?$/s,
        answer: (m) => ({ statusCode: 500, message: `Multiple IDs found with provided prefix: ${m[1]}` }),
    },
    {
        pattern: /^no exec session with ID (\S+) found: no such exec session$/s,
        answer: (m) => ({ statusCode: 404, message: `No such exec instance: ${m[1]}` }),
    },
    {
        pattern: /^can only create exec sessions on running containers(: .*)?$/s,
        answer: (_m, context) => ({
            statusCode: 409,
            message: context.containerId ? `Container ${context.containerId} is not running` : 'Container is not running',
        }),
    },
    {
        pattern: /^cannot create exec session as container (\S+) is paused$/s,
        answer: (m) => ({ statusCode: 409, message: `Container ${m[1]} is paused, unpause the container before exec` }),
    },
    {
        pattern: /^(unable to find user \S+: no matching entries in passwd file)$/s,
        answer: (m) => ({ statusCode: 400, message: m[1] }),
    },
    {
        pattern: /^(unable to find group \S+: no matching entries in group file)$/s,
        answer: (m) => ({ statusCode: 400, message: m[1] }),
    },
];
/** An engine's error answer in Docker's words (Docker's own answers pass through unchanged). */
function dockerAnswer(answer, context = {}) {
    const message = answer.message.trim();
    for (const rule of RULES) {
        const m = rule.pattern.exec(message);
        if (m)
            return rule.answer(m, context);
    }
    return { statusCode: answer.statusCode, message };
}
/** Container details as Docker gives them: no State.Health without a health check. */
function dockerDetails(details) {
    const health = details.State?.Health;
    if (health !== undefined && (health === null || !health.Status)) {
        const state = { ...details.State };
        delete state.Health;
        return { ...details, State: state };
    }
    return details;
}
/** Variables an exec has without the container's Config.Env naming them (engine defaults). */
const BASE_ENV = ['PATH', 'HOSTNAME', 'HOME', 'TERM', 'container'];
/**
 * Docker reads a bare `KEY` in an exec's Env as "remove KEY"; Podman refuses it ("environment
 * variable "KEY" badly formed, must be key=value"). Applies Docker's reading here: the Env to
 * send (KEY=VALUE entries only, the last of duplicates kept), and the keys still to remove,
 * those the exec would otherwise inherit (from the container's Config.Env or the engine's
 * defaults). A bare KEY nobody sets needs nothing.
 */
function splitRemovals(env, containerEnv = []) {
    const entries = new Map();
    const removed = new Set();
    for (const entry of env) {
        const eq = entry.indexOf('=');
        const key = eq < 0 ? entry : entry.slice(0, eq);
        entries.delete(key);
        if (eq < 0)
            removed.add(key);
        else {
            removed.delete(key);
            entries.set(key, entry);
        }
    }
    const inherited = new Set([
        ...BASE_ENV,
        ...containerEnv.map((e) => (e.includes('=') ? e.slice(0, e.indexOf('=')) : e)),
    ]);
    return { env: [...entries.values()], unset: [...removed].filter((key) => inherited.has(key)) };
}
/**
 * The engine as its answers' headers name it: Server "Docker/20.10.24 (linux)" or
 * "Libpod/4.3.1 (linux)" (Podman), and Api-Version. Undefined when there is no Server header.
 */
function describeServer(server, apiVersion) {
    const m = /^\s*([^/\s]+)\/(\S+)/.exec(server ?? '');
    if (!m)
        return undefined;
    const product = m[1] === 'Libpod' ? 'Podman' : m[1];
    return `${product} ${m[2]}${apiVersion ? `, API ${apiVersion}` : ''}`;
}

;// CONCATENATED MODULE: ./src/backends/docker/engine/answer-shape.ts
// The fields the action reads from the engine's JSON answers, checked where they arrive. An
// engine whose API renamed or dropped one (a newer Docker, another engine) gets one clear line
// naming the field, not a TypeError deep in the run. Requests are unversioned, so the engine
// answers in its own API version; these are the fields every version from 1.41 (Docker 20.10,
// Podman 4) to 1.51 (Docker 28.5) has. Pure: no I/O.

/** Container inspect (GET /containers/{id}/json). */
const CONTAINER_FIELDS = [
    ['Id', 'string'],
    ['Name', 'string'],
    ['State', 'object'],
    ['State.Status', 'string'],
    ['State.Running', 'boolean'],
    ['State.Paused', 'boolean'],
    ['State.Restarting', 'boolean'],
    ['State.ExitCode', 'number'],
    ['Config', 'object'],
    ['Config.Image', 'string'],
];
/** Exec inspect (GET /exec/{id}/json): ExitCode is null while the engine does not know it. */
const EXEC_FIELDS = [
    ['Running', 'boolean'],
    ['ExitCode', 'number|null'],
];
/** One entry of the container list (GET /containers/json). */
const LISTING_FIELDS = [
    ['Id', 'string'],
    ['Names', 'array'],
    ['State', 'string'],
    ['Labels', 'object|undefined'],
];
function kindOf(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'array';
    return typeof value;
}
function fits(value, kind) {
    return kind
        .split('|')
        .some((k) => (k === 'null' ? value === null : kindOf(value) === k) || (k === 'undefined' && value == null));
}
function unreadable(what, name, kind, value, engine) {
    const got = value === undefined ? 'nothing' : `${kindOf(value)} ${JSON.stringify(value)?.slice(0, 40)}`;
    return new errors/* ActionError */.lZ(`the engine${engine ? ` (${engine})` : ''} answered ${what} without ${name} (${kind} expected, got ${got}): its API answers in a form this action does not read`);
}
/**
 * Returns `answer` when it is an object whose every field has its kind; otherwise throws an
 * ActionError that names the first field that does not, what came instead, and the engine
 * (`engine`: its name and API version, when known).
 */
function checkAnswer(answer, fields, what, engine) {
    if (kindOf(answer) !== 'object')
        throw unreadable(what, 'a JSON object', 'object', answer, engine);
    for (const [field, kind] of fields) {
        const value = field
            .split('.')
            .reduce((v, key) => v?.[key], answer);
        if (!fits(value, kind))
            throw unreadable(what, `the field ${field}`, kind, value, engine);
    }
    return answer;
}
/** The same for a list: an array whose every entry passes checkAnswer. */
function checkList(answer, fields, what, engine) {
    if (!Array.isArray(answer))
        throw unreadable(what, 'a JSON array', 'array', answer, engine);
    return answer.map((entry) => checkAnswer(entry, fields, what, engine));
}

// EXTERNAL MODULE: ./src/shared/tls.ts
var shared_tls = __nccwpck_require__(296);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: ./src/backends/docker/engine/known-hosts.ts
// OpenSSH known_hosts, read the way ssh(1) reads it (sshd(8), "SSH_KNOWN_HOSTS FILE FORMAT"),
// to decide whether the host key an ssh:// engine presents is the one on record. Pure: the
// caller reads the files and gives their text.
//
// - A line is `[marker] hostnames keytype base64-key [comment]`; blank lines and `#` lines
//   are skipped, and so are lines that do not parse (ssh(1) does the same).
// - hostnames is a comma-separated list of patterns (`*` and `?` wildcards, `!` negates: a
//   host matching a negated pattern is not matched by the line), compared without regard to
//   case; or one hashed name, `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`.
// - The name looked up is `host` on port 22 and `[host]:port` on any other port: a plain
//   `host` line does not vouch for another port.
// - `@revoked` lines name keys that must never be accepted. `@cert-authority` lines vouch for
//   host certificates, which ssh2 (what docker-modem connects with) does not use: they are
//   read but never make a plain key known.

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** Parses known_hosts text; lines that are not entries are skipped. */
function parseKnownHosts(text, file = 'known_hosts') {
    const entries = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const fields = lines[i]
            .replace(/\r$/, '')
            .trim()
            .split(/[ \t]+/);
        if (!fields[0] || fields[0].startsWith('#'))
            continue;
        let marker;
        if (fields[0].startsWith('@')) {
            if (fields[0] === '@revoked')
                marker = 'revoked';
            else if (fields[0] === '@cert-authority')
                marker = 'cert-authority';
            else
                continue;
            fields.shift();
        }
        const [hosts, keyType, encoded] = fields;
        if (!hosts || !keyType || !encoded || !BASE64.test(encoded))
            continue;
        const key = Buffer.from(encoded, 'base64');
        // The blob starts with its own type; a line whose two disagree is not a key.
        if (keyTypeOf(key) !== keyType)
            continue;
        entries.push({ file, line: i + 1, marker, hosts, keyType, key });
    }
    return entries;
}
/** The key type written at the start of a key blob (`ssh-ed25519`, ...), or '' if none. */
function keyTypeOf(blob) {
    if (blob.length < 4)
        return '';
    const length = blob.readUInt32BE(0);
    if (length === 0 || length > 64 || blob.length < 4 + length)
        return '';
    return blob.subarray(4, 4 + length).toString('latin1');
}
/** The key's fingerprint as ssh-keygen -l prints it: SHA256:<base64, no padding>. */
function fingerprint(blob) {
    return `SHA256:${(0,external_node_crypto_.createHash)('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}
/** The name ssh looks a host up under: `host` on port 22, `[host]:port` elsewhere. */
function lookupName(host, port = 22) {
    const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    return String(port) === '22' ? bare : `[${bare}]:${port}`;
}
function wildcard(pattern) {
    const body = pattern
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.');
    return new RegExp(`^${body}$`, 'i');
}
function hashedMatches(field, name) {
    const parts = field.split('|');
    // ['', '1', salt, hash]
    if (parts.length !== 4 || parts[1] !== '1' || !BASE64.test(parts[2]) || !BASE64.test(parts[3]))
        return false;
    const salt = Buffer.from(parts[2], 'base64');
    const expected = Buffer.from(parts[3], 'base64');
    const actual = (0,external_node_crypto_.createHmac)('sha1', salt).update(name).digest();
    return expected.length === actual.length && (0,external_node_crypto_.timingSafeEqual)(expected, actual);
}
/** Whether a hostnames field applies to the looked-up name (see lookupName). */
function hostsMatch(hosts, name) {
    if (hosts.startsWith('|'))
        return hashedMatches(hosts, name);
    let matched = false;
    for (const raw of hosts.split(',')) {
        const negated = raw.startsWith('!');
        const pattern = negated ? raw.slice(1) : raw;
        if (!pattern || !wildcard(pattern).test(name))
            continue;
        if (negated)
            return false;
        matched = true;
    }
    return matched;
}
/**
 * Decides for a host, port and presented key blob: match (a line vouches for this key),
 * mismatch (the host is on record with other keys only, or this key is @revoked), unknown.
 */
function checkHostKey(entries, host, port, key) {
    const name = lookupName(host, port);
    const forHost = entries.filter((e) => e.marker !== 'cert-authority' && hostsMatch(e.hosts, name));
    const revoked = forHost.find((e) => e.marker === 'revoked' && e.key.equals(key));
    const plain = forHost.filter((e) => e.marker === undefined);
    if (revoked)
        return { status: 'mismatch', entries: plain, revoked };
    const entry = plain.find((e) => e.key.equals(key));
    if (entry)
        return { status: 'match', entry };
    return plain.length ? { status: 'mismatch', entries: plain } : { status: 'unknown' };
}
/** Key types on record for the host, in file order (to ask the server for one of them first). */
function knownKeyTypes(entries, host, port) {
    const name = lookupName(host, port);
    const types = entries.filter((e) => e.marker === undefined && hostsMatch(e.hosts, name)).map((e) => e.keyType);
    return [...new Set(types)];
}

;// CONCATENATED MODULE: ./src/backends/docker/engine/ssh.ts
// SSH host-key verification for ssh:// engines, as ssh(1) does it with
// StrictHostKeyChecking=yes: the key the server presents must be on record for the host and
// port in known_hosts (the user's, then the system's); otherwise the connection is refused
// and the reason kept, for the error that the refused connection then causes.





/** Where ssh(1) looks for host keys: the user's file (HOME), then the system's. */
function knownHostsFiles(env = process.env) {
    return [external_node_path_default().join(env.HOME || (0,external_node_os_.homedir)(), '.ssh', 'known_hosts'), '/etc/ssh/ssh_known_hosts'];
}
/** The user ssh(1) logs in as when the address names none. */
function localUser() {
    try {
        return process.env.USER || (0,external_node_os_.userInfo)().username;
    }
    catch {
        return 'root';
    }
}
/** ssh2's host key algorithms for each key type found in known_hosts. */
const HOST_KEY_ALGORITHMS = {
    'ssh-ed25519': ['ssh-ed25519'],
    'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
    'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
    'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
    'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};
class HostKeyCheck {
    target;
    /** Why the host key was refused, once it was: the sentence for the failed connection. */
    refusal;
    knownHosts;
    constructor(target) {
        this.target = target;
    }
    /**
     * ssh2 accepts any host key unless told otherwise: check it against known_hosts, and ask
     * the server first for a key type on record.
     */
    sshOptions() {
        const { host = '', port = '22' } = this.target;
        const known = this.read();
        const preferred = knownKeyTypes(known.entries, host, port).flatMap((type) => HOST_KEY_ALGORITHMS[type] ?? []);
        const agent = process.env.SSH_AUTH_SOCK;
        return {
            agent,
            // Only the agent's keys: ssh2 otherwise first asks for the `none` method, a round trip
            // the server always refuses here (40 ms on a link with 20 ms each way).
            ...(agent ? { authHandler: ['agent'] } : {}),
            hostVerifier: (key) => this.verify(key),
            ...(preferred.length ? { algorithms: { serverHostKey: { remove: preferred, prepend: preferred } } } : {}),
        };
    }
    read() {
        if (this.knownHosts)
            return this.knownHosts;
        const files = knownHostsFiles();
        const entries = [];
        for (const file of files) {
            let text;
            try {
                text = (0,external_node_fs_.readFileSync)(file, 'utf8');
            }
            catch (error) {
                if (error.code === 'ENOENT')
                    continue;
                throw new errors/* ActionError */.lZ(`cannot read ${file} to check the SSH host key of ${this.target.address}: ${error.message}`);
            }
            entries.push(...parseKnownHosts(text, file));
        }
        this.knownHosts = { files, entries };
        return this.knownHosts;
    }
    verify(key) {
        const { host = '', port = '22' } = this.target;
        const known = this.read();
        const decision = checkHostKey(known.entries, host, port, key);
        if (decision.status === 'match')
            return true;
        const presented = `the SSH host key of ${host} port ${port} (${keyTypeOf(key)} ${fingerprint(key)})`;
        const add = `ssh-keyscan -p ${port} ${host} >> ~/.ssh/known_hosts`;
        const at = (e) => `${e.file} line ${e.line}`;
        let why;
        if (decision.status === 'unknown') {
            why = `is not in ${known.files.join(' or ')}, so nothing was run. Check the key with its owner and add it: ${add}`;
        }
        else if (decision.revoked) {
            why = `is marked @revoked in ${at(decision.revoked)}, so nothing was run`;
        }
        else {
            why = `does not match the key on record (${decision.entries.map(at).join(', ')}): the host key changed, or the connection is intercepted, so nothing was run. If the change is expected, remove the old key (ssh-keygen -R '${lookupName(host, port)}') and add the new one: ${add}`;
        }
        this.refusal = `refused the Docker engine at ${this.target.address} (${this.target.source}): ${presented} ${why}`;
        return false;
    }
}

;// CONCATENATED MODULE: ./src/backends/docker/engine/explain-error.ts




/** The engine answered with an HTTP error: its status and its own message. */
class EngineError extends errors/* ActionError */.lZ {
    statusCode;
    engineMessage;
    constructor(statusCode, engineMessage) {
        super(engineMessage);
        this.statusCode = statusCode;
        this.engineMessage = engineMessage;
        this.name = 'EngineError';
    }
}
/** The TLS peer (the engine) sent an alert: it refused our client certificate. */
const TLS_PEER_REFUSED = /ALERT_(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_REQUIRED|CERTIFICATE_UNKNOWN|CERTIFICATE_EXPIRED|CERTIFICATE_REVOKED|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED|DECRYPT_ERROR|HANDSHAKE_FAILURE)/;
const TLS_OTHER = /ERR_TLS|ERR_SSL|EPROTO|alert/i;
/**
 * The engine could not be reached or spoken to (no socket, refused, TLS, SSH, a cut
 * connection): no answer of its own. Apart from EngineError (it answered with an HTTP error)
 * and from an answer of a shape the action does not read.
 */
class ConnectionError extends errors/* ActionError */.lZ {
}
/**
 * Turns what docker-modem throws into one line the user can act on. An engine's HTTP error
 * becomes an EngineError in Docker's words (Podman's differ: see compat.ts); a connection the
 * SSH host-key check refused gets that check's sentence (`sshRefusal`).
 */
function explainError(error, doing, target, context = {}, sshRefusal) {
    const e = error;
    if (typeof e?.statusCode === 'number') {
        const body = e.json;
        let message = '';
        if (Buffer.isBuffer(body) || typeof body === 'string')
            message = body.toString();
        // An answer without a message (a proxy's {"error": ...}): its JSON, not "[object Object]".
        else if (body && typeof body === 'object')
            message = typeof body.message === 'string' ? body.message : JSON.stringify(body);
        message ||= e.message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
        const answer = dockerAnswer({ statusCode: e.statusCode, message }, context);
        return new EngineError(answer.statusCode, answer.message);
    }
    if (sshRefusal)
        return new ConnectionError(sshRefusal, { cause: error });
    const where = `${target.address} (${target.source})`;
    const code = e?.code ?? '';
    const text = `${code} ${e?.message ?? ''}`;
    if (code === 'ENOENT' ||
        code === 'ECONNREFUSED' ||
        code === 'EACCES' ||
        code === 'ENOTFOUND' ||
        code === 'EHOSTUNREACH') {
        const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'no such socket' : code.toLowerCase();
        return new ConnectionError(`cannot reach the Docker engine at ${where}: ${why}. Start the engine, or choose another with the docker-host input or DOCKER_HOST`, { cause: error });
    }
    const tls = target.tls;
    const reason = `${code}${code && e?.message ? ': ' : ''}${(e?.message ?? '').split('\n')[0].replace(/^[0-9A-F]+:error:[0-9A-F]+:SSL routines:[^:]*:([^:]+):.*$/, '$1')}`;
    if (target.protocol === 'https' && TLS_PEER_REFUSED.test(text)) {
        return new ConnectionError(`the Docker engine at ${where} refused this client's TLS certificate (${tls?.certFrom ? `from ${tls.certFrom}` : 'none was given'}; ${reason}), so nothing was run. Give a certificate and key signed by a CA the engine trusts`, { cause: error });
    }
    if (target.protocol === 'https' && shared_tls/* TLS_UNVERIFIED */.m.test(code)) {
        return new ConnectionError(`refused the Docker engine at ${where}: its TLS certificate does not verify against ${tls?.caFrom ? `the CA in ${tls.caFrom}` : "the system's CAs (no CA was given: set tls-ca, or DOCKER_CERT_PATH)"} (${reason}), so nothing was run`, { cause: error });
    }
    if (/WRONG_VERSION_NUMBER|wrong version number/i.test(text)) {
        return new ConnectionError(`the Docker engine at ${where} does not speak TLS (${reason}): use its TLS port, or leave out the TLS settings`, { cause: error });
    }
    if (target.protocol === 'http' && /^HPE_/.test(code)) {
        return new ConnectionError(`the Docker engine at ${where} did not answer in plain HTTP (${reason}): if it expects TLS, give tls-ca, tls-cert and tls-key (or DOCKER_TLS_VERIFY and DOCKER_CERT_PATH)`, { cause: error });
    }
    if (TLS_OTHER.test(text)) {
        return new ConnectionError(`the TLS connection to the Docker engine at ${where} failed (${reason}), so nothing was run`, { cause: error });
    }
    if (target.protocol === 'ssh' && /authentication methods failed/i.test(text)) {
        const sock = process.env.SSH_AUTH_SOCK;
        return new ConnectionError(`the SSH server at ${where} refused to log in ${target.username ?? localUser()}: the action logs in with the keys of the ssh-agent at SSH_AUTH_SOCK (${sock ? sock : 'not set'}). Load the key into an agent (ssh-agent, ssh-add) and set SSH_AUTH_SOCK`, { cause: error });
    }
    const tlsHint = target.protocol === 'http' && /ECONNRESET|socket hang up/i.test(text)
        ? '. If this engine expects TLS, give tls-ca, tls-cert and tls-key (or set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH)'
        : '';
    return new ConnectionError(`${doing} at ${where} failed: ${e?.message ?? String(error)}${tlsHint}`, { cause: error });
}

// EXTERNAL MODULE: ./src/shared/chunks.ts
var chunks = __nccwpck_require__(7851);
;// CONCATENATED MODULE: ./src/backends/docker/engine/http1.ts
// The few parts of HTTP/1.1 that the engine's streaming answers need, as pure functions over
// bytes: the answer's head, and the body's framing (chunked, a length, or to the end of the
// connection). Used where the action reads the engine's socket into a reused buffer
// (reused-reads.ts), so that a stream of any size leaves no garbage behind it.
/** The longest head taken: the engine's are a few hundred bytes. */
const MAX_HEAD_BYTES = 64 * 1024;
/** Where the head ends (the index just past its blank line), or -1 while it has not ended. */
function headEnd(bytes) {
    const at = bytes.indexOf('\r\n\r\n');
    return at < 0 ? -1 : at + 4;
}
/** Parses a response head (status line and headers, without the blank line's bytes or with them). */
function parseHead(text) {
    const lines = text.split('\r\n');
    const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(lines[0]);
    if (!status)
        throw new Error(`not an HTTP/1.1 answer: ${JSON.stringify(lines[0].slice(0, 80))}`);
    const headers = {};
    for (const line of lines.slice(1)) {
        if (line === '')
            continue;
        const colon = line.indexOf(':');
        if (colon <= 0)
            throw new Error(`malformed header line: ${JSON.stringify(line.slice(0, 80))}`);
        const name = line.slice(0, colon).trim().toLowerCase();
        headers[name] ??= line.slice(colon + 1).trim();
    }
    return { status: Number(status[1]), reason: status[2] ?? '', headers };
}
function bodyFraming(head, method) {
    if (method === 'HEAD' || head.status === 204 || head.status === 304)
        return { kind: 'length', length: 0 };
    // 101: the connection now carries the exec's raw stream, both ways, until it closes.
    if (head.status === 101)
        return { kind: 'to-close' };
    if (/\bchunked\b/i.test(head.headers['transfer-encoding'] ?? ''))
        return { kind: 'chunked' };
    const length = head.headers['content-length'];
    if (length !== undefined) {
        if (!/^\d+$/.test(length))
            throw new Error(`bad Content-Length: ${JSON.stringify(length)}`);
        return { kind: 'length', length: Number(length) };
    }
    return { kind: 'to-close' };
}
/**
 * Takes a chunked body apart as it arrives, in pieces of any size: `push` hands each run of
 * body bytes to `emit` as a view into the piece given (nothing is copied but the few bytes of
 * a chunk's size line split between pieces).
 */
class ChunkedDecoder {
    /** Bytes of the current chunk still to come. */
    remaining = 0;
    state = 'size';
    line = '';
    /** The CR/LF bytes after a chunk's data still to be seen. */
    crlfSeen = 0;
    get done() {
        return this.state === 'done';
    }
    /** True when the body stopped inside a chunk or before its last (empty) chunk. */
    get partial() {
        return this.state !== 'done';
    }
    /** Bytes of `piece` after the body's end (none are expected: the connection closes). */
    push(piece, emit) {
        let at = 0;
        while (at < piece.length && this.state !== 'done') {
            if (this.state === 'data') {
                const take = Math.min(this.remaining, piece.length - at);
                emit(piece.subarray(at, at + take));
                this.remaining -= take;
                at += take;
                if (this.remaining === 0) {
                    this.state = 'data-end';
                    this.crlfSeen = 0;
                }
                continue;
            }
            if (this.state === 'data-end') {
                const expected = this.crlfSeen === 0 ? 0x0d : 0x0a;
                if (piece[at] !== expected)
                    throw new Error('chunked body: no CRLF after a chunk');
                at++;
                if (++this.crlfSeen === 2)
                    this.state = 'size';
                continue;
            }
            // A size line or a trailer line: read up to its LF.
            const lf = piece.indexOf(0x0a, at);
            const end = lf < 0 ? piece.length : lf;
            this.line += piece.toString('latin1', at, end);
            if (this.line.length > 4096)
                throw new Error('chunked body: a size or trailer line is too long');
            at = lf < 0 ? piece.length : lf + 1;
            if (lf < 0)
                break;
            const line = this.line.replace(/\r$/, '');
            this.line = '';
            if (this.state === 'trailer') {
                if (line === '')
                    this.state = 'done';
                continue;
            }
            const size = /^([0-9a-fA-F]+)(?:;.*)?$/.exec(line.trim());
            if (!size)
                throw new Error(`chunked body: bad chunk size line ${JSON.stringify(line.slice(0, 40))}`);
            this.remaining = parseInt(size[1], 16);
            this.state = this.remaining === 0 ? 'trailer' : 'data';
        }
        return piece.length - at;
    }
}
/** An engine's HTTP error in docker-modem's shape, for explainError. */
function httpError(head, text) {
    let json = text;
    try {
        json = JSON.parse(text);
    }
    catch {
        // a plain-text body is shown as it is
    }
    return Object.assign(new Error(`(HTTP code ${head.status}) ${head.reason} - ${text.trim()}`), {
        statusCode: head.status,
        json,
    });
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
;// CONCATENATED MODULE: ./src/backends/docker/engine/reused-reads.ts
// Requests of the action's own to the engine, for the answers that stream many bytes (an
// exec's output, a copy out of the container), over a connection whose reads all land in one
// buffer that is used again. Node gives every socket read a fresh Buffer whose bytes live
// outside V8's heap and are freed only when a collection finds it dead; V8 starts one for
// them only after tens of MiB have piled up, which puts a large stream's peak RSS past
// 100 MiB. Here each chunk is a view into the one buffer, valid until the next is asked for,
// and the socket is paused until then: what streams through leaves nothing behind.
//
// Node reads into a given buffer only for sockets it opens itself (net.connect's `onread`),
// so this covers unix sockets and plain TCP; TLS and SSH engines keep docker-modem's path.



/** One read of the engine's socket: enough to keep system calls few for a fast command. */
const READ_BUFFER_BYTES = 256 * 1024;
/** The longest error body read from the engine (its JSON message). */
const MAX_ERROR_BODY = 64 * 1024;
/** True when the engine at `target` can be read into a reused buffer. */
function readsReusable(target) {
    return target.protocol === 'unix' || target.protocol === 'http';
}
/** A socket to the engine read into one buffer: one chunk handed out at a time. */
class ReusedConnection {
    socket;
    buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    chunks = new chunks/* PulledChunks */.jb(() => this.socket.resume());
    constructor(target) {
        const onread = {
            buffer: this.buffer,
            callback: (bytes) => {
                this.chunks.offer(this.buffer.subarray(0, bytes));
                // Paused until the chunk's reader asks for the next: its bytes are read in place.
                return false;
            },
        };
        this.socket =
            target.protocol === 'unix'
                ? (0,external_node_net_.connect)({ path: target.socketPath ?? '', onread })
                : (0,external_node_net_.connect)({ host: target.host, port: Number(target.port), onread });
        let ended = false;
        this.socket.once('end', () => {
            ended = true;
            this.chunks.finish();
        });
        this.socket.once('error', (error) => this.chunks.finish(error));
        this.socket.once('close', () => this.chunks.finish(ended ? undefined : new chunks/* ClosedEarly */.SK()));
    }
    static open(target) {
        const connection = new ReusedConnection(target);
        return new Promise((resolve, reject) => {
            connection.socket.once('connect', () => {
                connection.socket.off('error', reject);
                resolve(connection);
            });
            connection.socket.once('error', reject);
        });
    }
    next() {
        return this.chunks.next();
    }
    /** Writes `data`; resolves when the socket took it (its buffer may be used again), with its error if any. */
    write(data) {
        return new Promise((resolve) => this.socket.write(data, (error) => resolve(error)));
    }
    destroy() {
        this.socket.destroy();
    }
}
/** The body of an answer, unframed: chunks valid until the next is asked for. */
class BodyReader {
    connection;
    first;
    framing;
    chunked = new ChunkedDecoder();
    remaining;
    /** Body pieces of the current read (chunked framing can give several). */
    pieces = [];
    constructor(connection, head, method, first) {
        this.connection = connection;
        this.first = first;
        this.framing = bodyFraming(head, method);
        this.remaining = this.framing.kind === 'length' ? this.framing.length : Infinity;
    }
    async next() {
        for (;;) {
            const piece = this.pieces.shift();
            if (piece)
                return piece;
            if (this.remaining === 0 || this.chunked.done)
                return null;
            let read = this.first;
            this.first = undefined;
            read ??= (await this.connection.next()) ?? undefined;
            if (!read) {
                if (this.framing.kind === 'to-close')
                    return null;
                throw new chunks/* ClosedEarly */.SK();
            }
            if (this.framing.kind === 'chunked') {
                this.chunked.push(read, (data) => this.pieces.push(data));
            }
            else {
                const take = Math.min(read.length, this.remaining);
                this.remaining -= take;
                if (take)
                    this.pieces.push(read.subarray(0, take));
            }
        }
    }
}
/**
 * Sends one request on a connection of its own and reads the answer's head. An answer outside
 * `accepted` is read whole and thrown as the engine's HTTP error. `signal` gives the request up
 * until the head is read (the body's reader bounds what follows).
 */
async function ownRequest(target, method, path, headers, accepted, signal, body) {
    signal.throwIfAborted();
    const connection = await ReusedConnection.open(target);
    const abort = () => connection.socket.destroy(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal.addEventListener('abort', abort, { once: true });
    try {
        const host = target.protocol === 'unix' ? 'docker' : `${target.host}:${target.port}`;
        const lines = [`${method} ${path} HTTP/1.1`, `Host: ${host}`, 'User-Agent: docker-exec-action'];
        for (const [name, value] of Object.entries(headers))
            lines.push(`${name}: ${value}`);
        if (body)
            lines.push(`Content-Length: ${body.length}`);
        void connection.write(`${lines.join('\r\n')}\r\n\r\n`);
        if (body)
            void connection.write(body);
        const held = [];
        let heldBytes = 0;
        for (;;) {
            const chunk = await connection.next();
            if (!chunk)
                throw new chunks/* ClosedEarly */.SK();
            // Head bytes are copied out of the reused buffer: they are few, and read once.
            held.push(Buffer.from(chunk));
            heldBytes += chunk.length;
            const bytes = held.length === 1 ? held[0] : Buffer.concat(held);
            const end = headEnd(bytes);
            if (end < 0) {
                if (heldBytes > MAX_HEAD_BYTES)
                    throw new Error(`the engine's answer head is over ${MAX_HEAD_BYTES} bytes`);
                continue;
            }
            const head = parseHead(bytes.toString('latin1', 0, end - 4));
            // The body's first bytes, read in place from the reused buffer.
            const first = end < bytes.length ? chunk.subarray(chunk.length - (bytes.length - end)) : undefined;
            const answer = { head, body: new BodyReader(connection, head, method, first), connection };
            if (!accepted.includes(head.status))
                throw httpError(head, await readText(answer.body));
            return answer;
        }
    }
    catch (error) {
        connection.destroy();
        throw error;
    }
    finally {
        signal.removeEventListener('abort', abort);
    }
}
async function readText(body) {
    const parts = [];
    let bytes = 0;
    for (let chunk = await body.next(); chunk && bytes < MAX_ERROR_BODY; chunk = await body.next()) {
        parts.push(Buffer.from(chunk));
        bytes += chunk.length;
    }
    return Buffer.concat(parts).toString('utf8');
}

;// CONCATENATED MODULE: external "./ssh2-lazy.cjs"
var x = (y) => {
	var x = {}; __nccwpck_require__.d(x, y); return x
} 
var y = (x) => (() => (x))
const external_ssh2_lazy_cjs_namespaceObject = x({ ["Client"]: () => (__WEBPACK_EXTERNAL_MODULE__ssh2_lazy_cjs_fd6c2de8__.Client) });
;// CONCATENATED MODULE: ./src/backends/docker/engine/ssh-tunnel.ts
// One SSH connection per run for an ssh:// engine, every API request a channel of it.
//
// docker-modem's own SSH agent (lib/ssh.js) logs in again for every request and starts
// `docker system dial-stdio` on the remote host each time: 5 logins per run of the action,
// ~1 s each on loopback. Here the connection is made once, and each HTTP
// connection is an OpenSSH stream-local channel (`direct-streamlocal@openssh.com`, what
// `ssh -L local:/var/run/docker.sock` uses) straight to the engine's socket: no remote process
// at all. A server that refuses stream-local forwarding (`AllowStreamLocalForwarding no`), or
// has no socket at that path, gets what the docker CLI runs instead: `docker system
// dial-stdio` over an exec channel. The choice is made once per run and said in a debug line.
// Host keys are checked by the caller's hostVerifier (ssh.ts).


/** The engine's socket on the remote host when the address names none (Docker's default). */
const REMOTE_DEFAULT_SOCKET = '/var/run/docker.sock';
/** The remote command for a dial-stdio channel, as docker/cli's connhelper builds it. */
function dialStdioCommand(socketPath) {
    return socketPath
        ? `docker --host ${shellQuote(`unix://${socketPath}`)} system dial-stdio`
        : 'docker system dial-stdio';
}
function shellQuote(word) {
    return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
class SshTunnel {
    options;
    /** The HTTP agent whose connections are channels of the one SSH connection. */
    agent;
    client;
    ready;
    route;
    closed = false;
    loggedIn = false;
    /** The channels open now: failed together when the connection under them is lost. */
    channels = new Set();
    /** What the SSH connection last failed with (a reset, a keep-alive left unanswered). */
    failure;
    constructor(options) {
        this.options = options;
        this.agent = new ChannelAgent((callback) => {
            this.openChannel().then((channel) => callback(null, channel), (error) => callback(error));
        });
    }
    /** Logs in once; every later channel waits for the same login. */
    connect() {
        this.ready ??= new Promise((resolve, reject) => {
            const client = new external_ssh2_lazy_cjs_namespaceObject.Client();
            this.client = client;
            client
                .once('ready', () => {
                this.loggedIn = true;
                resolve(client);
            })
                .on('error', (error) => {
                this.failure = error.message;
                reject(error);
            })
                // A connection that ends after the login fails the requests still waiting on it, and
                // every channel on it at once (see lose()).
                .on('close', () => {
                const why = `the SSH connection to the engine was lost${this.failure ? ` (${this.failure})` : ''}`;
                this.ready = Promise.reject(new Error(why));
                this.ready.catch(() => undefined);
                if (!this.closed)
                    this.lose(why);
            });
            client.connect(this.options.connect);
            // Without TCP_NODELAY each small SSH message of the login waits for the server's
            // delayed ACK (~45 ms each on loopback), and a login is many small messages.
            client.setNoDelay(true);
        });
        return this.ready;
    }
    async openChannel() {
        if (this.closed)
            throw new Error('the SSH connection to the engine was closed');
        const client = await this.connect();
        return this.track(await this.routed(client));
    }
    async routed(client) {
        // Until one answer decides the route, every channel tries stream-local at once (the
        // first requests go out side by side: waiting for one answer would cost them a round
        // trip); a refusal then settles on dial-stdio for this and every later channel.
        if (this.route !== 'dial-stdio') {
            try {
                const channel = await this.streamLocal(client);
                this.decide('stream-local', `to ${this.socketPath} (direct-streamlocal@openssh.com)`);
                return channel;
            }
            catch (error) {
                if (this.route === 'stream-local')
                    throw error;
                this.decide('dial-stdio', `the server refused a stream-local channel to ${this.socketPath} (${error.message}): running \`${dialStdioCommand(this.options.socketPath)}\``);
            }
        }
        return this.dialStdio(client);
    }
    track(channel) {
        this.channels.add(channel);
        channel.once('close', () => this.channels.delete(channel));
        return channel;
    }
    /**
     * The connection is gone: ssh2 only ends each channel's input, and a channel's 'close' waits
     * until that end is read, so a kept-alive channel nobody reads stayed in the HTTP agent's pool
     * and the next request on it waited forever. Each channel fails instead: a reader (the
     * command's output) sees the error, and the agent drops the channel on its close.
     */
    lose(why) {
        const error = new Error(why);
        for (const channel of this.channels) {
            if (channel.listenerCount('error') > 0)
                channel.emit('error', error);
            channel.emit('close');
        }
        this.channels.clear();
    }
    /** The route, once: said in one debug line. */
    decide(route, why) {
        if (this.route)
            return;
        this.route = route;
        this.options.onRoute?.(route, why);
    }
    get socketPath() {
        return this.options.socketPath ?? REMOTE_DEFAULT_SOCKET;
    }
    streamLocal(client) {
        return new Promise((resolve, reject) => client.openssh_forwardOutStreamLocal(this.socketPath, (error, channel) => error ? reject(error) : resolve(channel)));
    }
    dialStdio(client) {
        return new Promise((resolve, reject) => client.exec(dialStdioCommand(this.options.socketPath), (error, channel) => {
            if (error)
                return reject(error);
            // What dial-stdio says on stderr (no docker on the host, no engine) is kept for the
            // error of the request that then finds the channel closed.
            const said = [];
            channel.stderr.on('data', (chunk) => said.length < 16 && said.push(chunk));
            channel.once('exit', (code) => {
                const text = Buffer.concat(said).toString('utf8').trim().split('\n')[0];
                if (code && text)
                    channel.destroy(new Error(`docker system dial-stdio on the SSH host: ${text}`));
            });
            resolve(channel);
        }));
    }
    /** Ends the SSH connection: the run is over (its sockets would keep the process alive). */
    close() {
        this.closed = true;
        this.agent.destroy();
        // A login still under way (a server that never answered it) is dropped at once: ending it
        // politely would wait for the server, and hold the process until ssh2's readyTimeout.
        if (this.loggedIn)
            this.client?.end();
        else
            this.client?.destroy();
    }
}
/**
 * Node's keep-alive agent over channels that are not net sockets: no TCP keep-alive, no
 * ref/unref (the SSH connection under them is closed at the end of the run instead).
 */
class ChannelAgent extends external_node_http_.Agent {
    open;
    constructor(open) {
        super({ keepAlive: true });
        this.open = open;
    }
    createConnection(_options, callback) {
        this.open((error, socket) => callback?.(error, socket));
        return undefined;
    }
    keepSocketAlive() {
        return true;
    }
    reuseSocket() { }
}

;// CONCATENATED MODULE: ./src/backends/docker/engine/engine.ts
// The engine connection: the one module that imports dockerode. Everything else speaks to the
// engine through the small interface below, in the engine's own terms (IDs, JSON fields).
//
// dockerode's entry point (lib/docker.js) loads grpc-js and protobufjs for BuildKit sessions
// at require time: ~70 ms of start-up for code this action never runs. So this module takes
// dockerode's Container and Exec classes on their own, over a docker-modem connection, and
// makes the three other calls it needs (version, container list, events) through the same
// modem as dockerode's Docker class does.



















function streamOf(socket, output, write) {
    return {
        output,
        write,
        get open() {
            return !socket.destroyed && !socket.writableEnded;
        },
        end: () => socket.end(),
        destroy: () => socket.destroy(),
    };
}
class Engine {
    target;
    modem;
    /** The SSH host-key check of an ssh:// engine. */
    hostKeys;
    /** The one SSH connection of an ssh:// engine. */
    tunnel;
    /** The connection pool docker-modem's requests use, and the action's own uploads too. */
    agent;
    server;
    /**
     * Set while the container is looked up (Date.now() based): requests then wait no longer than
     * what is left of wait-timeout (shared/bounds.ts).
     */
    lookupDeadline;
    /** The line of the first request the engine left unanswered: later ones are not worth a wait. */
    unanswered;
    constructor(target, debug = () => undefined) {
        this.target = target;
        // docker-modem merges its own reading of DOCKER_HOST under these options, so every key
        // is given explicitly (undefined included) to make our choice the only one.
        if (target.protocol === 'ssh') {
            this.hostKeys = new HostKeyCheck(target);
            this.tunnel = new SshTunnel({
                connect: {
                    host: target.host,
                    port: Number(target.port ?? 22),
                    username: target.username ?? localUser(),
                    // A proxy or load balancer between cuts connections that carry nothing for a while:
                    // keep-alives keep a quiet command's connection busy, and a connection that no longer
                    // answers them is given up (its requests and the command's output fail at once).
                    keepaliveInterval: bounds/* SSH_KEEPALIVE_MS */.By,
                    keepaliveCountMax: bounds/* SSH_KEEPALIVE_COUNT_MAX */.zL,
                    // The SSH handshake of a server that accepts and never answers.
                    readyTimeout: bounds/* REQUEST_BOUND_MS */.kO,
                    ...this.hostKeys.sshOptions(),
                },
                socketPath: target.socketPath,
                onRoute: (_route, why) => debug(`SSH engine: each request is a channel of one SSH connection, ${why}`),
            });
        }
        this.agent = this.tunnel?.agent ?? (target.protocol === 'https' ? tlsAgent(target) : plainAgent(target));
        this.modem = new (modem_default())({
            socketPath: target.protocol === 'unix' ? target.socketPath : undefined,
            // Over SSH the host only names the engine in the Host header: the agent's channels
            // reach it (ssh-tunnel.ts), as `http://docker` does for the docker CLI.
            host: target.protocol === 'unix' ? undefined : target.protocol === 'ssh' ? 'docker' : target.host,
            port: target.protocol === 'ssh' ? undefined : target.port,
            protocol: target.protocol === 'unix' ? undefined : target.protocol === 'ssh' ? 'http' : target.protocol,
            username: target.protocol === 'ssh' ? undefined : target.username,
            // TLS material goes to the agent alone (tlsAgent): docker-modem would put it in every
            // request, and Node then parses it again for every connection.
            ca: undefined,
            cert: undefined,
            key: undefined,
            agent: this.agent,
        });
        this.modem.Promise = Promise;
    }
    /** Ends what keeps a connection open once the run is over (the SSH connection). */
    close() {
        this.tunnel?.close();
    }
    container(id) {
        return new (container_default())(this.modem, id);
    }
    exec(id) {
        return new (exec_default())(this.modem, id);
    }
    /** A call dockerode's Docker class would make, made the same way on the same modem. */
    dial(path, statusCodes, options = {}, isStream = false, method = 'GET') {
        return new Promise((resolve, reject) => this.modem.dial({
            path,
            method,
            options,
            isStream,
            statusCodes,
            abortSignal: options.abortSignal,
        }, (error, data) => (error ? reject(error) : resolve(data))));
    }
    /**
     * One request, bounded (shared/bounds.ts): `work` gets the signal that aborts it when the
     * engine leaves it unanswered, and the timer, for progress that restarts the bound.
     */
    async call(doing, work, context = {}) {
        const lookup = this.lookupDeadline !== undefined;
        const timer = new bounds/* RequestTimer */.R1((0,bounds/* requestBound */.Wz)(this.lookupDeadline));
        // The bound holds even where aborting takes effect late: Node fails an aborted request only
        // once it has a connection, and an SSH channel waits for the login.
        const working = work(timer.signal, timer);
        working.catch(() => undefined);
        const bound = new Promise((_resolve, reject) => timer.signal.addEventListener('abort', () => reject(timer.signal.reason), { once: true }));
        try {
            return await Promise.race([working, bound]);
        }
        catch (error) {
            if (timer.fired) {
                const line = (0,bounds/* noAnswerLine */.Mg)(this.named, doing, timer.ms, lookup);
                this.unanswered ??= line;
                throw new ConnectionError(line, { cause: new Error(`no answer within ${timer.ms / 1000}s`) });
            }
            throw explainError(error, doing, this.target, context, this.hostKeys?.refusal);
        }
        finally {
            timer.clear();
        }
    }
    /** "the Docker engine at ADDRESS (where it came from)", for the lines that name it. */
    get named() {
        return `the Docker engine at ${this.target.address} (${this.target.source})`;
    }
    /**
     * An answer's body as it comes, failed with the no-answer line when the engine sends nothing
     * for REQUEST_BOUND_MS while it is read.
     */
    guarded(body, doing) {
        const guard = (0,bounds/* stallGuard */.My)(bounds/* REQUEST_BOUND_MS */.kO, () => {
            const line = (0,bounds/* noAnswerLine */.Mg)(this.named, `${doing}, in the middle of its answer`, bounds/* REQUEST_BOUND_MS */.kO, false);
            this.unanswered ??= line;
            return new ConnectionError(line);
        });
        (0,external_node_stream_.pipeline)(body, guard, () => undefined);
        return guard;
    }
    /**
     * An answer's body pulled chunk by chunk, failed with the no-answer line (and given up with
     * `destroy`) when the engine sends nothing for REQUEST_BOUND_MS while a chunk is awaited.
     */
    guardedChunks(body, doing, destroy) {
        return () => {
            let timer;
            const stalled = new Promise((_, reject) => {
                timer = setTimeout(() => {
                    const line = (0,bounds/* noAnswerLine */.Mg)(this.named, `${doing}, in the middle of its answer`, bounds/* REQUEST_BOUND_MS */.kO, false);
                    this.unanswered ??= line;
                    destroy();
                    reject(new ConnectionError(line));
                }, bounds/* REQUEST_BOUND_MS */.kO);
            });
            return Promise.race([body.next(), stalled]).finally(() => clearTimeout(timer));
        };
    }
    /**
     * What the engine is ("Docker 20.10.24, API 1.41"), from the Server and Api-Version headers
     * of its first answer read by getJson; undefined before that.
     */
    get description() {
        return this.server;
    }
    /**
     * A GET whose answer is JSON, read here rather than by docker-modem so that its headers
     * are seen: every answer names the engine, which spares a request to /version (Docker
     * 20.10 takes ~8 ms to answer it, on the way to the command).
     */
    async getJson(path, statusCodes, abortSignal) {
        const response = await this.dial(path, statusCodes, { abortSignal }, true);
        this.server ??= describeServer(headerValue(response.headers.server), headerValue(response.headers['api-version']));
        const chunks = [];
        for await (const chunk of response)
            chunks.push(chunk);
        return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    }
    /** The container's details, or undefined when the engine has no such container. */
    async inspectContainer(idOrName) {
        try {
            // dockerode's Container.inspect makes this same request.
            const answer = await this.call('inspecting the container', (abortSignal) => this.getJson(`/containers/${idOrName}/json`, { 200: true, 404: 'no such container', 500: 'server error' }, abortSignal));
            return dockerDetails(checkAnswer(answer, CONTAINER_FIELDS, 'the container inspect', this.server));
        }
        catch (error) {
            if (error instanceof EngineError && error.statusCode === 404)
                return undefined;
            throw error;
        }
    }
    async listContainers(all = true) {
        const listing = await this.call('listing containers', (abortSignal) => this.dial('/containers/json?', { 200: true, 400: 'bad parameter', 500: 'server error' }, { all, abortSignal }));
        return checkList(listing, LISTING_FIELDS, 'the container list', this.server);
    }
    /**
     * The last `lines` lines of the container's log (stdout and stderr, with timestamps), as the
     * engine sends them: multiplexed frames (engine/frames.ts), or raw bytes for a container
     * with a TTY. dockerode's Container.logs makes this same request.
     */
    async containerLog(containerId, lines) {
        const doing = "reading the container's log";
        const body = (await this.call(doing, (abortSignal) => this.dial(`/containers/${containerId}/logs?`, { 200: true, 404: 'no such container', 500: 'server error', 501: 'not implemented' }, { stdout: true, stderr: true, timestamps: true, tail: String(lines), abortSignal }, true), { containerId }));
        return this.guarded(body, doing);
    }
    /**
     * The engine's event stream for one container, from now on: the answer's head is bounded, its
     * body is not (no event may come for as long as the wait lasts).
     */
    async containerEvents(containerId, signal) {
        return (await this.call('following engine events', (bound) => this.dial('/events?', { 200: true, 500: 'server error' }, { filters: { container: [containerId] }, abortSignal: AbortSignal.any([signal, bound]) }, true)));
    }
    async createExec(containerId, options) {
        const create = async (body) => (await this.call('creating the exec', (abortSignal) => this.container(containerId).exec({
            ...body,
            abortSignal,
            AttachStdout: true,
            AttachStderr: true,
            AttachStdin: body.AttachStdin ?? false,
        }), { containerId })).id;
        try {
            return await create(options);
        }
        catch (error) {
            // Podman refuses a bare KEY (Docker's "remove KEY"): send KEY=VALUE entries only, and
            // remove what the command would still inherit with `env -u` (see compat.ts).
            const bare = options.Env?.some((entry) => !entry.includes('='));
            if (!bare || !(error instanceof EngineError) || !/badly formed, must be key=value/.test(error.engineMessage))
                throw error;
            const container = await this.inspectContainer(containerId);
            const { env, unset } = splitRemovals(options.Env ?? [], container?.Config.Env ?? []);
            const Cmd = unset.length ? ['env', ...unset.flatMap((key) => ['-u', key]), '--', ...options.Cmd] : options.Cmd;
            return create({ ...options, Env: env.length ? env : undefined, Cmd });
        }
    }
    /**
     * Starts an exec attached: its output (frames, or raw bytes with a TTY) read chunk by chunk,
     * and, when stdin was attached, the command's standard input to write. On a unix socket or
     * plain TCP the request is the action's own and reads land in a reused buffer
     * (reused-reads.ts); over TLS and SSH it is docker-modem's hijacked connection. The engine's
     * answer is bounded; the output after it is not (a command may print nothing for hours).
     */
    async startExec(execId, options) {
        if (readsReusable(this.target)) {
            const body = Buffer.from(JSON.stringify({ Detach: false, Tty: options.tty }));
            const { connection, body: output } = await this.call('starting the exec', (abortSignal) => 
            // The same request docker-modem makes for a hijacked start: the engine answers 101
            // (or 200 from older engines) and the connection then carries the raw stream.
            ownRequest(this.target, 'POST', `/exec/${execId}/start`, { 'Content-Type': 'application/json', Connection: 'Upgrade', Upgrade: 'tcp' }, [101, 200], abortSignal, body));
            return streamOf(connection.socket, output, (data) => connection.write(data));
        }
        const socket = (await this.call('starting the exec', (abortSignal) => this.exec(execId).start({ hijack: true, stdin: options.stdin, Tty: options.tty, Detach: false, abortSignal })));
        return streamOf(socket, (0,chunks/* chunksOf */.U_)(socket), (data) => new Promise((resolve) => socket.write(data, resolve)));
    }
    /** Starts an exec without attaching to it (detach): returns once the engine started it. */
    async startDetached(execId) {
        const response = (await this.call('starting the exec', (abortSignal) => this.exec(execId).start({ Detach: true, Tty: false, abortSignal })));
        if (response && typeof response.resume === 'function') {
            await new Promise((resolve) => {
                response
                    .on('end', resolve)
                    .on('close', resolve)
                    .on('error', () => resolve());
                response.resume();
            });
        }
    }
    async inspectExec(execId) {
        const answer = await this.call('inspecting the exec', (abortSignal) => this.exec(execId).inspect({ abortSignal }));
        return checkAnswer(answer, EXEC_FIELDS, 'the exec inspect', this.server);
    }
    resizeExec(execId, height, width) {
        return this.call('sizing the terminal', (abortSignal) => this.exec(execId).resize({ h: height, w: width, abortSignal }));
    }
    /**
     * Writes a tar archive (a buffer, or chunks sent as they come) into a folder of the
     * container, which must exist. With noOverwriteDirNonDir, as docker cp sends it, the engine
     * refuses to replace a folder with a file or a file with a folder. `sent` is told of each
     * chunk once the connection took it: its buffer may then be used again. The bound restarts
     * with every chunk the engine takes: a large upload is not a silent engine.
     */
    putArchive(containerId, folder, tar, noOverwriteDirNonDir = false, sent) {
        const query = `path=${encodeURIComponent(folder)}${noOverwriteDirNonDir ? '&noOverwriteDirNonDir=true' : ''}`;
        return this.call('copying into the container', (abortSignal, timer) => this.upload(`/containers/${containerId}/archive?${query}`, tar, abortSignal, (chunk) => {
            timer.touch();
            sent?.(chunk);
        }), { containerId });
    }
    /**
     * A PUT of a tar body, made here rather than by docker-modem (which pipes a stream into the
     * request) so that each chunk's write is seen to complete.
     */
    upload(path, body, signal, sent) {
        return new Promise((resolve, reject) => {
            const whole = Buffer.isBuffer(body);
            const target = this.target;
            const options = {
                method: 'PUT',
                path,
                agent: this.agent,
                socketPath: target.protocol === 'unix' ? target.socketPath : undefined,
                // Over SSH the host only names the engine in the Host header (ssh-tunnel.ts).
                host: target.protocol === 'unix' ? undefined : target.protocol === 'ssh' ? 'docker' : target.host,
                port: target.protocol === 'unix' || target.protocol === 'ssh' ? undefined : target.port,
                headers: {
                    'Content-Type': 'application/x-tar',
                    ...(whole ? { 'Content-Length': String(body.length) } : { 'Transfer-Encoding': 'chunked' }),
                },
            };
            const request = target.protocol === 'https' ? (0,external_node_https_.request)({ ...options, signal }) : (0,external_node_http_.request)({ ...options, signal });
            request.once('error', reject);
            request.once('response', (response) => {
                const parts = [];
                response.on('data', (chunk) => parts.push(chunk));
                response.once('error', reject);
                response.once('end', () => {
                    if (response.statusCode === 200)
                        return resolve();
                    reject(httpError({ status: response.statusCode ?? 0, reason: response.statusMessage ?? '' }, Buffer.concat(parts).toString('utf8')));
                    request.destroy();
                });
            });
            if (whole) {
                request.end(body);
                return;
            }
            void (async () => {
                for await (const chunk of body) {
                    if (request.destroyed)
                        return;
                    if (!request.write(chunk, () => sent(chunk)))
                        await (0,external_node_events_.once)(request, 'drain');
                }
                request.end();
            })().catch((error) => request.destroy(error));
        });
    }
    /**
     * What is at a path in the container (HEAD /containers/{id}/archive, as docker cp asks),
     * or undefined when nothing is there. The engine answers in a header: the name, size, Go
     * file mode bits and the target of a symbolic link.
     */
    async statPath(containerId, path) {
        try {
            const response = await this.archiveRequest(containerId, path, 'HEAD', 'looking up a path in the container');
            response.resume();
            return pathStat(response.headers['x-docker-container-path-stat'], path);
        }
        catch (error) {
            if (error instanceof EngineError && error.statusCode === 404)
                return undefined;
            throw error;
        }
    }
    /**
     * A tar archive of a path in the container (GET /containers/{id}/archive), read chunk by
     * chunk, with what the engine says is there. Entries are named from the path's last part
     * (`data/...`, or `./...` for a path ending in `/.`). On a unix socket or plain TCP the
     * request is the action's own and reads land in a reused buffer (reused-reads.ts).
     */
    async getArchive(containerId, path) {
        const doing = 'copying from the container';
        if (readsReusable(this.target)) {
            const { head, body, connection } = await this.call(doing, (abortSignal) => ownRequest(this.target, 'GET', `/containers/${containerId}/archive?path=${encodeURIComponent(path)}`, {}, [200], abortSignal), { containerId });
            const destroy = () => connection.destroy();
            return {
                stat: pathStat(head.headers['x-docker-container-path-stat'], path),
                archive: { next: this.guardedChunks(body, doing, destroy), destroy },
            };
        }
        const response = await this.archiveRequest(containerId, path, 'GET', doing);
        const destroy = () => response.destroy();
        return {
            stat: pathStat(response.headers['x-docker-container-path-stat'], path),
            archive: { next: this.guardedChunks((0,chunks/* chunksOf */.U_)(response), doing, destroy), destroy },
        };
    }
    /** GET or HEAD /containers/{id}/archive?path=: the response, its body unread. */
    archiveRequest(containerId, path, method, doing) {
        const statusCodes = { 200: true, 400: 'bad parameter', 404: 'no such path', 500: 'server error' };
        return this.call(doing, (abortSignal) => this.dial(`/containers/${containerId}/archive?`, statusCodes, { path, abortSignal }, true, method), { containerId });
    }
}
const GO_MODE_DIR = 2 ** 31;
const GO_MODE_SYMLINK = 2 ** 27;
function pathStat(header, path) {
    const value = headerValue(header);
    let stat;
    try {
        stat = value ? JSON.parse(Buffer.from(value, 'base64').toString('utf8')) : undefined;
    }
    catch {
        stat = undefined;
    }
    if (!stat || typeof stat.mode !== 'number') {
        throw new errors/* ActionError */.lZ(`the engine did not say what is at ${path} in the container (no X-Docker-Container-Path-Stat header)`);
    }
    const mode = stat.mode;
    return {
        name: String(stat.name ?? ''),
        size: Number(stat.size ?? 0),
        mode,
        linkTarget: String(stat.linkTarget ?? ''),
        // Bitwise operators work on 32 bits: the high mode bits are tested arithmetically.
        isDir: Math.floor(mode / GO_MODE_DIR) % 2 === 1,
        isSymlink: Math.floor(mode / GO_MODE_SYMLINK) % 2 === 1,
    };
}
function headerValue(value) {
    return Array.isArray(value) ? value[0] : value;
}
/**
 * The connection pool of a TLS engine: keep-alive connections, one secure context (the CA,
 * certificate and key parsed once, when the first connection is made, so that bad material
 * fails that request with its explained error), and Node's session cache, so that later
 * connections resume the first one's TLS session instead of verifying the chain again.
 */
function tlsAgent(target) {
    const material = target.tls;
    let context;
    const agent = new external_node_https_.Agent({ keepAlive: true, rejectUnauthorized: material?.verify !== false });
    const connect = agent.createConnection.bind(agent);
    agent.createConnection = ((options, callback) => {
        context ??= (0,external_node_tls_namespaceObject.createSecureContext)({ ca: material?.ca, cert: material?.cert, key: material?.key });
        return connect({ ...options, secureContext: context }, callback);
    });
    return agent;
}
/**
 * The connection pool for a unix socket or plain HTTP: Node's own agent, told that there is
 * no TLS server name. Left to find one, Node derives it from the host of every request, and
 * the first time compiles its IPv6 address pattern: ~4 ms of start-up for a name only TLS
 * uses. (ssh:// gets docker-modem's agent; https:// needs the name.)
 */
function plainAgent(target) {
    if (target.protocol !== 'unix' && target.protocol !== 'http')
        return undefined;
    return new external_node_http_.Agent({ keepAlive: true, servername: '' });
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   lZ: () => (/* binding */ ActionError)
/* harmony export */ });
/** An expected failure: its message is one line shown to the user as is (no stack trace). */
class ActionError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'ActionError';
    }
}
/** Bad input: the message names the input, what is wrong and what to do. */
class InputError extends ActionError {
    input;
    constructor(input, problem) {
        super(`Input '${input}': ${problem}`);
        this.input = input;
        this.name = 'InputError';
    }
}
/**
 * Escapes what would break a one-line message (line breaks and other control characters)
 * and shortens it to `max` characters, for quoting user text in errors.
 */
function oneLine(text, max = 200) {
    // eslint-disable-next-line no-control-regex
    const escaped = text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
        if (c === '\n')
            return '\\n';
        if (c === '\r')
            return '\\r';
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    });
    return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped;
}


/***/ }),

/***/ 3684:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   FK: () => (/* binding */ isInside),
/* harmony export */   Gz: () => (/* binding */ parseCopyIn),
/* harmony export */   b: () => (/* binding */ parseCopyOut),
/* harmony export */   vK: () => (/* binding */ containerPath)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3916);
// The copy-in and copy-out inputs: one `SOURCE:DESTINATION` entry per line, a workspace path
// on one side and a container path on the other, as `docker cp` takes them. Workspace paths
// are relative to GITHUB_WORKSPACE and must stay inside it; container paths are absolute, or
// relative to the container's root, as docker cp reads them.



/** The lines of an entry list: blank lines and lines starting with # are skipped. */
function entries(name, text) {
    const found = [];
    text.split(/\r?\n/).forEach((raw, index) => {
        const line = raw.trim();
        if (!line || line.startsWith('#'))
            return;
        const colon = line.indexOf(':');
        const [source, destination] = colon < 0 ? ['', ''] : [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
        if (!source || !destination) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(name, `line ${index + 1} ('${line}') is not SOURCE:DESTINATION: give one entry per line, e.g. ${name === 'copy-in' ? 'db/migrations:/migrations' : '/var/log/app.log:logs/app.log'}`);
        }
        found.push({ line: index + 1, source, destination });
    });
    return found;
}
/** The container path as the engine should get it: absolute, its trailing `/` or `/.` kept. */
function containerPath(value) {
    return value.startsWith('/') ? value : `/${value}`;
}
/** Whether `inner` is `outer` or inside it (both absolute and normalized). */
function isInside(outer, inner) {
    const relative = node_path__WEBPACK_IMPORTED_MODULE_1___default().relative(outer, inner);
    return relative === '' || (!relative.startsWith('..') && !node_path__WEBPACK_IMPORTED_MODULE_1___default().isAbsolute(relative));
}
/** The workspace's real path: the one every resolved path is checked against. */
function realWorkspace(workspace) {
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(workspace) ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(workspace) : node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(workspace);
}
/**
 * copy-in: each source must exist in the workspace now, before anything runs. Its folders are
 * resolved (a link among them must not lead out of the workspace); the source itself, when it
 * is a symbolic link, is copied as the link, so it is not followed, unless the entry asks for
 * what is behind it (a trailing `/` or `/.`).
 */
function parseCopyIn(text, workspace) {
    const root = realWorkspace(workspace);
    return entries('copy-in', text).map((entry) => {
        const lexical = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(root, entry.source);
        if (!isInside(root, lexical)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('copy-in', `line ${entry.line}: ${entry.source} is outside the workspace (${root}): copy only files of the workspace`);
        }
        const follow = /\/\.?$/.test(entry.source);
        let sourcePath;
        try {
            sourcePath = follow
                ? (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(lexical)
                : node_path__WEBPACK_IMPORTED_MODULE_1___default().join((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync)(node_path__WEBPACK_IMPORTED_MODULE_1___default().dirname(lexical)), node_path__WEBPACK_IMPORTED_MODULE_1___default().basename(lexical));
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.lstatSync)(sourcePath);
        }
        catch {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('copy-in', `line ${entry.line}: ${entry.source} does not exist in the workspace (looked for ${lexical})`);
        }
        if (!isInside(root, sourcePath)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('copy-in', `line ${entry.line}: ${entry.source} leads out of the workspace through a symbolic link (to ${sourcePath})`);
        }
        return { ...entry, sourcePath };
    });
}
/** copy-out: each destination must resolve inside the workspace. */
function parseCopyOut(text, workspace) {
    const root = realWorkspace(workspace);
    return entries('copy-out', text).map((entry) => {
        const destinationPath = node_path__WEBPACK_IMPORTED_MODULE_1___default().resolve(root, entry.destination);
        if (!isInside(root, destinationPath)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz('copy-out', `line ${entry.line}: ${entry.destination} is outside the workspace (${root}): copy only into the workspace`);
        }
        return { ...entry, destinationPath };
    });
}


/***/ }),

/***/ 1601:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   E: () => (/* binding */ parseDuration),
/* harmony export */   a: () => (/* binding */ formatDuration)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);

const MAX_MS = 2 ** 31 - 1;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PLAIN_SECONDS = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const PART = /(\d+(?:\.\d*)?|\.\d+)(ms|s|m|h)/y;
function parseMs(text) {
    if (text === '')
        return undefined;
    if (PLAIN_SECONDS.test(text))
        return Number(text) * 1000;
    let total = 0;
    PART.lastIndex = 0;
    while (PART.lastIndex < text.length) {
        const match = PART.exec(text);
        if (match === null)
            return undefined;
        total += Number(match[1]) * UNIT_MS[match[2]];
    }
    return total;
}
/**
 * Parses a duration input into milliseconds: `500ms`, `30s`, `5m`, `1h`, combinations like
 * `1m30s`, or plain (possibly fractional) seconds. Throws InputError naming the input.
 */
function parseDuration(text, input) {
    const trimmed = text.trim();
    const ms = parseMs(trimmed);
    if (ms === undefined || !Number.isFinite(ms) || Math.round(ms) > MAX_MS) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `'${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .oneLine */ .TN)(trimmed, 100)}' is not a duration: use 500ms, 30s, 5m, 1h or plain seconds`);
    }
    return Math.round(ms);
}
/** Short human form: 850ms, 2.4s, 1m 5s, 1h 2m. */
function formatDuration(ms) {
    if (!Number.isFinite(ms))
        return `${ms}ms`;
    if (ms < 0)
        return `-${formatDuration(-ms)}`;
    if (Math.round(ms) < 1000)
        return `${Math.round(ms)}ms`;
    const tenths = Math.round(ms / 100);
    if (tenths < 600)
        return `${tenths % 10 === 0 ? tenths / 10 : (tenths / 10).toFixed(1)}s`;
    const seconds = Math.round(ms / 1000);
    if (seconds < 3600)
        return `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
    const minutes = Math.round(ms / 60_000);
    return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}


/***/ }),

/***/ 436:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ randomHex)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
// Random hex for markers, script names and the guard's token.

function randomHex(bytes) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(bytes).toString('hex');
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a6: () => (/* binding */ flushed),
/* harmony export */   dg: () => (/* binding */ registerSecrets),
/* harmony export */   jl: () => (/* binding */ OutputGuard),
/* harmony export */   tJ: () => (/* binding */ inert)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3838);
/* harmony import */ var _random_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(436);
// What keeps the job log honest while the container's output is shown: the stop-commands
// guard around it, masks registered before anything is printed, and our own lines about the
// container made inert, so that no text from the container can act as a workflow command.


/** Resolves when everything written to `target` so far has been flushed. */
function flushed(target) {
    if (target.destroyed || target.writableEnded)
        return Promise.resolve();
    return new Promise((resolve) => target.write(Buffer.alloc(0), () => resolve()));
}
/**
 * Text from the engine or the container (its workdir, user, image, the stop helper's output)
 * made safe to print outside the guard: control characters escaped, so that no line of it can
 * start with `::`, and `##[`, a command anywhere in a line for the runner, broken by a
 * zero-width space.
 */
function inert(text) {
    return (text
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, (c) => c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .replace(/##\[/g, '##[\u200b'));
}
/** Registers values to be masked in the log; multi-line values line by line too. */
function registerSecrets(values) {
    for (const value of values) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value);
        if (value.includes('\n')) {
            for (const line of value.split(/\r?\n/))
                if (line.trim().length >= 8)
                    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(line.trim());
        }
    }
}
/**
 * While the container's output is shown, the runner must not take any of it as a workflow
 * command. `::stop-commands::<token>` before and `::<token>::` after do that, but only if no
 * container byte can reach the runner after the resume marker: the runner reads our stdout
 * and stderr through two pipes, in no guaranteed order, so while guarded the container's
 * stderr is written to our stdout too, behind the marker, in the order it arrived.
 */
class OutputGuard {
    enabled;
    token = (0,_random_js__WEBPACK_IMPORTED_MODULE_1__/* .randomHex */ .n)(16);
    lastByte = 0x0a;
    active = false;
    constructor(enabled) {
        this.enabled = enabled;
    }
    get stderrTarget() {
        return this.enabled ? process.stdout : process.stderr;
    }
    /**
     * Remembers the last byte shown on our stdout, to put the resume marker and our own lines
     * on lines of their own.
     */
    saw(payload, onStdout = true) {
        if (payload.length && onStdout)
            this.lastByte = payload[payload.length - 1];
    }
    /** True while the command left a line open on our stdout. */
    get midLine() {
        return this.lastByte !== 0x0a;
    }
    open() {
        if (!this.enabled || this.active)
            return;
        this.active = true;
        process.stdout.write(`::stop-commands::${this.token}\n`);
    }
    async close() {
        await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
        // A line the command left open is ended, so that what we print next (the resume marker,
        // the result line) is not read as part of it.
        const newline = this.midLine ? '\n' : '';
        this.lastByte = 0x0a;
        if (!this.active) {
            if (newline)
                process.stdout.write(newline);
        }
        else {
            this.active = false;
            process.stdout.write(`${newline}::${this.token}::\n`);
        }
        await flushed(process.stdout);
    }
}


/***/ }),

/***/ 7968:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   By: () => (/* binding */ SSH_KEEPALIVE_MS),
/* harmony export */   Mg: () => (/* binding */ noAnswerLine),
/* harmony export */   My: () => (/* binding */ stallGuard),
/* harmony export */   OP: () => (/* binding */ PONG_WAIT_MS),
/* harmony export */   R1: () => (/* binding */ RequestTimer),
/* harmony export */   Wz: () => (/* binding */ requestBound),
/* harmony export */   gq: () => (/* binding */ PING_EVERY_MS),
/* harmony export */   kO: () => (/* binding */ REQUEST_BOUND_MS),
/* harmony export */   zL: () => (/* binding */ SSH_KEEPALIVE_COUNT_MAX)
/* harmony export */ });
/* unused harmony export LOOKUP_FLOOR_MS */
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _inputs_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1601);
// How long anything waits for an engine or an API server, on either back end. A server that
// accepts a connection and never answers must fail the step with one line, not hold it until
// the job's own limit; a quiet command must not lose its connection to a proxy that cuts idle
// ones (nginx's default is 60 s), so connections that carry a command's output send keep-alives.


/**
 * The most any request waits for its answer (and an answer's body between two bytes), the
 * command's own output stream excepted: a command may print nothing for hours.
 */
const REQUEST_BOUND_MS = 30_000;
/**
 * During the look-up a request waits no longer than what is left of wait-timeout, but at least
 * this long (a wait-timeout of 0 still lets the engine answer once).
 */
const LOOKUP_FLOOR_MS = 5_000;
/** Kubernetes exec: a WebSocket ping this often (runner-container-hooks pings every 5 s). */
const PING_EVERY_MS = 5_000;
/** Kubernetes exec: no pong for this long ends the run (three pings unanswered). */
const PONG_WAIT_MS = 15_000;
/** SSH engines: an SSH keep-alive this often while the connection is quiet. */
const SSH_KEEPALIVE_MS = 10_000;
/** SSH engines: keep-alives unanswered in a row before the connection is given up. */
const SSH_KEEPALIVE_COUNT_MAX = 3;
/**
 * The bound of one request: REQUEST_BOUND_MS, or during the look-up (deadline set) what is left
 * of wait-timeout, within [LOOKUP_FLOOR_MS, REQUEST_BOUND_MS].
 */
function requestBound(lookupDeadline, now = Date.now()) {
    if (lookupDeadline === undefined)
        return REQUEST_BOUND_MS;
    return Math.min(REQUEST_BOUND_MS, Math.max(LOOKUP_FLOOR_MS, lookupDeadline - now));
}
/** The one line of a request left unanswered: the server, what was asked, how long it waited. */
function noAnswerLine(server, doing, waitedMs, lookup) {
    return `${server} did not answer within ${(0,_inputs_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a)(waitedMs)} (${doing})${lookup ? ', within wait-timeout' : ''}: it accepted the connection but sent nothing back. Check that the server is healthy, and any proxy between`;
}
/**
 * A timer over one request: `signal` aborts once `ms` pass without `touch()` (progress, such as
 * a chunk of a request body sent). `clear()` when the answer came.
 */
class RequestTimer {
    ms;
    controller = new AbortController();
    timer;
    fired = false;
    constructor(ms) {
        this.ms = ms;
        this.touch();
    }
    get signal() {
        return this.controller.signal;
    }
    touch() {
        if (this.fired)
            return;
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            this.fired = true;
            this.controller.abort(new Error(`no answer within ${this.ms} ms`));
        }, this.ms);
    }
    clear() {
        clearTimeout(this.timer);
    }
}
/**
 * A pass-through for an answer's body that fails it with `error()` when the server sends no byte
 * for `ms` while the reader waits for one; time the reader itself is behind (data waiting to be
 * read here) does not count.
 */
function stallGuard(ms, error) {
    let timer;
    const guard = new node_stream__WEBPACK_IMPORTED_MODULE_0__.Transform({
        transform(chunk, _encoding, callback) {
            arm();
            callback(null, chunk);
        },
        flush(callback) {
            clearTimeout(timer);
            callback();
        },
    });
    const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
            if (guard.readableLength > 0 || guard.writableLength > 0)
                arm();
            else
                guard.destroy(error());
        }, ms);
    };
    guard.once('close', () => clearTimeout(timer));
    arm();
    return guard;
}


/***/ }),

/***/ 7851:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   SK: () => (/* binding */ ClosedEarly),
/* harmony export */   U_: () => (/* binding */ chunksOf),
/* harmony export */   jb: () => (/* binding */ PulledChunks)
/* harmony export */ });
// Chunks pulled one at a time from a source that waits behind each: the form in which the
// action reads streams whose chunks may be views into a buffer that the next read reuses.
/** The connection closed before the stream ended (no error of its own). */
class ClosedEarly extends Error {
    constructor() {
        super('connection closed before the stream ended');
        this.name = 'ClosedEarly';
    }
}
/**
 * Chunks pulled from a source that pauses behind each one: `offer` hands a chunk to the
 * reader waiting for it (or holds it until one asks), and the source is resumed only when the
 * next is asked for.
 */
class PulledChunks {
    resumeSource;
    held;
    waiter;
    ended = false;
    failure;
    /** The source is paused behind a chunk handed out. */
    pausedBehind = false;
    constructor(resumeSource) {
        this.resumeSource = resumeSource;
    }
    /** A chunk read; the source has paused behind it. */
    offer(chunk) {
        this.pausedBehind = true;
        const waiter = this.waiter;
        this.waiter = undefined;
        if (waiter)
            waiter.resolve(chunk);
        else
            this.held = chunk;
    }
    /** The source ended (cleanly without `error`); what was offered is still handed out first. */
    finish(error) {
        if (error)
            this.failure ??= error;
        else
            this.ended = true;
        const waiter = this.waiter;
        if (!waiter)
            return;
        this.waiter = undefined;
        if (this.failure)
            waiter.reject(this.failure);
        else
            waiter.resolve(null);
    }
    next() {
        if (this.held) {
            const chunk = this.held;
            this.held = undefined;
            return Promise.resolve(chunk);
        }
        if (this.failure)
            return Promise.reject(this.failure);
        if (this.ended)
            return Promise.resolve(null);
        return new Promise((resolve, reject) => {
            this.waiter = { resolve, reject };
            if (this.pausedBehind) {
                this.pausedBehind = false;
                this.resumeSource();
            }
        });
    }
}
/** A Node stream's chunks, pulled one at a time (each is the stream's own Buffer). */
function chunksOf(stream) {
    const chunks = new PulledChunks(() => stream.resume());
    let ended = false;
    stream.on('data', (chunk) => {
        stream.pause();
        chunks.offer(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    });
    stream.once('end', () => {
        ended = true;
        chunks.finish();
    });
    stream.once('error', (error) => chunks.finish(error));
    stream.once('close', () => chunks.finish(ended ? undefined : new ClosedEarly()));
    return chunks;
}


/***/ }),

/***/ 4907:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Pe: () => (/* binding */ withMarker),
/* harmony export */   XS: () => (/* binding */ newMarker),
/* harmony export */   yB: () => (/* binding */ stopByMarker)
/* harmony export */ });
/* unused harmony export MARKER_NAME */
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _random_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(436);
// Stopping a command in the container. The engine has no call to kill an exec
// (https://github.com/moby/moby/issues/9098) and neither the runner nor a client disconnect
// stops it. Every exec this action starts carries a marker variable in its environment, which
// its children inherit; stopping means signalling, from a second exec, every process whose
// environment holds the marker: the command and whatever it started.


const MARKER_NAME = 'DOCKER_EXEC_ACTION_RUN';
function newMarker() {
    return `${MARKER_NAME}=${(0,_random_js__WEBPACK_IMPORTED_MODULE_1__/* .randomHex */ .n)(8)}`;
}
/** The spec with the marker added to its environment (its processes and their children inherit it). */
function withMarker(spec, marker) {
    return { ...spec, env: [...spec.env, marker] };
}
// $1: the marker entry, $2: the signal. Prints how many processes it signalled. 2>/dev/null
// comes before < so that a process gone meanwhile adds no message to the count's output.
// /proc is read in text order, not parent first: so the processes are all stopped, then
// signalled, then continued, or a parent would see its child die and run its next command
// (or exit 0) before its own signal came.
const SIGNAL_MARKED = `m="$1"
pass() {
  n=0
  for d in /proc/[0-9]*; do
    p="\${d#/proc/}"
    [ "$p" = "$$" ] && continue
    if tr '\\0' '\\n' 2>/dev/null < "$d/environ" | grep -qxF "$m"; then kill -"$1" "$p" 2>/dev/null && n=$((n+1)); fi
  done
}
pass STOP; pass "$2"; c=$n; pass CONT
echo "$c"`;
/** Signals every process carrying the marker; how many it signalled. */
async function signalMarked(runHelper, marker, signal) {
    const { exitCode, output } = await runHelper(['sh', '-c', SIGNAL_MARKED, 'sh', marker, signal]);
    if (exitCode !== 0)
        throw new Error(`the stop helper exited ${exitCode ?? 'with no status'}: ${output.trim().slice(0, 200)}`);
    return Number(output.trim()) || 0;
}
/**
 * Sends TERM to the command's processes, then KILL to what is left after `graceMs`, by the
 * marker in their environment, through a second command (`runHelper`, on any back end).
 * Returns a short description for the log; throws when the container offers no way to.
 */
async function stopByMarker(runHelper, marker, hasEnded, graceMs = 2000) {
    const termed = await signalMarked(runHelper, marker, 'TERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
        if (await hasEnded()) {
            // The main process is gone; children that ignored TERM are still killed.
            const killed = await signalMarked(runHelper, marker, 'KILL');
            return `sent TERM to ${termed} process(es)${killed ? `, KILL to ${killed} left behind` : ''}`;
        }
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_0__.setTimeout)(100);
    }
    const killed = await signalMarked(runHelper, marker, 'KILL');
    return `sent TERM to ${termed} process(es), then KILL to ${killed} after ${graceMs / 1000}s`;
}


/***/ }),

/***/ 6972:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   UU: () => (/* binding */ STDOUT),
/* harmony export */   b: () => (/* binding */ quietTargets),
/* harmony export */   rI: () => (/* binding */ OutputSink),
/* harmony export */   xS: () => (/* binding */ STDERR)
/* harmony export */ });
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7075);
/* harmony import */ var node_stream__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_stream__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _report_guard_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(311);
// The command's output on its way to the job log, on any back end: payloads go to their
// targets as bytes, never decoded per chunk, and the source (the engine's socket, the
// WebSocket of pods/exec) is paused while a target is full, so memory stays flat however fast
// the command prints.


const STDOUT = 1;
const STDERR = 2;
/**
 * Hands payloads to the targets and counts them. Backpressure, by the source's kind: a pushing
 * source (a WebSocket) is paused by `throttle` until every target that asked for it has
 * drained; a pulled source waits for `written` before reading again, which also frees the
 * chunk's bytes for the next read when they are a view into a reused buffer.
 */
class OutputSink {
    targets;
    source;
    end = { stdoutBytes: 0, stderrBytes: 0 };
    /** The targets, each once (stdout and stderr are one stream with a TTY). */
    distinct;
    waiting = new Set();
    /** Writes handed to a target whose callback has not run yet. */
    pending = 0;
    whenWritten;
    onWritten = () => {
        if (--this.pending > 0)
            return;
        const resolve = this.whenWritten;
        this.whenWritten = undefined;
        resolve?.();
    };
    constructor(targets, source) {
        this.targets = targets;
        this.source = source;
        this.distinct = [targets.stdout, targets.stderr].filter((t, i, all) => all.indexOf(t) === i);
    }
    deliver(stream, payload) {
        if (stream === STDOUT) {
            this.end.stdoutBytes += payload.length;
            this.pending++;
            this.targets.stdout.write(payload, this.onWritten);
        }
        else {
            this.end.stderrBytes += payload.length;
            this.pending++;
            this.targets.stderr.write(payload, this.onWritten);
        }
        this.targets.observe?.(stream, payload);
    }
    /** Resolves when every payload handed over so far has been written (its bytes are no longer needed). */
    written() {
        if (this.pending === 0)
            return Promise.resolve();
        return new Promise((resolve) => (this.whenWritten = resolve));
    }
    throttle() {
        const source = this.source;
        if (!source)
            return;
        for (const target of this.distinct) {
            if (!target.writableNeedDrain || this.waiting.has(target))
                continue;
            if (this.waiting.size === 0)
                source.pause();
            this.waiting.add(target);
            target.once('drain', () => {
                this.waiting.delete(target);
                if (this.waiting.size === 0)
                    source.resume();
            });
        }
    }
    /**
     * Resolves once everything handed to the targets has left this process's buffers: a
     * write's callback runs after every write before it was flushed.
     */
    async flushed() {
        await Promise.all(this.distinct.map(_report_guard_js__WEBPACK_IMPORTED_MODULE_1__/* .flushed */ .a6));
        return this.end;
    }
}
/** Targets that keep a helper command's small output (stopping, placing files), both streams in one. */
function quietTargets() {
    const chunks = [];
    const sink = new node_stream__WEBPACK_IMPORTED_MODULE_0__.Writable({
        write(chunk, _encoding, done) {
            // A copy: the chunk may be a view into a buffer that the next read reuses.
            chunks.push(Buffer.from(chunk));
            done();
        },
    });
    return { targets: { stdout: sink, stderr: sink }, text: () => Buffer.concat(chunks).toString('utf8') };
}


/***/ }),

/***/ 5211:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ feedStdin)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
// The command's standard input, on any back end: read into a few buffers that are used again
// once the connection has taken them (no fresh Buffer per read, so nothing piles up between
// collections), at most BUFFERS chunks in flight (the backpressure), then ended.

const BUFFERS = 2;
async function readerOf(source) {
    if (source.kind === 'file') {
        const file = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(source.path, 'r');
        return {
            read: async (buffer, offset, length) => (await file.read(buffer, offset, length, null)).bytesRead,
            close: () => file.close(),
        };
    }
    const bytes = source.kind === 'text' ? Buffer.from(source.text, 'utf8') : source.bytes;
    let at = 0;
    return {
        read: (buffer, offset, length) => {
            const n = bytes.copy(buffer, offset, at, Math.min(at + length, bytes.length));
            at += n;
            return Promise.resolve(n);
        },
        close: () => Promise.resolve(),
    };
}
/**
 * Writes the input to `sink` in chunks of `chunkSize`, then ends it. Stops quietly when the
 * sink is done (command ended, connection lost: the output side reports those); rejects on
 * read errors.
 */
async function feedStdin(source, sink, chunkSize) {
    const reader = await readerOf(source);
    try {
        const buffers = Array.from({ length: BUFFERS }, () => Buffer.alloc(sink.headroom + chunkSize));
        // The pending write of each buffer; it resolves with the write's error, if any.
        const writes = [];
        for (let i = 0;; i = (i + 1) % BUFFERS) {
            if (await writes[i])
                return;
            const n = await reader.read(buffers[i], sink.headroom, chunkSize);
            if (!sink.open)
                return;
            if (n === 0)
                break;
            writes[i] = sink.write(buffers[i].subarray(0, sink.headroom + n));
        }
        sink.end();
    }
    finally {
        await reader.close();
    }
}


/***/ }),

/***/ 296:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ TLS_UNVERIFIED)
/* harmony export */ });
// Node's error codes for a TLS peer whose certificate does not verify against the CA given
// (an unknown issuer, a self-signed certificate, a name that does not match): the Docker
// engine over tcp:// and the Kubernetes API server both say so in the same words.
const TLS_UNVERIFIED = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS_CERT_ALTNAME/;


/***/ }),

/***/ 2640:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ LOOK_EVERY_MS),
/* harmony export */   b: () => (/* binding */ waitUntilReady)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3838);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3916);
/* harmony import */ var _inputs_duration_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(1601);
// Waiting for the container until it can run the command, on any back end: the same lines in
// the log, the same timeout and cancellation, whatever "ready" means there.



/** How often a state is looked at again when nothing said it changed. */
const LOOK_EVERY_MS = { docker: 1000, kubernetes: 500 };
/**
 * Waits from `state` (not ready) until the container is ready, failing at once when it never
 * will, after `timeoutMs`, or on cancellation.
 */
async function waitUntilReady(readiness, state, timeoutMs, signal, lookEveryMs) {
    const { name } = readiness;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Waiting for ${name} to be ${readiness.goal}…`);
    const started = Date.now();
    const deadline = started + timeoutMs;
    for (;;) {
        const why = readiness.hopeless(state);
        if (why)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(why);
        if (signal.aborted)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(`cancelled while waiting for container ${name}`);
        const left = deadline - Date.now();
        if (left <= 0)
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ActionError */ .lZ(readiness.notReady(state, (0,_inputs_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(timeoutMs)));
        await readiness.pause(Math.min(lookEveryMs, left), signal);
        state = await readiness.look();
        if (readiness.ready(state)) {
            _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq(`Container ready after ${(0,_inputs_duration_js__WEBPACK_IMPORTED_MODULE_2__/* .formatDuration */ .a)(Date.now() - started)}`);
            return state;
        }
    }
}


/***/ }),

/***/ 7715:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

var x = (y) => {
	var x = {}; __nccwpck_require__.d(x, y); return x
} 
var y = (x) => (() => (x))
module.exports = x({ ["ServerConfiguration"]: () => (__WEBPACK_EXTERNAL_MODULE__left_out_mjs_da3e1d57__.ServerConfiguration), ["createConfiguration"]: () => (__WEBPACK_EXTERNAL_MODULE__left_out_mjs_da3e1d57__.createConfiguration) });

/***/ }),

/***/ 6595:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("./debug-off.cjs");

/***/ }),

/***/ 2605:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("./ssh2-lazy.cjs");

/***/ }),

/***/ 2781:
/***/ ((module) => {

module.exports = __loadOnFirstUse("@balena/dockerignore");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __loadOnFirstUse("crypto");

/***/ }),

/***/ 2250:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("dns");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __loadOnFirstUse("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __loadOnFirstUse("node:crypto");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __loadOnFirstUse("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __loadOnFirstUse("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 4876:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("punycode");

/***/ }),

/***/ 3480:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("querystring");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 5410:
/***/ ((module) => {

module.exports = __loadOnFirstUse("tar-fs");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 9154:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("vm");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __loadOnFirstUse("zlib");

/***/ }),

/***/ 3838:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Yz: () => (/* binding */ core_debug),
  N4: () => (/* binding */ endGroup),
  z3: () => (/* binding */ error),
  V4: () => (/* binding */ getInput),
  pq: () => (/* binding */ info),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ core_setSecret),
  Oh: () => (/* binding */ startGroup),
  z: () => (/* reexport */ summary),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: ExitCode, addPath, exportVariable, getBooleanInput, getIDToken, getMultilineInput, getState, group, isDebug, markdownSummary, notice, platform, saveState, setCommandEcho, toPlatformPath, toPosixPath, toWin32Path

// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
// EXTERNAL MODULE: external "crypto"
var external_crypto_ = __nccwpck_require__(6982);
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
// EXTERNAL MODULE: external "path"
var external_path_ = __nccwpck_require__(6928);
// EXTERNAL MODULE: external "./left-out.mjs"
var external_left_out_mjs_ = __nccwpck_require__(7715);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class oidc_utils_OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(oidc_utils_OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return __awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = oidc_utils_OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return __awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = oidc_utils_OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield oidc_utils_OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_.platform();
const arch = external_os_.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function core_setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function core_debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    command_issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    command_issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __nccwpck_require__(3838);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/shared/marker.ts
var shared_marker = __nccwpck_require__(4907);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/backends/docker/engine/address.ts
// Which engine to talk to, chosen like the docker CLI does: the docker-host input, else
// DOCKER_HOST (with DOCKER_TLS_VERIFY / DOCKER_CERT_PATH), else the Docker context named by
// DOCKER_CONTEXT or by currentContext in the CLI's config.json, else the default socket.
// docker-modem reads DOCKER_HOST itself but knows nothing of contexts, so the whole choice
// is made here and handed to it as explicit options.





const DEFAULT_SOCKET = '/var/run/docker.sock';
function readCertDir(dir, what, optional = false) {
    const read = (name) => {
        const file = external_node_path_default().join(dir, name);
        if (optional && !(0,external_node_fs_.existsSync)(file))
            return undefined;
        try {
            return (0,external_node_fs_.readFileSync)(file);
        }
        catch (error) {
            throw new errors/* ActionError */.lZ(`cannot read ${file} (${what}): ${error.message}`);
        }
    };
    const tls = { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), verify: true };
    return withOrigins(tls, external_node_path_default().join(dir, 'ca.pem'), `${external_node_path_default().join(dir, 'cert.pem')} and key.pem`);
}
function withOrigins(tls, caFrom, certFrom) {
    return { ...tls, caFrom: tls.ca ? caFrom : undefined, certFrom: tls.cert ? certFrom : undefined };
}
/** Parses an engine URL as the docker CLI accepts it. `what` names its origin in errors. */
function parseHost(value, source, fail) {
    const text = value.trim();
    if (text.startsWith('unix://')) {
        const socketPath = text.slice('unix://'.length) || DEFAULT_SOCKET;
        return { address: `unix://${socketPath}`, source, protocol: 'unix', socketPath };
    }
    if (text.startsWith('npipe://'))
        throw fail(`'${text}': named pipes exist only on Windows engines`);
    const withScheme = text.includes('://') ? text : `tcp://${text}`;
    let url;
    try {
        url = new URL(withScheme);
    }
    catch {
        throw fail(`'${text}' is not an engine address: use unix:///path, tcp://host:port or ssh://user@host[:port]`);
    }
    if (url.protocol === 'ssh:') {
        if (!url.hostname)
            throw fail(`'${text}' has no host: use ssh://user@host[:port]`);
        // ssh://host/path names the engine's socket on that host, as the docker CLI reads it
        // (it runs `docker --host unix:///path system dial-stdio` there).
        const remoteSocket = url.pathname && url.pathname !== '/' ? decodeURIComponent(url.pathname) : undefined;
        return {
            address: `ssh://${url.username ? `${url.username}@` : ''}${url.host}${remoteSocket ?? ''}`,
            source,
            protocol: 'ssh',
            host: url.hostname.replace(/^\[|\]$/g, ''),
            port: url.port || '22',
            username: decodeURIComponent(url.username) || undefined,
            socketPath: remoteSocket,
        };
    }
    if (url.protocol !== 'tcp:' && url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw fail(`'${text}' has an unknown scheme ${url.protocol}//: use unix://, tcp:// or ssh://`);
    }
    if (!url.hostname)
        throw fail(`'${text}' has no host: use tcp://host:port`);
    const port = url.port || (url.protocol === 'https:' ? '2376' : '2375');
    return {
        address: `tcp://${url.host}${url.port ? '' : `:${port}`}`,
        source,
        protocol: url.protocol === 'https:' || port === '2376' ? 'https' : 'http',
        host: url.hostname.replace(/^\[|\]$/g, ''),
        port,
    };
}
function dockerConfigDir(env) {
    return env.DOCKER_CONFIG || external_node_path_default().join(env.HOME || (0,external_node_os_.homedir)(), '.docker');
}
/** The context the CLI would use: DOCKER_CONTEXT, else config.json's currentContext. */
function selectedContext(env) {
    if (env.DOCKER_CONTEXT)
        return { name: env.DOCKER_CONTEXT, from: 'DOCKER_CONTEXT' };
    const configFile = external_node_path_default().join(dockerConfigDir(env), 'config.json');
    if (!(0,external_node_fs_.existsSync)(configFile))
        return undefined;
    let config;
    try {
        config = JSON.parse((0,external_node_fs_.readFileSync)(configFile, 'utf8'));
    }
    catch (error) {
        throw new errors/* ActionError */.lZ(`cannot read the Docker CLI configuration ${configFile}: ${error.message}`);
    }
    return typeof config.currentContext === 'string' && config.currentContext
        ? { name: config.currentContext, from: `currentContext in ${configFile}` }
        : undefined;
}
function fromContext(name, from, env) {
    if (name === 'default')
        return undefined;
    const digest = (0,external_node_crypto_.createHash)('sha256').update(name).digest('hex');
    const base = dockerConfigDir(env);
    const metaFile = external_node_path_default().join(base, 'contexts', 'meta', digest, 'meta.json');
    if (!(0,external_node_fs_.existsSync)(metaFile)) {
        throw new errors/* ActionError */.lZ(`Docker context '${name}' (from ${from}) does not exist: no ${metaFile}. Create it with docker context create, or unset ${from.startsWith('DOCKER_CONTEXT') ? 'DOCKER_CONTEXT' : 'currentContext'}`);
    }
    let meta;
    try {
        meta = JSON.parse((0,external_node_fs_.readFileSync)(metaFile, 'utf8'));
    }
    catch (error) {
        throw new errors/* ActionError */.lZ(`cannot read Docker context '${name}' (${metaFile}): ${error.message}`);
    }
    const endpoint = meta.Endpoints?.docker;
    if (!endpoint?.Host)
        throw new errors/* ActionError */.lZ(`Docker context '${name}' has no docker endpoint host (${metaFile})`);
    const address = parseHost(endpoint.Host, `context ${name} from ${from}`, (problem) => new errors/* ActionError */.lZ(`Docker context '${name}': ${problem}`));
    const tlsDir = external_node_path_default().join(base, 'contexts', 'tls', digest, 'docker');
    if ((0,external_node_fs_.existsSync)(tlsDir) && address.protocol !== 'unix' && address.protocol !== 'ssh') {
        const read = (file) => (0,external_node_fs_.existsSync)(external_node_path_default().join(tlsDir, file)) ? (0,external_node_fs_.readFileSync)(external_node_path_default().join(tlsDir, file)) : undefined;
        address.tls = withOrigins({ ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), verify: !endpoint.SkipTLSVerify }, external_node_path_default().join(tlsDir, 'ca.pem'), `${external_node_path_default().join(tlsDir, 'cert.pem')} and key.pem`);
        address.protocol = 'https';
    }
    else if (endpoint.SkipTLSVerify && address.protocol === 'https') {
        address.tls = { verify: false };
    }
    return address;
}
/** Chooses the engine for this run; see the comment at the top of the file. */
function chooseEngine(inputs, env = process.env) {
    const pem = [inputs.tlsCa, inputs.tlsCert, inputs.tlsKey];
    const anyPem = pem.some(Boolean);
    let chosen;
    if (inputs.dockerHost) {
        chosen = parseHost(inputs.dockerHost, 'docker-host input', (problem) => new errors/* InputError */.dz('docker-host', problem));
    }
    else if (env.DOCKER_HOST) {
        chosen = parseHost(env.DOCKER_HOST, 'DOCKER_HOST', (problem) => new errors/* ActionError */.lZ(`DOCKER_HOST: ${problem}`));
        if (chosen.protocol === 'http' && env.DOCKER_TLS_VERIFY && env.DOCKER_TLS_VERIFY !== '0')
            chosen.protocol = 'https';
        if (env.DOCKER_CERT_PATH && chosen.protocol !== 'unix' && chosen.protocol !== 'ssh') {
            chosen.tls = readCertDir(env.DOCKER_CERT_PATH, 'DOCKER_CERT_PATH');
            chosen.protocol = 'https';
        }
        else if (chosen.protocol === 'https' && env.DOCKER_TLS_VERIFY) {
            // Like the docker CLI: without DOCKER_CERT_PATH, the certificates in its config folder.
            const dir = dockerConfigDir(env);
            if ((0,external_node_fs_.existsSync)(external_node_path_default().join(dir, 'ca.pem')))
                chosen.tls = readCertDir(dir, 'the Docker config folder', true);
        }
    }
    else {
        const context = selectedContext(env);
        chosen = (context && fromContext(context.name, context.from, env)) || {
            address: `unix://${DEFAULT_SOCKET}`,
            source: 'default',
            protocol: 'unix',
            socketPath: DEFAULT_SOCKET,
        };
    }
    if (anyPem) {
        if (chosen.protocol === 'unix' || chosen.protocol === 'ssh') {
            throw new errors/* InputError */.dz('tls-ca', `TLS material was given but the engine ${chosen.address} (${chosen.source}) is not a tcp:// address`);
        }
        const missing = ['tls-ca', 'tls-cert', 'tls-key'].filter((_, i) => !pem[i]);
        if (missing.length)
            throw new errors/* InputError */.dz(missing[0], 'tls-ca, tls-cert and tls-key go together: give all three PEM texts');
        chosen.tls = {
            ca: inputs.tlsCa,
            cert: inputs.tlsCert,
            key: inputs.tlsKey,
            verify: true,
            caFrom: 'tls-ca',
            certFrom: 'tls-cert and tls-key',
        };
        chosen.protocol = 'https';
    }
    return chosen;
}

// EXTERNAL MODULE: ./src/backends/docker/engine/engine.ts + 10 modules
var engine_engine = __nccwpck_require__(2723);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __nccwpck_require__(8500);
// EXTERNAL MODULE: ./src/shared/output.ts
var output = __nccwpck_require__(6972);
// EXTERNAL MODULE: ./src/shared/stdin.ts
var stdin = __nccwpck_require__(5211);
// EXTERNAL MODULE: ./src/shared/chunks.ts
var chunks = __nccwpck_require__(7851);
;// CONCATENATED MODULE: ./src/backends/docker/engine/frames.ts
// The engine's multiplexed stream format, used for an exec's output and a container's log
// when there is no TTY: frames of an 8-byte header (stream type, three zero bytes, big-endian
// payload length) and the payload. Headers and payloads can be split across chunks.

class FrameDecoder {
    header = Buffer.alloc(8);
    headerFill = 0;
    remaining = 0;
    stream = output/* STDOUT */.UU;
    /** Calls `emit` for each payload piece in `chunk`; pieces are views into `chunk`. */
    push(chunk, emit) {
        let offset = 0;
        while (offset < chunk.length) {
            if (this.remaining === 0) {
                const need = 8 - this.headerFill;
                const take = Math.min(need, chunk.length - offset);
                chunk.copy(this.header, this.headerFill, offset, offset + take);
                this.headerFill += take;
                offset += take;
                if (this.headerFill < 8)
                    return;
                this.headerFill = 0;
                // Type 0 is stdin echoed as stdout; 2 is stderr; 3 (system error) is shown as stderr.
                this.stream = this.header[0] === 2 || this.header[0] === 3 ? output/* STDERR */.xS : output/* STDOUT */.UU;
                this.remaining = this.header.readUInt32BE(4);
                continue;
            }
            const take = Math.min(this.remaining, chunk.length - offset);
            emit(this.stream, chunk.subarray(offset, offset + take));
            this.remaining -= take;
            offset += take;
        }
    }
    /** True when the stream stopped inside a frame. */
    get partial() {
        return this.headerFill > 0 || this.remaining > 0;
    }
    describePartial() {
        return this.remaining > 0
            ? `output stream cut inside a frame (${this.remaining} bytes missing)`
            : `output stream cut inside a frame header`;
    }
}

;// CONCATENATED MODULE: ./src/backends/docker/exit-status.ts
/**
 * The code Docker records for an exec whose output it could not deliver: when writing to the
 * attach connection fails, moby's ContainerExecStart (daemon/exec.go) marks the exec ended
 * with 126 ("exec attach failed") while the command itself runs on.
 */
const ATTACH_FAILED_EXIT_CODE = 126;
/** How long to keep asking for an exit code after the output ended (engines can lag). */
const EXIT_CODE_WAIT_MS = 10_000;
/** Classifies a run from its output's end and the engine's exit status. */
function classifyExit(stream, status, containerId) {
    if (status.containerId && status.containerId !== containerId) {
        // An exec created on a name (exec-on-lookup.ts) while that name passed to another container.
        return {
            kind: 'final',
            exitCode: status.exitCode,
            problem: `the command ran in container ${status.containerId.slice(0, 12)}, not in ${containerId.slice(0, 12)}: the container was replaced while the step looked it up`,
        };
    }
    if (!stream.broken && status.ranOn && status.exitCode !== undefined) {
        // The output ended cleanly (between two frames) while the engine still said the command
        // was running. Docker and Podman set the exit code before they end an exec's output (moby
        // daemon/monitor.go: ExitCode, then CloseStreams), so the connection to the output was
        // lost and whatever the command printed after that is missing: the step fails, whatever
        // the code.
        if (status.exitCode === ATTACH_FAILED_EXIT_CODE) {
            // Docker before 28 then records 126 (exec attach failed: moby daemon/exec.go) for the
            // output it could not deliver: not the command's status, which is not known.
            return {
                kind: 'final',
                problem: `the connection to the command's output was lost while the command was still running (the output ended, then the engine recorded exit code ${ATTACH_FAILED_EXIT_CODE} for output it could not deliver): exit status unknown`,
            };
        }
        return {
            kind: 'final',
            exitCode: status.exitCode,
            problem: `the connection to the command's output was lost while the command was still running (the output ended, then the command exited with code ${status.exitCode}): what it printed after that is missing`,
        };
    }
    // The output was cut, or the engine gives no code: whatever code it may give is no sure
    // account of the command (Docker before 28 records 126 when it cannot deliver output).
    if (stream.broken || status.exitCode === undefined)
        return { kind: 'unknown' };
    if (status.exitCode >= 128)
        return { kind: 'signalled', exitCode: status.exitCode };
    return { kind: 'final', exitCode: status.exitCode };
}
/** Why the exit status is unknown, given what became of the container. */
function unknownReason(stream, status, container) {
    if (container.removed)
        return 'the container was removed while the command was running: exit status unknown';
    if (!container.running)
        return `the container stopped while the command was running (container ${container.status}, exit code ${container.exitCode}): exit status unknown`;
    if (stream.broken)
        return `${stream.broken}: exit status unknown`;
    if (status.removed)
        return 'the engine no longer knows the exec: exit status unknown';
    return status.running
        ? `exit status unknown: the output ended but the engine still reports the command as running after ${EXIT_CODE_WAIT_MS / 1000}s`
        : `exit status unknown: the engine reports no exit code after ${EXIT_CODE_WAIT_MS / 1000}s`;
}
/**
 * A signal death (code >= 128) seen against the container: the problem when the container
 * went away with it, undefined while it still runs (the engine may call it running for a
 * moment after the exec's end, so the caller looks a few times).
 */
function afterSignal(exitCode, container) {
    if (container.removed)
        return { exitCode, problem: 'the container was removed while the command was running' };
    if (!container.running)
        return {
            exitCode,
            problem: `the container stopped while the command was running (container ${container.status}, command killed with code ${exitCode})`,
        };
    return undefined;
}

;// CONCATENATED MODULE: ./src/backends/docker/exec.ts
// One run of a command in the container through the Docker Engine's exec API: create the
// exec, start it attached, feed stdin, copy the output, then read the exit status, refusing
// to guess when the engine cannot say (exit-status.ts classifies what was seen).







/** Large reads keep the system calls few: 512 KiB took less CPU than 64 to 256 KiB. */
const STDIN_CHUNK = 512 * 1024;
function createOptions(spec) {
    return {
        Cmd: spec.cmd,
        Env: spec.env.length ? spec.env : undefined,
        User: spec.user,
        WorkingDir: spec.workdir,
        Privileged: spec.privileged,
        Tty: spec.tty,
        AttachStdin: spec.stdin !== undefined,
        ConsoleSize: spec.tty ? [24, 120] : undefined,
    };
}
/** The exec's connection as the standard input's sink: written to, then half-closed. */
function stdinSink(stream) {
    return {
        headroom: 0,
        write: (chunk) => stream.write(chunk),
        get open() {
            return stream.open;
        },
        end: () => stream.end(),
    };
}
/**
 * Copies the exec's output to the targets until the engine ends the stream: the engine's
 * multiplexed frames (engine/frames.ts) or, with a TTY, raw bytes. Each chunk is written out
 * before the next is read, so a chunk read into a reused buffer is done with in time.
 */
async function pumpOutput(source, tty, targets) {
    const decoder = tty ? undefined : new FrameDecoder();
    const sink = new output/* OutputSink */.rI(targets);
    const deliver = sink.deliver.bind(sink);
    let broken;
    try {
        for (let chunk = await source.next(); chunk; chunk = await source.next()) {
            if (decoder)
                decoder.push(chunk, deliver);
            else
                deliver(output/* STDOUT */.UU, chunk);
            await sink.written();
        }
        if (decoder?.partial)
            broken = decoder.describePartial();
    }
    catch (error) {
        broken =
            error instanceof chunks/* ClosedEarly */.SK
                ? 'connection to the engine closed before the output ended'
                : `connection to the engine lost while reading the output (${error.code ?? error.message})`;
    }
    if (broken)
        sink.end.broken = broken;
    return sink.flushed();
}
/**
 * Asks the engine for the exit code until it gives one. A null exit code or Running: true
 * after the stream ended happens (proxies, other engines); it is never read as success.
 */
async function readExitCode(engine, execId, budgetMs = EXIT_CODE_WAIT_MS) {
    const deadline = Date.now() + budgetMs;
    let delay = 10;
    let ranOn = false;
    for (;;) {
        let state;
        try {
            state = await engine.inspectExec(execId);
        }
        catch (error) {
            if (error instanceof engine_engine/* EngineError */.NJ && error.statusCode === 404)
                return { removed: true };
            throw error;
        }
        if (!state.Running && typeof state.ExitCode === 'number')
            return { exitCode: state.ExitCode, ranOn, containerId: state.ContainerID };
        // A started process (it has a PID) still running after its output ended.
        if (state.Running && state.Pid > 0)
            ranOn = true;
        if (Date.now() >= deadline)
            return { running: state.Running };
        await (0,promises_.setTimeout)(Math.min(delay, Math.max(deadline - Date.now(), 0)));
        delay = Math.min(delay * 2, 500);
    }
}
/**
 * When `error` says the engine no longer answers (a refused or cut connection, not an HTTP
 * error from a live engine): the one-line report of a run whose engine went away under it.
 */
function connectionLost(engine, stream, error) {
    if (!(error instanceof engine_engine/* ConnectionError */.Rc))
        return undefined;
    const cause = error.cause;
    const why = cause?.code ?? cause?.message ?? error.message;
    const output = stream.broken ?? 'the output ended';
    return `the connection to the engine was lost while the command was running (${output}; then the engine at ${engine.target.address} did not answer: ${why}): exit status unknown`;
}
/** The container now, in the terms exit-status.ts judges. */
async function containerAfter(engine, containerId) {
    const container = await engine.inspectContainer(containerId);
    if (!container)
        return { removed: true };
    return { running: container.State.Running, status: container.State.Status, exitCode: container.State.ExitCode };
}
/** Explains a run whose status is not known, checking what became of the container. */
async function explainUnknown(engine, containerId, stream, status) {
    let container;
    try {
        container = await containerAfter(engine, containerId);
    }
    catch (error) {
        // An engine that cannot be asked is not a removed container.
        const lost = connectionLost(engine, stream, error);
        if (lost)
            return lost;
        if (stream.broken)
            return `${stream.broken}: exit status unknown`;
        return `exit status unknown: the engine could not say what became of the container (${error.message})`;
    }
    return unknownReason(stream, status, container);
}
async function createExec(engine, containerId, spec) {
    return engine.createExec(containerId, createOptions(spec));
}
/** Runs an exec created by createExec, attached, until its output ends and its status is known. */
async function attachAndWait(engine, containerId, execId, spec, targets) {
    const exec = await engine.startExec(execId, { tty: spec.tty, stdin: spec.stdin !== undefined });
    if (spec.tty)
        void engine.resizeExec(execId, 24, 120).catch(() => undefined);
    let stdinError;
    if (spec.stdin) {
        void (0,stdin/* feedStdin */.J)(spec.stdin, stdinSink(exec), STDIN_CHUNK).catch((error) => {
            stdinError = `reading standard input failed: ${error.message}`;
            exec.destroy();
        });
    }
    const stream = await pumpOutput(exec.output, spec.tty, targets);
    // The output has ended: stdin the command has not read is dropped, as docker exec -i does;
    // a write the engine no longer takes would otherwise hold the process for minutes.
    if (spec.stdin)
        exec.destroy();
    if (stdinError)
        stream.broken ??= stdinError;
    let status;
    try {
        status = await readExitCode(engine, execId);
    }
    catch (error) {
        // The engine went away under the command (dockerd killed or restarted, connection cut):
        // its output may have ended cleanly, but how the command ended is not known.
        const lost = connectionLost(engine, stream, error);
        if (!lost)
            throw error;
        return { execId, problem: lost, stream };
    }
    const verdict = classifyExit(stream, status, containerId);
    if (verdict.kind === 'final')
        return { execId, exitCode: verdict.exitCode, problem: verdict.problem, stream };
    if (verdict.kind === 'unknown')
        return { execId, problem: await explainUnknown(engine, containerId, stream, status), stream };
    // A signal death can be the container itself going away (killed, stopped, removed); the
    // engine may still call it running for a moment after the exec's end, so look a few times.
    for (let look = 0; look < 10; look++) {
        let container;
        try {
            container = await containerAfter(engine, containerId);
        }
        catch {
            break; // the engine cannot say what became of the container: keep the exit code it gave
        }
        const gone = afterSignal(verdict.exitCode, container);
        if (gone)
            return { execId, ...gone, stream };
        await (0,promises_.setTimeout)(100);
    }
    return { execId, exitCode: verdict.exitCode, stream };
}
/** Runs a helper command (cleanup, stopping) and collects its small output. */
async function runQuiet(engine, containerId, cmd, user = '0') {
    const execId = await engine.createExec(containerId, { Cmd: cmd, User: user });
    const exec = await engine.startExec(execId, { tty: false, stdin: false });
    const { targets, text } = (0,output/* quietTargets */.b)();
    await pumpOutput(exec.output, false, targets);
    exec.destroy();
    const { exitCode } = await readExitCode(engine, execId, 3000);
    return { exitCode, output: text() };
}

// EXTERNAL MODULE: external "node:events"
var external_node_events_ = __nccwpck_require__(8474);
// EXTERNAL MODULE: ./src/shared/wait.ts
var shared_wait = __nccwpck_require__(2640);
;// CONCATENATED MODULE: ./src/backends/docker/compose.ts
// Containers started by Docker Compose, found the way `docker compose exec SERVICE` finds
// them: by the labels Compose puts on every container it creates (the same in Compose v1 and
// v2: docker/compose pkg/api/labels.go, compose/const.py in 1.29), never by name, since
// names depend on the version and the project's folder.

const PROJECT_LABEL = 'com.docker.compose.project';
const SERVICE_LABEL = 'com.docker.compose.service';
const NUMBER_LABEL = 'com.docker.compose.container-number';
const ONEOFF_LABEL = 'com.docker.compose.oneoff';
/**
 * Compose's own normalisation of a project name (lower case, only a-z, 0-9, - and _;
 * docker/compose loader.NormalizeProjectName), so that COMPOSE_PROJECT_NAME=MyApp finds the
 * project Compose calls myapp.
 */
function normalizeProjectName(name) {
    return name.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}
/**
 * The container of a Compose service in a listing, or undefined when no container carries
 * the service's labels. One-off containers (`compose run`) are never candidates. Throws an
 * ActionError when the service exists but the choice is not clear: several projects and none
 * named, or no such replica.
 */
function pickComposeContainer(listing, query) {
    const label = (c, name) => c.Labels?.[name] ?? undefined;
    const ofService = listing.filter((c) => label(c, SERVICE_LABEL) === query.service && !/^true$/i.test(label(c, ONEOFF_LABEL) ?? ''));
    if (ofService.length === 0)
        return undefined;
    const projects = [...new Set(ofService.map((c) => label(c, PROJECT_LABEL) ?? ''))].sort();
    let project;
    if (query.project) {
        const wanted = normalizeProjectName(query.project.name);
        if (!projects.includes(wanted)) {
            throw new errors/* ActionError */.lZ(`Compose service ${query.service} has no container in project ${wanted} (from ${query.project.from}); it has containers in: ${projects.join(', ')}`);
        }
        project = wanted;
    }
    else if (projects.length === 1) {
        project = projects[0];
    }
    else {
        throw new errors/* ActionError */.lZ(`container '${query.service}' is a Compose service in ${projects.length} projects (${projects.join(', ')}): name one with the compose-project input or COMPOSE_PROJECT_NAME`);
    }
    const replicas = ofService.filter((c) => label(c, PROJECT_LABEL) === project);
    const numbered = (c) => Number(label(c, NUMBER_LABEL) ?? '1');
    const chosen = replicas.filter((c) => numbered(c) === query.index);
    if (chosen.length > 1) {
        throw new errors/* ActionError */.lZ(`Compose service ${query.service} of project ${project} has ${chosen.length} containers numbered ${query.index} (${chosen.map((c) => (c.Names[0] ?? c.Id).replace(/^\//, '')).join(', ')}): use a container name or ID`);
    }
    if (chosen.length === 0) {
        const have = replicas
            .map(numbered)
            .sort((a, b) => a - b)
            .join(', ');
        throw new errors/* ActionError */.lZ(`Compose service ${query.service} of project ${project} has no replica ${query.index} (replicas: ${have}): set compose-index to one of them`);
    }
    return { id: chosen[0].Id, via: `Compose service ${query.service} of project ${project}, replica ${query.index}` };
}

;// CONCATENATED MODULE: ./src/backends/docker/find.ts
// Finding the container the way a workflow names it (a job service key, a network alias,
// an ID, ID prefix or name) and waiting until it can run a command.






const FULL_ID = /^[0-9a-f]{64}$/;
/** The container ID the job context gives a service key (empty under Kubernetes-mode runners). */
function jobServiceId(job, name) {
    return job?.services[name]?.id || undefined;
}
function displayName(details) {
    return details.Name.replace(/^\//, '');
}
function describeListing(c) {
    return `${(c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, '')} (${c.Image}, ${c.State})`;
}
/** "a (img, running), b (img, exited)" for error messages, at most `limit` entries. */
function listBriefly(containers, limit = 8) {
    if (containers.length === 0)
        return 'none';
    const shown = containers.slice(0, limit).map(describeListing).join(', ');
    return containers.length > limit ? `${shown} and ${containers.length - limit} more` : shown;
}
async function byAlias(engine, name, job, listing) {
    // Aliases live on user-defined networks only; skip containers attached to none of them.
    const candidates = listing.filter((c) => Object.keys(c.NetworkSettings?.Networks ?? {}).some((n) => !['bridge', 'host', 'none'].includes(n)));
    const details = (await Promise.all(candidates.map((c) => engine.inspectContainer(c.Id)))).filter((d) => d !== undefined);
    const matches = details.filter((d) => Object.values(d.NetworkSettings?.Networks ?? {}).some((n) => n?.Aliases?.includes(name)));
    if (matches.length <= 1)
        return matches[0];
    const jobNetworks = new Set([job?.network, ...Object.values(job?.services ?? {}).map((s) => s.network)].filter((n) => !!n));
    const onJobNetwork = matches.filter((d) => Object.keys(d.NetworkSettings?.Networks ?? {}).some((n) => jobNetworks.has(n) || (jobNetworks.size === 0 && n.startsWith('github_network_'))));
    if (onJobNetwork.length === 1)
        return onJobNetwork[0];
    const ambiguous = onJobNetwork.length > 1 ? onJobNetwork : matches;
    throw new errors/* ActionError */.lZ(`container '${name}' is ambiguous: ${ambiguous.length} containers have the network alias ${name}: ${ambiguous
        .map((d) => `${displayName(d)} (${d.Config.Image}, ${d.State.Status})`)
        .join(', ')}. Use a container name or ID`);
}
/** Resolves the container input; see the comment at the top of the file for the order. */
async function findContainer(engine, name, job, compose = { index: 1 }) {
    const serviceId = jobServiceId(job, name);
    if (serviceId) {
        const details = await engine.inspectContainer(serviceId);
        if (details)
            return { details, via: `job service ${name}`, lookedUpAs: serviceId };
    }
    // The direct look-up (ID, prefix, name) runs alongside the alias search: it is the
    // fallback and usually the answer, and waiting for it after the search costs a round trip.
    const direct = engine.inspectContainer(name).then((details) => ({ details, error: undefined }), (error) => ({ details: undefined, error }));
    let listing;
    if (!FULL_ID.test(name)) {
        listing = await engine.listContainers(true);
        const aliased = await byAlias(engine, name, job, listing);
        if (aliased)
            return { details: aliased, via: `network alias ${name}`, lookedUpAs: aliased.Id };
    }
    const { details, error } = await direct;
    const byIdPrefix = details && displayName(details) !== name && details.Id.startsWith(name) && details.Id !== name;
    if (details && !byIdPrefix)
        return { details, via: details.Id.startsWith(name) ? 'container ID' : 'container name', lookedUpAs: name };
    // A short value such as `db` or `cafe` can be both the start of some container's ID and a
    // Compose service: the service, named on purpose, wins over an ID prefix that fits by chance.
    const composed = listing && pickComposeContainer(listing, { service: name, ...compose });
    if (composed) {
        const found = await engine.inspectContainer(composed.id);
        if (found)
            return { details: found, via: composed.via, lookedUpAs: composed.id };
    }
    if (details)
        return { details, via: 'container ID', lookedUpAs: name };
    if (error) {
        // An ID prefix that fits several containers.
        if (!(error instanceof engine_engine/* EngineError */.NJ) || !/multiple|ambiguous/i.test(error.engineMessage))
            throw error;
        listing ??= await engine.listContainers(true);
        const fitting = listing.filter((c) => c.Id.startsWith(name));
        throw new errors/* ActionError */.lZ(`container '${name}' is ambiguous: the ID prefix fits ${listBriefly(fitting)}. Give more of the ID`);
    }
    listing ??= await engine.listContainers(true);
    const running = listing.filter((c) => c.State === 'running');
    const where = job && Object.keys(job.services).length
        ? `a job service (${Object.keys(job.services).join(', ')}), `
        : 'a job service, ';
    throw new errors/* ActionError */.lZ(`container '${name}' not found: it is not ${where}a network alias, a container name or ID, or a Compose service. Running: ${listBriefly(running)}`);
}
/** Why a container cannot run a command now and never will without help, or undefined. */
function hopeless(details, cli) {
    const s = details.State;
    const name = displayName(details);
    if (s.Paused)
        return `container ${name} is paused: unpause it first (${cli} unpause ${name})`;
    if (s.Restarting)
        return undefined;
    if (s.Status === 'exited' || s.Status === 'dead') {
        return `container ${name} is not running: it has ${s.Status} with code ${s.ExitCode}${s.Error ? ` (${s.Error})` : ''}`;
    }
    if (s.Status === 'removing')
        return `container ${name} is being removed`;
    return undefined;
}
function lastHealthOutput(details) {
    const log = details.State.Health?.Log ?? [];
    const last = log[log.length - 1];
    return last ? last.Output.trim().replace(/\s+/g, ' ').slice(0, 300) || `exit code ${last.ExitCode}` : 'none yet';
}
// Podman runs health checks from systemd timers; where systemd is not init, none ever run and
// the container stays "starting" (https://github.com/containers/podman/issues/19326).
function podmanHealthHint(details, wait, cli) {
    if (cli !== 'podman' || wait !== 'healthy' || !details.State.Running || details.State.Health?.Log?.length)
        return '';
    return '. No health check has run: Podman runs them from systemd timers, and none where systemd is not init (https://github.com/containers/podman/issues/19326)';
}
function ready(details, wait) {
    if (!details.State.Running || details.State.Paused || details.State.Restarting)
        return false;
    if (wait !== 'healthy' || !details.State.Health)
        return true;
    return details.State.Health.Status === 'healthy';
}
/**
 * Waits until the container can run the command (running, or healthy), woken by the engine's
 * events with a polling fallback; fails at once when it never will.
 */
async function waitForContainer(engine, found, wait, timeoutMs, signal) {
    const details = found.details;
    const name = displayName(details);
    if (ready(details, wait))
        return details;
    // The command that fixes it, in the words of the engine's own CLI.
    const cli = engine.description?.startsWith('Podman') ? 'podman' : 'docker';
    if (wait === 'none') {
        const s = details.State;
        if (s.Restarting)
            throw new errors/* ActionError */.lZ(`container ${name} is restarting: wait until it is running (wait: running)`);
        throw new errors/* ActionError */.lZ(hopeless(details, cli) ?? `container ${name} is not running (state ${s.Status})`);
    }
    const stop = new AbortController();
    const onAbort = () => stop.abort();
    signal.addEventListener('abort', onAbort);
    let events;
    let wake;
    try {
        events = await engine.containerEvents(details.Id, stop.signal).catch(() => undefined);
        events?.on('data', () => wake?.());
        events?.on('error', () => undefined);
        const look = async () => {
            const current = await engine.inspectContainer(details.Id);
            if (!current)
                throw new errors/* ActionError */.lZ(`container ${name} was removed while waiting for it`);
            return current;
        };
        // Looked at again once the events are watched: a change before that would wake nothing.
        const now = await look();
        if (ready(now, wait))
            return now;
        return await (0,shared_wait/* waitUntilReady */.b)({
            name,
            goal: wait,
            look,
            ready: (current) => ready(current, wait),
            hopeless: (current) => hopeless(current, cli),
            notReady: (current, waited) => {
                const what = wait === 'healthy' && current.State.Running ? 'healthy' : 'running';
                const health = wait === 'healthy' && current.State.Health
                    ? ` (last health output: ${lastHealthOutput(current)})`
                    : ` (state ${current.State.Status})`;
                return `container ${name} was not ${what} after ${waited}${health}${podmanHealthHint(current, wait, cli)}`;
            },
            // An event (health_status, start, ...) wakes the wait at once.
            pause: (ms, abort) => Promise.race([
                new Promise((resolve) => (wake = resolve)),
                (0,promises_.setTimeout)(ms, undefined, { signal: stop.signal }).catch(() => undefined),
                (0,external_node_events_.once)(abort, 'abort').then(() => undefined, () => undefined),
            ]),
        }, now, timeoutMs, signal, shared_wait/* LOOK_EVERY_MS */.R.docker);
    }
    finally {
        signal.removeEventListener('abort', onAbort);
        stop.abort();
        events?.destroy();
    }
}
/**
 * Finds the container the inputs name (told to `onFound` at once) and waits until it can run
 * the command (`wait`).
 */
async function findReadyContainer(engine, inputs, signal, onFound) {
    const found = await findContainer(engine, inputs.container, inputs.job, inputs.compose);
    onFound?.(found);
    const details = await waitForContainer(engine, found, inputs.wait, inputs.waitTimeoutMs, signal);
    return { ...found, details };
}

;// CONCATENATED MODULE: ./src/backends/docker/exec-on-lookup.ts




/** A container ID, or a name as Docker allows them: safe to put in a request path as is. */
const ENGINE_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
/** Starts creating the exec on the container as the workflow names it; undefined if it cannot be. */
function createExecOnLookup(engine, inputs, spec) {
    // What the look-up sends to the engine first (find.ts): a job service's ID, else the input.
    const target = jobServiceId(inputs.job, inputs.container) || inputs.container;
    // A detached command is started once, after the look-up: no round trip to save.
    if (inputs.detach || !ENGINE_NAME.test(target))
        return Promise.resolve(undefined);
    const marker = (0,shared_marker/* newMarker */.XS)();
    return createExec(engine, target, (0,shared_marker/* withMarker */.Pe)(spec, marker)).then((execId) => ({ target, execId, marker }), () => undefined);
}
/**
 * The exec created on look-up, if the look-up found the container through the string it was
 * created on. An engine that left that create unanswered fails the step here: asking again
 * would wait as long once more.
 */
async function execForFound(engine, creating, found) {
    const exec = await creating;
    if (!exec && engine.unanswered)
        throw new engine_engine/* ConnectionError */.Rc(engine.unanswered);
    return exec && exec.target === found.lookedUpAs ? exec : undefined;
}

;// CONCATENATED MODULE: ./src/report/tail-buffer.ts
/**
 * Keeps the last `capacity` bytes written to it, in fixed memory, however much passes
 * through (outputs, annotation and summary tails). Bytes are copied in, so no chunk of the
 * stream is kept alive by a small slice of it.
 */
class TailBuffer {
    capacity;
    ring;
    start = 0;
    length = 0;
    total = 0;
    constructor(capacity) {
        this.capacity = capacity;
        this.ring = Buffer.alloc(capacity);
    }
    write(chunk) {
        this.total += chunk.length;
        if (this.capacity === 0)
            return;
        if (chunk.length >= this.capacity) {
            chunk.copy(this.ring, 0, chunk.length - this.capacity);
            this.start = 0;
            this.length = this.capacity;
            return;
        }
        let end = (this.start + this.length) % this.capacity;
        let from = 0;
        while (from < chunk.length) {
            const n = Math.min(chunk.length - from, this.capacity - end);
            chunk.copy(this.ring, end, from, from + n);
            from += n;
            end = (end + n) % this.capacity;
        }
        const overflow = this.length + chunk.length - this.capacity;
        if (overflow > 0) {
            this.start = (this.start + overflow) % this.capacity;
            this.length = this.capacity;
        }
        else {
            this.length += chunk.length;
        }
    }
    /** True when more was written than is kept. */
    get cut() {
        return this.total > this.length;
    }
    bytes() {
        const head = this.ring.subarray(this.start, Math.min(this.start + this.length, this.capacity));
        const wrapped = this.start + this.length - this.capacity;
        return wrapped > 0 ? Buffer.concat([head, this.ring.subarray(0, wrapped)]) : Buffer.from(head);
    }
    /**
     * The kept bytes as text. When the front was cut, a partial UTF-8 character left there is
     * dropped rather than shown as a replacement character.
     */
    text() {
        let bytes = this.bytes();
        if (this.cut) {
            let skip = 0;
            while (skip < 3 && skip < bytes.length && (bytes[skip] & 0xc0) === 0x80)
                skip++;
            bytes = bytes.subarray(skip);
        }
        return bytes.toString('utf8');
    }
    /** The last `count` lines of the kept text (a cut first line is left out). */
    lastLines(count) {
        const lines = this.text().replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
        if (this.cut)
            lines.shift();
        return lines.slice(-count);
    }
}

;// CONCATENATED MODULE: ./src/backends/docker/log.ts
// The end of the container's own log, for the report when the step fails (report/service-log.ts).



/** The most of the log kept, whatever its lines' length (the end is kept). */
const LOG_BYTES = 64 * 1024;
/** An engine that does not send the log in this time is not waited for longer. */
const LOG_WAIT_MS = 10_000;
/** Reads the last `lines` lines of the container's log (stdout and stderr, timestamped). */
async function readServiceLog(engine, container, lines) {
    const tail = new TailBuffer(LOG_BYTES);
    let timer;
    try {
        const stream = await engine.containerLog(container.Id, lines);
        // With a TTY the log is raw bytes; without, frames (Docker and Podman alike).
        const decoder = container.Config.Tty ? undefined : new FrameDecoder();
        const done = new Promise((resolve, reject) => {
            stream.on('data', (chunk) => decoder ? decoder.push(chunk, (_stream, payload) => tail.write(payload)) : tail.write(chunk));
            stream.once('end', resolve).once('error', reject);
            timer = setTimeout(() => {
                stream.destroy();
                reject(new Error(`the engine did not send it within ${LOG_WAIT_MS / 1000}s`));
            }, LOG_WAIT_MS);
        });
        await done;
    }
    catch (error) {
        return { unavailable: `the log of ${displayName(container)} could not be read: ${error.message}` };
    }
    finally {
        clearTimeout(timer);
    }
    const text = tail.text().replace(/\r\n/g, '\n').replace(/\n$/, '');
    return { lines: text ? text.split('\n').slice(-lines) : [] };
}

;// CONCATENATED MODULE: ./src/inputs/command-words.ts

/**
 * Splitting and quoting of command lines, like a POSIX shell but without any expansion.
 * Nothing here runs a shell: the words go to the Engine as the exec's Cmd array.
 */
const OPERATOR_CHARS = new Set(['&', '|', ';', '<', '>', '(', ')', '`']);
const DOUBLE_QUOTE_ESCAPABLE = new Set(['\\', '"', '$', '`']);
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** 1-based position counted in Unicode code points (a lone surrogate counts as one). */
function characterNumber(text, index) {
    let count = 1;
    for (let i = 0; i < index; i++) {
        const unit = text.charCodeAt(i);
        const next = i + 1 < index ? text.charCodeAt(i + 1) : 0;
        if (unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff)
            i++;
        count++;
    }
    return count;
}
function operatorError(line, index) {
    const c = line[index];
    const doubled = (c === '&' || c === '|' || c === '<' || c === '>') && line[index + 1] === c;
    const operator = doubled ? c + c : c;
    return new errors/* ActionError */.lZ(`shell operator '${operator}' is not run by this input: write the command as sh -c '...' or use the run input`);
}
/**
 * Splits one command line into words like a POSIX shell, with no expansion at all
 * ($VAR, globs and ~ stay literal). Shell operators outside quotes are refused.
 * Throws ActionError (message without the input's name) on bad input.
 */
function splitCommandLine(line) {
    const words = [];
    const n = line.length;
    let word = '';
    let inWord = false;
    let i = 0;
    while (i < n) {
        const c = line[i];
        if (c === ' ' || c === '\t' || c === '\n') {
            if (inWord) {
                words.push(word);
                word = '';
                inWord = false;
            }
            i++;
        }
        else if (c === "'") {
            const end = line.indexOf("'", i + 1);
            if (end < 0)
                throw new errors/* ActionError */.lZ(`unbalanced ' quote starting at character ${characterNumber(line, i)}`);
            word += line.slice(i + 1, end);
            inWord = true;
            i = end + 1;
        }
        else if (c === '"') {
            const start = i;
            inWord = true;
            i++;
            for (;;) {
                if (i >= n)
                    throw new errors/* ActionError */.lZ(`unbalanced " quote starting at character ${characterNumber(line, start)}`);
                const d = line[i];
                if (d === '"') {
                    i++;
                    break;
                }
                if (d === '\\' && i + 1 < n) {
                    const e = line[i + 1];
                    if (e === '\n') {
                        i += 2;
                        continue;
                    }
                    if (DOUBLE_QUOTE_ESCAPABLE.has(e)) {
                        word += e;
                        i += 2;
                        continue;
                    }
                }
                word += d;
                i++;
            }
        }
        else if (c === '\\') {
            if (i + 1 >= n) {
                throw new errors/* ActionError */.lZ('trailing backslash at the end of the command: it has nothing to escape');
            }
            const e = line[i + 1];
            if (e !== '\n') {
                word += e;
                inWord = true;
            }
            i += 2;
        }
        else if (OPERATOR_CHARS.has(c)) {
            throw operatorError(line, i);
        }
        else {
            word += c;
            inWord = true;
            i++;
        }
    }
    if (inWord)
        words.push(word);
    if (words.length === 0)
        throw new errors/* ActionError */.lZ('no command given');
    return words;
}
function describeJson(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'an array';
    if (typeof value === 'object')
        return 'an object';
    return `a ${typeof value}`;
}
function parseJsonArray(text) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        throw new errors/* ActionError */.lZ(`invalid JSON array: ${(0,errors/* oneLine */.TN)(detail)} (a command starting with '[' is read as a JSON array of strings)`, { cause: error });
    }
    if (!Array.isArray(value)) {
        throw new errors/* ActionError */.lZ(`the JSON value is ${describeJson(value)}, not an array of strings`);
    }
    if (value.length === 0) {
        throw new errors/* ActionError */.lZ('the JSON array is empty: give the program to run and its arguments');
    }
    const words = [];
    value.forEach((element, index) => {
        if (typeof element !== 'string') {
            throw new errors/* ActionError */.lZ(`element ${index + 1} of the JSON array is ${describeJson(element)}: every element must be a string`);
        }
        words.push(element);
    });
    return words;
}
/**
 * Parses the command input: a JSON array of strings when the trimmed value starts with '['
 * and is JSON (or starts like an array of strings),
 * otherwise a shell-like command line (see splitCommandLine). Always at least one word, and
 * the first word is not empty. Throws ActionError (message without the input's name).
 */
function isJson(text) {
    try {
        JSON.parse(text);
        return true;
    }
    catch {
        return false;
    }
}
function parseCommand(value) {
    const trimmed = value.trim();
    // `[ -f x ]` is a command line (the test program): a value starting with '[' is JSON when
    // it parses as JSON or looks like the start of an array of strings.
    const words = trimmed.startsWith('[') && (isJson(trimmed) || /^\[\s*["\]]/.test(trimmed))
        ? parseJsonArray(trimmed)
        : splitCommandLine(value);
    if (words[0] === '')
        throw new errors/* ActionError */.lZ("the command's first word is empty");
    return words;
}
/** Quotes one word so that splitCommandLine reads it back unchanged. */
function quoteWord(word) {
    if (SAFE_WORD.test(word))
        return word;
    return `'${word.replace(/'/g, "'\\''")}'`;
}
/** Joins words for display; splitCommandLine(joinWords(words)) gives the words back. */
function joinWords(words) {
    return words.map(quoteWord).join(' ');
}
/**
 * The command as the log and the summary show it: shell words (joinWords), or, when a word
 * holds a single quote, the JSON array that the `command` input also takes. Shell quoting
 * rewrites ' as '\'' and so splits a secret held in the word, which then escapes the runner's
 * masking; the runner also masks a secret's JSON escape (its JsonStringEscape encoder), and
 * JSON escapes character by character, so the secret stays whole in that form.
 */
function displayCommand(words) {
    return words.some((word) => word.includes("'")) ? JSON.stringify(words) : joinWords(words);
}

;// CONCATENATED MODULE: ./src/inputs/script.ts
// How a `run` script is executed by `shell`, like a workflow's run step: sh -e, bash with
// pipefail, or a custom command line where {0} names a file that holds the script.


/** Scripts up to this size travel as one argument; the kernel refuses one over 128 KiB. */
const MAX_ARGUMENT_BYTES = 96 * 1024;
const BUILT_IN = {
    sh: ['sh', '-e'],
    bash: ['bash', '--noprofile', '--norc', '-e', '-o', 'pipefail'],
};
/**
 * Plans the command for a script. `scriptPath` is where the file goes when one is needed
 * (for {0}, or a script too large to be an argument).
 */
function planScript(script, shell, scriptPath) {
    const content = Buffer.from(script, 'utf8');
    const builtIn = BUILT_IN[shell.trim()];
    if (builtIn) {
        if (content.length <= MAX_ARGUMENT_BYTES)
            return { cmd: [...builtIn, '-c', script] };
        return { cmd: [...builtIn, scriptPath], file: { path: scriptPath, content } };
    }
    let words;
    try {
        words = splitCommandLine(shell);
    }
    catch (error) {
        if (error instanceof errors/* ActionError */.lZ)
            throw new errors/* InputError */.dz('shell', error.message);
        throw error;
    }
    if (words.some((word) => word.includes('{0}'))) {
        return { cmd: words.map((word) => word.split('{0}').join(scriptPath)), file: { path: scriptPath, content } };
    }
    if (content.length > MAX_ARGUMENT_BYTES) {
        throw new errors/* InputError */.dz('run', `the script is ${content.length} bytes, too large to pass as an argument: put {0} in shell (e.g. '${shell} {0}') so it travels as a file`);
    }
    return { cmd: [...words, script] };
}
/** A one-file POSIX tar archive (ustar), as the engine's archive endpoint takes it. */
function tarOneFile(name, content, mode = 0o644) {
    if (Buffer.byteLength(name) > 100)
        throw new Error(`tar: name too long: ${name}`);
    const header = Buffer.alloc(512, 0);
    const field = (offset, length, value) => header.write(value, offset, length, 'utf8');
    const octal = (offset, length, value) => field(offset, length, value.toString(8).padStart(length - 1, '0') + '\0');
    field(0, 100, name);
    octal(100, 8, mode);
    octal(108, 8, 0);
    octal(116, 8, 0);
    octal(124, 12, content.length);
    octal(136, 12, Math.floor(Date.now() / 1000));
    field(148, 8, '        ');
    field(156, 1, '0');
    field(257, 6, 'ustar\0');
    field(263, 2, '00');
    let sum = 0;
    for (const byte of header)
        sum += byte;
    field(148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
    const padding = Buffer.alloc((512 - (content.length % 512)) % 512, 0);
    return Buffer.concat([header, content, padding, Buffer.alloc(1024, 0)]);
}

;// CONCATENATED MODULE: ./src/backends/docker/backend.ts
// The Docker back end (engine: docker): the Docker Engine API, local or remote, and Podman's
// Docker-compatible API. Everything the step asks of a back end (shared/backend.ts), through
// one engine connection.










/** The exec API in one container; the first command may be the one created on look-up. */
function dockerRunner(engine, containerId, onLookup) {
    let unused = onLookup;
    return {
        async create(spec) {
            if (unused) {
                const { execId, marker } = unused;
                unused = undefined;
                return { id: execId, marker };
            }
            const marker = (0,shared_marker/* newMarker */.XS)();
            return { id: await createExec(engine, containerId, (0,shared_marker/* withMarker */.Pe)(spec, marker)), marker };
        },
        attach: (id, spec, targets) => attachAndWait(engine, containerId, id, spec, targets),
        stop: (id, marker) => (0,shared_marker/* stopByMarker */.yB)((cmd) => runQuiet(engine, containerId, cmd), marker, async () => {
            const state = await readExitCode(engine, id, 0);
            return state.exitCode !== undefined || !!state.removed;
        }),
    };
}
class DockerBackend {
    inputs;
    engine;
    /** The container once found (before it is ready, too): for its log. */
    found;
    constructor(inputs) {
        this.inputs = inputs;
        this.engine = new engine_engine/* Engine */.N$(chooseEngine(inputs.engine), core/* debug */.Yz);
    }
    async findReady(spec, signal) {
        const { engine, inputs } = this;
        // A request of the look-up waits no longer than wait-timeout allows (shared/bounds.ts).
        engine.lookupDeadline = Date.now() + inputs.waitTimeoutMs;
        let found;
        let creating;
        try {
            creating = createExecOnLookup(engine, inputs, spec);
            found = await findReadyContainer(engine, inputs, signal, (found) => (this.found = found.details));
        }
        finally {
            engine.lookupDeadline = undefined;
        }
        const container = found.details;
        const id = container.Id;
        const name = displayName(container);
        const { State, Config } = container;
        const runner = dockerRunner(engine, id, await execForFound(engine, creating, found));
        return {
            facts: {
                id,
                name,
                engine: `${engine.target.address} (${engine.target.source}), ${engine.description ?? 'version not reported'}`,
                container: `${name} ${id.slice(0, 12)} (${Config.Image}, ${State.Status}${State.Health ? `, ${State.Health.Status}` : ''}; found as ${found.via})`,
                imageUser: Config.User,
                imageWorkdir: Config.WorkingDir,
            },
            runner,
            runQuiet: (cmd) => runQuiet(engine, id, cmd),
            async placeFile(path, content) {
                const slash = path.lastIndexOf('/');
                try {
                    await engine.putArchive(id, path.slice(0, slash) || '/', tarOneFile(path.slice(slash + 1), content));
                }
                catch (error) {
                    throw new errors/* ActionError */.lZ(`could not place the script in the container's /tmp: ${error.message}`);
                }
            },
            removeFile: (path) => runQuiet(engine, id, ['rm', '-f', path]).then(() => undefined, () => undefined),
            async detach(spec) {
                const execId = await createExec(engine, id, spec);
                await engine.startDetached(execId);
                return execId;
            },
            // The copy code (and tar-stream) is loaded only by steps that copy.
            copyIn: async (entries, user) => (await Promise.all(/* import() */[__nccwpck_require__.e(118), __nccwpck_require__.e(971)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5971))).copyIn(engine, id, entries, user),
            copyOut: async (entries, workspace) => (await Promise.all(/* import() */[__nccwpck_require__.e(118), __nccwpck_require__.e(971)]).then(__nccwpck_require__.bind(__nccwpck_require__, 5971))).copyOutAfterCommand(engine, id, name, entries, workspace),
        };
    }
    async recentLog(lines) {
        const container = this.found;
        // An engine that left a request unanswered is not asked again, to fail the step in time.
        if (!container || this.engine.unanswered)
            return undefined;
        return { name: displayName(container), log: await readServiceLog(this.engine, container, lines) };
    }
    close() {
        this.engine.close();
    }
}

;// CONCATENATED MODULE: ./src/backends/kubernetes/lacks.ts
const ON_KUBERNETES = 'on Kubernetes (engine: kubernetes)';
const KUBERNETES_LACKS = {
    user: `has no meaning ${ON_KUBERNETES}: pods/exec runs the command as the container's own user, and has no way to choose another. Remove it, or run the command through su or runuser in the container`,
    privileged: `has no meaning ${ON_KUBERNETES}: pods/exec has no privileged mode; the container's securityContext decides. Remove it`,
    detach: `is not supported ${ON_KUBERNETES}: pods/exec ends the command when its connection closes. Remove it`,
    copy: `is not supported ${ON_KUBERNETES} yet: copy with kubectl cp, or pipe a tar archive through stdin-file`,
    'docker-engine': `names a Docker engine, but the command runs ${ON_KUBERNETES}: remove it, or set engine: docker`,
};

// EXTERNAL MODULE: ./src/inputs/duration.ts
var duration = __nccwpck_require__(1601);
// EXTERNAL MODULE: ./src/inputs/copy.ts
var copy = __nccwpck_require__(3684);
;// CONCATENATED MODULE: ./src/inputs/env-file.ts

/**
 * bufio.Scanner's buffer is at most bufio.MaxScanTokenSize (64 KiB) bytes and has to hold a
 * line together with its '\n': a line of 65536 bytes or more (not counting '\n', counting a
 * '\r') fails with "token too long", also as the last line of a file.
 */
const MAX_LINE_BYTES = 65535;
const BOM = [0xef, 0xbb, 0xbf];
/** What Go's strings.TrimLeftFunc(s, unicode.IsSpace) removes (U+FEFF is not among them). */
const LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const ANY_SPACE = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
/**
 * Parses an env file like `docker exec --env-file`: entries in file order, `KEY=VALUE` kept
 * exactly as written after leading whitespace, a bare `KEY` takes the local value and is dropped
 * when unset. Throws ActionError `invalid env file (<path>): ...` naming the line.
 */
function parseEnvFile(content, path, lookup) {
    const fail = (lineNumber, problem) => new errors/* ActionError */.lZ(`invalid env file (${(0,errors/* oneLine */.TN)(path)}): line ${lineNumber}: ${problem}`);
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const entries = [];
    let start = 0;
    for (let lineNumber = 1; start < content.length; lineNumber++) {
        const newline = content.indexOf(0x0a, start);
        const end = newline < 0 ? content.length : newline;
        let bytes = content.subarray(start, end);
        start = end + 1;
        if (bytes.length > MAX_LINE_BYTES) {
            throw fail(lineNumber, `line is longer than ${MAX_LINE_BYTES} bytes (docker's limit)`);
        }
        if (bytes.length > 0 && bytes[bytes.length - 1] === 0x0d)
            bytes = bytes.subarray(0, bytes.length - 1);
        let text;
        try {
            text = decoder.decode(bytes);
        }
        catch {
            throw new errors/* ActionError */.lZ(`invalid env file (${(0,errors/* oneLine */.TN)(path)}): file is not valid UTF-8 (line ${lineNumber})`);
        }
        if (lineNumber === 1 && BOM.every((b, i) => bytes[i] === b))
            text = text.slice(1);
        const line = text.replace(LEADING_SPACE, '');
        if (line === '' || line.startsWith('#'))
            continue;
        const equals = line.indexOf('=');
        const key = equals < 0 ? line : line.slice(0, equals);
        // Docker prints the whole line here; the value may be a secret, so it is left out.
        if (key === '')
            throw fail(lineNumber, 'no variable name before the = (the line starts with =)');
        if (key.includes(' ') || key.includes('\t')) {
            throw fail(lineNumber, `variable '${(0,errors/* oneLine */.TN)(key)}' contains whitespaces`);
        }
        if (equals >= 0) {
            entries.push(line);
            continue;
        }
        const value = lookup(key);
        if (value !== undefined)
            entries.push(`${key}=${value}`);
    }
    return entries;
}
/**
 * Parses the action's `env` input: one `KEY=VALUE` per line (value kept exactly), blank and
 * `#` lines ignored. A bare `KEY` takes the local value; when unset it stays bare, which makes
 * the engine remove it from the command's environment (like `docker exec -e KEY`).
 * Throws ActionError (message without the input's name).
 */
function parseEnvInput(text, lookup) {
    const entries = [];
    text.split('\n').forEach((raw, index) => {
        const lineNumber = index + 1;
        const line = (raw.endsWith('\r') ? raw.slice(0, -1) : raw).replace(LEADING_SPACE, '');
        if (line === '' || line.startsWith('#'))
            return;
        const equals = line.indexOf('=');
        const name = equals < 0 ? line : line.slice(0, equals);
        if (name === '')
            throw new errors/* ActionError */.lZ(`line ${lineNumber}: no variable name before the = (the line starts with =)`);
        if (ANY_SPACE.test(name)) {
            throw new errors/* ActionError */.lZ(`line ${lineNumber}: variable name '${(0,errors/* oneLine */.TN)(name)}' contains whitespace`);
        }
        if (equals >= 0) {
            entries.push(line);
            return;
        }
        const value = lookup(name);
        entries.push(value === undefined ? name : `${name}=${value}`);
    });
    return entries;
}
/** The distinct variable names of Env entries, in order of first appearance (never values). */
function envNames(entries) {
    const names = new Set();
    for (const entry of entries) {
        const equals = entry.indexOf('=');
        names.add(equals < 0 ? entry : entry.slice(0, equals));
    }
    return [...names];
}

;// CONCATENATED MODULE: ./src/inputs/inputs.ts
// Turns the step's inputs into one typed, validated object. Every problem is an InputError
// naming the input, what is wrong and what to do; nothing else reads INPUT_* variables.









/**
 * The `engine` input: `auto` means Kubernetes when the runner runs its jobs through container
 * hooks (actions-runner-controller's Kubernetes mode sets ACTIONS_RUNNER_CONTAINER_HOOKS) or
 * when a pod was named (kube-pod), else Docker.
 */
function chooseBackend(given, kubePod, env) {
    const choice = given ?? 'auto';
    if (choice === 'docker' || choice === 'kubernetes')
        return choice;
    if (choice !== 'auto')
        throw new errors/* InputError */.dz('engine', `'${choice}' is not an engine: use auto, docker or kubernetes`);
    return env.ACTIONS_RUNNER_CONTAINER_HOOKS || kubePod ? 'kubernetes' : 'docker';
}
/** Names whose values are treated as secrets (masked if the container prints them). */
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|API_KEY|PRIVATE_KEY/i;
function raw(name) {
    return core/* getInput */.V4(name, { trimWhitespace: false });
}
function inputs_text(name) {
    const value = core/* getInput */.V4(name);
    return value === '' ? undefined : value;
}
function inputs_boolean(name, fallback) {
    const value = core/* getInput */.V4(name);
    if (value === '')
        return fallback;
    if (/^(true|True|TRUE)$/.test(value))
        return true;
    if (/^(false|False|FALSE)$/.test(value))
        return false;
    throw new errors/* InputError */.dz(name, `'${value}' is not a boolean: use true or false`);
}
function count(name, fallback) {
    const value = core/* getInput */.V4(name);
    if (value === '')
        return fallback;
    if (!/^\d{1,4}$/.test(value))
        throw new errors/* InputError */.dz(name, `'${value}' is not a whole number from 0 to 9999`);
    return Number(value);
}
function oneOf(name, allowed, fallback) {
    const value = core/* getInput */.V4(name) || fallback;
    if (!allowed.includes(value)) {
        throw new errors/* InputError */.dz(name, `'${value}' is not one of ${allowed.join(', ')}`);
    }
    return value;
}
function workspacePath(name, value, workspace) {
    const file = external_node_path_default().resolve(workspace, value);
    if (!(0,external_node_fs_.existsSync)(file))
        throw new errors/* InputError */.dz(name, `file ${value} does not exist (looked for ${file})`);
    if (!(0,external_node_fs_.statSync)(file).isFile())
        throw new errors/* InputError */.dz(name, `${value} is not a file (${file})`);
    return file;
}
function parseJob(value) {
    if (!value)
        return undefined;
    // The runner evaluates the default `${{ toJSON(job) }}`; tools that run an action outside
    // it (@github/local-action reads action.yml's defaults as written) pass the expression
    // itself. That is no job context, not a mistake of the workflow's: service keys are then
    // not known, and every other way of naming the container still works.
    if (/^\s*\$\{\{[^]*\}\}\s*$/.test(value)) {
        core/* debug */.Yz(`Input 'job' is the unevaluated expression ${value.trim()}: no job context (not run by the Actions runner)`);
        return undefined;
    }
    let parsed;
    try {
        parsed = JSON.parse(value);
    }
    catch (error) {
        throw new errors/* InputError */.dz('job', `is not JSON (${error.message}): leave this input as is, it defaults to \${{ toJSON(job) }}`);
    }
    if (!parsed || typeof parsed !== 'object') {
        throw new errors/* InputError */.dz('job', 'is not a JSON object: leave this input as is, it defaults to ${{ toJSON(job) }}');
    }
    const job = parsed;
    const services = {};
    if (job.services && typeof job.services === 'object') {
        for (const [key, service] of Object.entries(job.services)) {
            if (service && typeof service === 'object') {
                const s = service;
                services[key] = {
                    id: typeof s.id === 'string' ? s.id : undefined,
                    network: typeof s.network === 'string' ? s.network : undefined,
                };
            }
        }
    }
    const network = typeof job.container?.network === 'string' ? job.container.network : undefined;
    return { services, network };
}
function readEnvironment(workspace, env) {
    const lookup = (key) => env[key];
    const entries = [];
    for (const line of raw('env-file').split(/\r?\n/)) {
        const file = line.trim();
        if (!file)
            continue;
        const full = workspacePath('env-file', file, workspace);
        try {
            entries.push(...parseEnvFile((0,external_node_fs_.readFileSync)(full), file, lookup));
        }
        catch (error) {
            if (error instanceof errors/* ActionError */.lZ && !(error instanceof errors/* InputError */.dz))
                throw new errors/* InputError */.dz('env-file', error.message);
            throw error;
        }
    }
    try {
        entries.push(...parseEnvInput(raw('env'), lookup));
    }
    catch (error) {
        if (error instanceof errors/* ActionError */.lZ && !(error instanceof errors/* InputError */.dz))
            throw new errors/* InputError */.dz('env', error.message);
        throw error;
    }
    const secrets = entries
        .map((entry) => {
        const eq = entry.indexOf('=');
        return eq > 0 && SECRET_NAME.test(entry.slice(0, eq)) ? entry.slice(eq + 1) : '';
    })
        // A blank value masks nothing (the runner warns about an empty add-mask).
        .filter((value) => value.trim().length > 0);
    return { entries, secrets };
}
function readInputs(env = process.env) {
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    const container = inputs_text('container');
    if (!container)
        throw new errors/* InputError */.dz('container', 'is required: give a service key, container name or ID');
    const commandText = raw('command');
    const script = raw('run');
    const hasCommand = commandText.trim() !== '';
    const hasScript = script.trim() !== '';
    if (hasCommand && hasScript)
        throw new errors/* InputError */.dz('run', 'command and run were both given: give exactly one');
    if (!hasCommand && !hasScript)
        throw new errors/* InputError */.dz('command', 'no command given: set command (one command line) or run (a script)');
    let command;
    if (hasCommand) {
        try {
            command = parseCommand(commandText);
        }
        catch (error) {
            if (error instanceof errors/* ActionError */.lZ)
                throw new errors/* InputError */.dz('command', error.message);
            throw error;
        }
    }
    const stdinText = raw('stdin');
    const stdinFile = inputs_text('stdin-file');
    if (stdinText && stdinFile)
        throw new errors/* InputError */.dz('stdin-file', 'stdin and stdin-file were both given: give at most one');
    let stdin;
    if (stdinFile) {
        const file = workspacePath('stdin-file', stdinFile, workspace);
        stdin = { kind: 'file', path: file, size: (0,external_node_fs_.statSync)(file).size };
    }
    else if (stdinText) {
        stdin = { kind: 'text', text: stdinText };
    }
    const { entries, secrets } = readEnvironment(workspace, env);
    const engine = {
        dockerHost: inputs_text('docker-host'),
        tlsCa: inputs_text('tls-ca'),
        tlsCert: inputs_text('tls-cert'),
        tlsKey: inputs_text('tls-key'),
    };
    for (const pem of [engine.tlsCa, engine.tlsCert, engine.tlsKey])
        if (pem)
            secrets.push(pem);
    const tty = inputs_boolean('tty', false);
    const detach = inputs_boolean('detach', false);
    if (detach && stdin)
        throw new errors/* InputError */.dz('detach', 'a detached command cannot be given stdin or stdin-file');
    // With a TTY the engine closes the output when the input ends (moby's attach code), so
    // everything the command prints would be lost; docker exec -t refuses piped input too.
    if (tty && stdin)
        throw new errors/* InputError */.dz('tty', 'a TTY cannot be combined with stdin or stdin-file: the engine ends the output when the input ends, so the output would be lost');
    const timeout = inputs_text('timeout');
    const copyOut = (0,copy/* parseCopyOut */.b)(raw('copy-out'), workspace);
    if (detach && copyOut.length) {
        throw new errors/* InputError */.dz('copy-out', 'cannot be used with detach: a detached command has not ended when the step ends, so there is nothing to copy yet');
    }
    const kubePod = inputs_text('kube-pod');
    const backend = chooseBackend(inputs_text('engine'), kubePod, env);
    const inputs = {
        container,
        command,
        script: hasScript ? script : undefined,
        shell: inputs_text('shell') ?? 'sh',
        env: entries,
        secrets,
        user: inputs_text('user'),
        workdir: inputs_text('workdir'),
        privileged: inputs_boolean('privileged', false),
        stdin,
        tty,
        detach,
        failOnError: inputs_boolean('fail-on-error', true),
        job: parseJob(inputs_text('job')),
        wait: oneOf('wait', ['none', 'running', 'healthy'], 'running'),
        waitTimeoutMs: (0,duration/* parseDuration */.E)(inputs_text('wait-timeout') ?? '60s', 'wait-timeout'),
        retries: count('retries', 0),
        retryDelayMs: (0,duration/* parseDuration */.E)(inputs_text('retry-delay') ?? '2s', 'retry-delay'),
        timeoutMs: timeout ? (0,duration/* parseDuration */.E)(timeout, 'timeout') : undefined,
        workflowCommands: inputs_boolean('workflow-commands', false),
        summary: inputs_boolean('summary', true),
        engine,
        backend,
        kube: { namespace: inputs_text('kube-namespace'), pod: kubePod },
        workspace,
        compose: composeInputs(env),
        logsOnFailure: count('logs-on-failure', 50),
        copyIn: (0,copy/* parseCopyIn */.Gz)(raw('copy-in'), workspace),
        copyOut,
    };
    return inputs;
}
/** compose-project (else COMPOSE_PROJECT_NAME, as `docker compose` reads it) and compose-index. */
function composeInputs(env) {
    const given = inputs_text('compose-project');
    const project = given
        ? { name: given, from: 'the compose-project input' }
        : env.COMPOSE_PROJECT_NAME
            ? { name: env.COMPOSE_PROJECT_NAME, from: 'COMPOSE_PROJECT_NAME' }
            : undefined;
    const index = count('compose-index', 1);
    if (index < 1)
        throw new errors/* InputError */.dz('compose-index', 'replicas are numbered from 1: give 1 or more');
    return { project, index };
}

// EXTERNAL MODULE: ./src/report/guard.ts
var report_guard = __nccwpck_require__(311);
;// CONCATENATED MODULE: ./src/report/header.ts
// The collapsed header group: which engine, which container (and how it was found), as whom,
// where, what command and which variables (names only), before the command runs.


/** The command as the header and the summary show it; a script as its size only. */
function describeCommand(inputs, plan) {
    if (!inputs.script)
        return displayCommand(plan.cmd);
    const lines = inputs.script.replace(/\n$/, '').split('\n').length;
    const shell = displayCommand(plan.file ? plan.cmd : plan.cmd.slice(0, -1));
    return `${shell} <script: ${lines} line(s), ${Buffer.byteLength(inputs.script)} bytes>`;
}
function headerLines(target, inputs, command) {
    return [
        `Engine:    ${target.engine}`,
        `Container: ${target.container}`,
        ...runLines(inputs, command, target.imageUser, target.imageWorkdir),
    ];
}
/** The header's lines about the command itself, on any back end. */
function runLines(inputs, command, imageUser, imageWorkdir) {
    const names = envNames(inputs.env);
    return [
        `User:      ${inputs.user ?? (imageUser || "the container's (root)")}`,
        `Workdir:   ${inputs.workdir ?? (imageWorkdir || "the container's (/)")}`,
        `Command:   ${command}`,
        `Env:       ${names.length ? names.join(', ') : '(none added)'}`,
        ...(inputs.stdin
            ? [
                `Stdin:     ${inputs.stdin.kind === 'file' ? `${inputs.stdin.path} (${inputs.stdin.size} bytes)` : `text (${Buffer.byteLength(inputs.stdin.text)} bytes)`}`,
            ]
            : []),
        ...(inputs.tty ? ['TTY:       yes (stderr merged into stdout)'] : []),
    ];
}

;// CONCATENATED MODULE: ./src/report/result.ts
// How the run ended, told to the workflow: the step's outputs, a warning when an output was
// cut, and on failure one error annotation with the last lines of output (or, with
// fail-on-error false, a warning) and a failed step.

/** Each of the stdout and stderr outputs keeps at most this much (the end). */
const OUTPUT_LIMIT = 256 * 1024;
/** The runner keeps the first 4096 characters of an annotation; stay under, with room for masks. */
const ANNOTATION_LIMIT = 4000;
/** The end of `text` in at most `max` characters, '…' marking a cut. */
function keepEnd(text, max) {
    if (text.length <= max)
        return text;
    let kept = text.slice(text.length - max + 1);
    if (/^[\udc00-\udfff]/.test(kept))
        kept = kept.slice(1);
    return `…${kept}`;
}
/**
 * Sets the outputs and reports a failure; returns the result in words (for the summary) and
 * whether the step fails.
 */
function reportResult(result, containerName, failOnError, copiedOut) {
    const reported = reportCommand(result, containerName, failOnError);
    if (copiedOut && 'bytes' in copiedOut)
        core/* setOutput */.uH('copied-out', String(copiedOut.bytes));
    if (!copiedOut || !('failure' in copiedOut))
        return reported;
    // A copy-out that failed fails the step too, in an annotation of its own.
    core/* error */.z3(copiedOut.failure);
    process.exitCode = 1;
    return { text: reported.stepFails ? reported.text : copiedOut.failure, stepFails: true };
}
function reportCommand(result, containerName, failOnError) {
    const { outcome, tails } = result;
    const exitCode = outcome.exitCode;
    if (exitCode !== undefined)
        core/* setOutput */.uH('exit-code', String(exitCode));
    core/* setOutput */.uH('attempts', String(result.attempts));
    for (const [name, tail] of [
        ['stdout', tails.stdout],
        ['stderr', tails.stderr],
    ]) {
        if (tail.cut)
            core/* warning */.$e(`the ${name} output keeps only the last ${OUTPUT_LIMIT / 1024} KiB of ${tail.total} bytes`);
        // Trailing newlines are dropped, as shell command substitution does.
        core/* setOutput */.uH(name, tail.text().replace(/\n+$/, ''));
    }
    const failure = result.failure ?? (exitCode !== 0 ? `command exited with code ${exitCode}` : undefined);
    if (!failure)
        return { text: 'succeeded', stepFails: false };
    const title = `${containerName}: ${exitCode === undefined ? 'exit status unknown' : `exit code ${exitCode}`}`;
    if (exitCode !== undefined && !result.timedOut && !result.cancelled && !outcome.problem && !failOnError) {
        core/* warning */.$e(`${failure} (fail-on-error is false)`, { title });
        return { text: failure, stepFails: false };
    }
    // One annotation: the failure and the last lines of stderr (stdout when stderr is empty),
    // so the cause shows on the run's page without opening the log.
    const from = tails.stderr.total ? 'stderr' : 'stdout';
    const head = `${failure}\n\nLast lines of ${from}:\n`;
    // The runner keeps the start of a long message: keep the tail's end within its limit.
    const tail = keepEnd((tails.stderr.total ? tails.stderr : tails.stdout).lastLines(20).join('\n'), ANNOTATION_LIMIT - head.length);
    core/* error */.z3(tail ? `${head}${tail}` : failure, { title });
    process.exitCode = 1;
    return { text: failure, stepFails: true };
}

;// CONCATENATED MODULE: ./src/report/service-log.ts
// The container's own log, shown when the step fails: the cause of a failed command is often
// there rather than in the command's output (a Postgres that refused the connection, ran out
// of shared memory, rejected a password). Shown behind the same guard as the command's
// output, since the service wrote it; a log that cannot be read is said in one line, and never
// fails anything of its own. The back end reads it (Docker: backends/docker/log.ts).


/** Prints the log of `name` in a collapsed group, behind the guard. */
async function showServiceLog(name, log, guard) {
    if ('unavailable' in log) {
        core/* info */.pq((0,report_guard/* inert */.tJ)(log.unavailable));
        return;
    }
    if (!log.lines.length) {
        core/* info */.pq((0,report_guard/* inert */.tJ)(`The log of ${name} is empty`));
        return;
    }
    core/* startGroup */.Oh(`Last ${log.lines.length} lines of the log of ${name}`);
    guard.open();
    process.stdout.write(log.lines.map((line) => `${line}\n`).join(''));
    guard.saw(Buffer.from('\n'));
    await guard.close();
    core/* endGroup */.N4();
}

;// CONCATENATED MODULE: ./src/report/summary.ts
// The step's section of the job summary.

/** The job summary section never grows past this (GitHub drops a step's summary over 1 MiB). */
const SUMMARY_LIMIT = 64 * 1024;
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
/** A command longer than this is not repeated in the summary (the log's header has it). */
const SUMMARY_COMMAND_LIMIT = 4 * 1024;
/** A fenced block that shows `text` byte for byte: its fence is longer than any run of backticks in it. */
function fenced(text) {
    const fence = '`'.repeat(Math.max(3, ...(text.match(/`+/g) ?? []).map((run) => run.length + 1)));
    return `${fence}\n${text}\n${fence}`;
}
function summaryMarkdown(facts, formatDuration) {
    const rows = [
        ['Container', facts.container],
        ['Result', facts.result],
        ['Exit code', facts.exitCode === undefined ? 'unknown' : String(facts.exitCode)],
        ['Duration', formatDuration(facts.durationMs)],
        ['Attempts', String(facts.attempts)],
    ];
    const table = rows
        .map(([k, v]) => `| ${k} | ${escapeHtml(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')} |`)
        .join('\n');
    // The command goes in a fenced block, as written: in the table it would need HTML and pipe
    // escapes, and a secret in it, so rewritten, would escape the runner's masks. A long one is
    // left out whole rather than cut (a cut could leave half a secret, which no mask matches).
    const commandBytes = Buffer.byteLength(facts.command);
    const command = commandBytes <= SUMMARY_COMMAND_LIMIT ? fenced(facts.command) : `(${commandBytes} bytes: see the step's log)`;
    const head = `### docker exec in ${escapeHtml(facts.container)}\n\n| | |\n|---|---|\n${table}\n\nCommand:\n\n${command}\n`;
    // The output's last lines and the container's log share what is left, half each.
    const blocks = [['Last lines of output', facts.tail]];
    if (facts.serviceLog?.length)
        blocks.push([`Last lines of the log of ${escapeHtml(facts.container)}`, facts.serviceLog]);
    const budget = Math.floor((SUMMARY_LIMIT - head.length) / blocks.length) - 200;
    // A fenced block shows the lines as printed, byte for byte: the runner masks secrets in the
    // summary file line by line, which HTML escaping (&lt; for <) would defeat.
    const details = blocks
        .map(([title, lines]) => {
        let text = lines.join('\n');
        if (Buffer.byteLength(text) > budget)
            text = Buffer.from(text).subarray(-budget).toString('utf8');
        return text ? `\n<details><summary>${title}</summary>\n\n${fenced(text)}\n\n</details>\n` : '';
    })
        .join('');
    return `${head}${details}\n`;
}
/** The facts of a run that ended, as the summary shows them. */
function runFacts(container, command, result, resultText, durationMs, serviceLog) {
    return {
        container,
        command,
        exitCode: result.outcome.exitCode,
        result: resultText,
        durationMs,
        attempts: result.attempts,
        tail: result.tails.last.lastLines(30),
        serviceLog: serviceLog && 'lines' in serviceLog ? serviceLog.lines : undefined,
    };
}
/**
 * Adds the section to the job summary. Without GITHUB_STEP_SUMMARY (@github/local-action, old
 * self-hosted runners) there is nowhere to write one: that is not worth a warning on every
 * step. A summary that cannot be written is a warning, never a failed step.
 */
async function writeSummary(facts, formatDuration) {
    if (!process.env.GITHUB_STEP_SUMMARY) {
        core/* debug */.Yz('No GITHUB_STEP_SUMMARY file: no job summary written');
        return;
    }
    try {
        await core/* summary */.z.addRaw(summaryMarkdown(facts, formatDuration)).write();
    }
    catch (error) {
        core/* warning */.$e(`could not write the job summary: ${error.message}`);
    }
}

;// CONCATENATED MODULE: ./src/step/attempts.ts
// The command's run as a whole: one attempt after another (retries), each with its timeout
// and a heartbeat for silent commands, and cancellation (the runner's SIGINT/SIGTERM), which
// stops the command in the container rather than leaving it behind.







/** A silent command gets a "still running" line this often (tests shorten it). */
const HEARTBEAT_MS = Number(process.env.DOCKER_EXEC_ACTION_HEARTBEAT_MS) || 5 * 60_000;
/**
 * What can stop a run from outside the attempt: cancellation by the runner's signals, and the
 * one stop of the running command that a timeout or a cancellation asks for, whoever asks
 * first.
 */
class RunControl {
    cancelled;
    /** Aborted on cancellation: ends a wait for the container. */
    waitAbort = new AbortController();
    /** How the command runs (set once the container is found): to stop it. */
    runner;
    /** The back end's connection: closed when the run is over (an SSH connection would keep the process alive). */
    connection;
    current;
    stopping;
    onSignal = (signal) => this.cancel(signal);
    /** Cancels the run (the runner's SIGINT or SIGTERM): ends a wait, stops the running command. */
    cancel(signal) {
        if (this.cancelled)
            return;
        this.cancelled = `cancelled (${signal})`;
        this.waitAbort.abort();
        void this.stopCurrent();
    }
    listen() {
        process.on('SIGINT', this.onSignal);
        process.on('SIGTERM', this.onSignal);
    }
    /** The run is over: no more signals to handle, no connection to keep open. */
    dispose() {
        process.off('SIGINT', this.onSignal);
        process.off('SIGTERM', this.onSignal);
        this.connection?.close();
    }
    /** Stops the running command (timeout or cancellation) once, whoever asks first. */
    stopCurrent() {
        const { current, runner } = this;
        if (!current || !runner)
            return Promise.resolve('no command was running');
        this.stopping ??= runner
            .stop(current.execId, current.marker)
            .catch((error) => `could not stop the command: ${error.message}`);
        return this.stopping;
    }
    started(current) {
        this.current = current;
        this.stopping = undefined;
    }
    /** The attempt is over: what stopping it said, if it was stopped. */
    async ended() {
        const said = this.stopping ? await this.stopping : undefined;
        this.current = undefined;
        return said;
    }
}
async function attemptOnce(run, tails) {
    const { runner, spec, inputs, control, guard } = run;
    const { id: execId, marker } = await runner.create(spec);
    control.started({ execId, marker });
    let timedOut;
    let lastOutput = Date.now();
    const started = Date.now();
    const timer = inputs.timeoutMs
        ? setTimeout(() => {
            timedOut = `timed out after ${(0,duration/* formatDuration */.a)(inputs.timeoutMs ?? 0)}`;
            void control.stopCurrent();
        }, inputs.timeoutMs)
        : undefined;
    const heartbeat = setInterval(() => {
        if (Date.now() - lastOutput >= HEARTBEAT_MS) {
            lastOutput = Date.now();
            process.stdout.write(`${guard.midLine ? '\n' : ''}still running (${(0,duration/* formatDuration */.a)(Date.now() - started)})\n`);
            guard.saw(Buffer.from('\n'));
        }
    }, Math.min(HEARTBEAT_MS, 60_000));
    try {
        guard.open();
        const targets = {
            stdout: process.stdout,
            stderr: guard.stderrTarget,
            observe: (stream, payload) => {
                lastOutput = Date.now();
                guard.saw(payload, stream === output/* STDOUT */.UU || guard.enabled);
                (stream === output/* STDOUT */.UU ? tails.stdout : tails.stderr).write(payload);
                tails.last.write(payload);
            },
        };
        const outcome = await runner.attach(execId, spec, targets);
        return { outcome, timedOut };
    }
    finally {
        clearTimeout(timer);
        clearInterval(heartbeat);
        await guard.close();
        const stopped = await control.ended();
        if (stopped)
            core/* info */.pq(`Stopping the command: ${(0,report_guard/* inert */.tJ)(stopped)}`);
    }
}
/** Runs the command, again after a non-zero exit while retries are left. */
async function runAttempts(run) {
    const { inputs, control } = run;
    const tails = {
        stdout: new TailBuffer(OUTPUT_LIMIT),
        stderr: new TailBuffer(OUTPUT_LIMIT),
        last: new TailBuffer(16 * 1024),
    };
    const maxAttempts = inputs.retries + 1;
    let attempt = 0;
    for (;;) {
        attempt++;
        if (maxAttempts > 1)
            core/* info */.pq(`Attempt ${attempt} of ${maxAttempts}`);
        const execStarted = Date.now();
        const { outcome, timedOut } = await attemptOnce(run, tails);
        core/* setOutput */.uH('exec-id', outcome.execId);
        const took = (0,duration/* formatDuration */.a)(Date.now() - execStarted);
        let failure;
        if (control.cancelled)
            failure = `${control.cancelled}: the command was stopped`;
        else if (timedOut)
            failure = `${timedOut}: the command was stopped`;
        else if (outcome.problem)
            failure = outcome.problem;
        const result = { outcome, attempts: attempt, failure, timedOut, cancelled: control.cancelled, tails };
        if (failure || outcome.exitCode === 0 || attempt >= maxAttempts) {
            core/* info */.pq(`Exit code ${outcome.exitCode ?? 'unknown'} after ${took}`);
            return result;
        }
        core/* info */.pq(`Exit code ${outcome.exitCode} after ${took}; trying again in ${(0,duration/* formatDuration */.a)(inputs.retryDelayMs)}`);
        await (0,promises_.setTimeout)(inputs.retryDelayMs);
        if (control.cancelled)
            return { ...result, failure: `${control.cancelled} between attempts`, cancelled: control.cancelled };
    }
}

;// CONCATENATED MODULE: ./src/step/capabilities.ts
// Inputs that need something a back end may lack, refused before anything runs: one line
// naming the input, decided here for every back end.

/** Each input that needs a capability, and whether the workflow gave it; in the order they are checked. */
const NEEDS = [
    { input: 'user', needs: 'user', given: (i) => i.user !== undefined },
    { input: 'privileged', needs: 'privileged', given: (i) => i.privileged },
    { input: 'detach', needs: 'detach', given: (i) => i.detach },
    { input: 'copy-in', needs: 'copy', given: (i) => i.copyIn.length > 0 },
    { input: 'copy-out', needs: 'copy', given: (i) => i.copyOut.length > 0 },
    { input: 'docker-host', needs: 'docker-engine', given: (i) => !!i.engine.dockerHost },
    { input: 'tls-ca', needs: 'docker-engine', given: (i) => !!i.engine.tlsCa },
    { input: 'tls-cert', needs: 'docker-engine', given: (i) => !!i.engine.tlsCert },
    { input: 'tls-key', needs: 'docker-engine', given: (i) => !!i.engine.tlsKey },
];
/** Throws an InputError for the first input given that needs what the back end lacks. */
function refuseWhatIsLacking(inputs, lacks) {
    for (const { input, needs, given } of NEEDS) {
        const why = lacks[needs];
        if (why && given(inputs))
            throw new errors/* InputError */.dz(input, why);
    }
}

// EXTERNAL MODULE: ./src/random.ts
var random = __nccwpck_require__(436);
;// CONCATENATED MODULE: ./src/step/command.ts


function commandPlan(inputs) {
    if (inputs.command)
        return { cmd: inputs.command };
    const file = `/tmp/docker-exec-action-${(0,random/* randomHex */.n)(6)}`;
    return planScript(inputs.script ?? '', inputs.shell, file);
}
function execSpec(inputs, plan) {
    return {
        cmd: plan.cmd,
        env: inputs.env,
        user: inputs.user,
        workdir: inputs.workdir,
        privileged: inputs.privileged,
        tty: inputs.tty,
        stdin: inputs.stdin,
    };
}

;// CONCATENATED MODULE: ./src/step/run.ts
// The step, on any back end, in five parts: read the inputs, choose the back end (refusing
// what it cannot do), find the container ready, run the command, report. Every expected
// failure is an ActionError with a one-line message; one setFailed, here at the top.














const BACKENDS = {
    docker: {
        lacks: {},
        title: (container) => `docker exec in ${container}`,
        load: (inputs) => Promise.resolve(new DockerBackend(inputs)),
    },
    kubernetes: {
        lacks: KUBERNETES_LACKS,
        title: (container) => `exec in ${container} (Kubernetes)`,
        // A chunk of the bundle of its own (with the Kubernetes client and ws): Docker steps never load it.
        load: async (inputs) => new (await Promise.all(/* import() */[__nccwpck_require__.e(750), __nccwpck_require__.e(154)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2154))).KubernetesBackend(inputs),
    },
};
async function run() {
    const started = Date.now();
    const control = new RunControl();
    control.listen();
    let inGroup = false;
    // Closed again on any failure: the output is flushed and an open line ended before the error.
    let guard;
    let backend;
    let logsOnFailure = 0;
    // Set once found: the container-id output, at the end whatever happens.
    let containerId;
    /** Once the container was found, a failure shows the end of its own log (logs-on-failure). */
    const showLogOnFailure = async () => {
        const recent = logsOnFailure > 0 ? await backend?.recentLog?.(logsOnFailure) : undefined;
        if (recent && guard)
            await showServiceLog(recent.name, recent.log, guard);
        return recent?.log;
    };
    try {
        // 1. Inputs, and the masks, before anything else is printed.
        const inputs = readInputs();
        (0,report_guard/* registerSecrets */.dg)(inputs.secrets);
        const outputGuard = new report_guard/* OutputGuard */.jl(!inputs.workflowCommands);
        guard = outputGuard;
        // 2. The back end, once it is known to offer what the inputs ask for.
        const kind = BACKENDS[inputs.backend];
        refuseWhatIsLacking(inputs, kind.lacks);
        backend = await kind.load(inputs);
        control.connection = backend;
        // 3. The container, ready; the header says what will run where.
        core/* startGroup */.Oh(kind.title(inputs.container));
        inGroup = true;
        const plan = commandPlan(inputs);
        const spec = execSpec(inputs, plan);
        logsOnFailure = inputs.logsOnFailure;
        const target = await backend.findReady(spec, control.waitAbort.signal);
        const { facts } = target;
        control.runner = target.runner;
        const command = describeCommand(inputs, plan);
        for (const line of headerLines(facts, inputs, command))
            core/* info */.pq((0,report_guard/* inert */.tJ)(line));
        core/* endGroup */.N4();
        inGroup = false;
        containerId = facts.id;
        // 4. Files in, the command, files out (after it ended, however; not after cancellation).
        if (inputs.copyIn.length && target.copyIn)
            core/* setOutput */.uH('copied-in', String(await target.copyIn(inputs.copyIn, inputs.user)));
        if (plan.file)
            await target.placeFile(plan.file.path, plan.file.content);
        // A detached command reads its script after the step has ended: it stays in place.
        if (inputs.detach && target.detach) {
            const execId = await target.detach(spec);
            core/* setOutput */.uH('exec-id', execId);
            core/* setOutput */.uH('attempts', '1');
            core/* info */.pq(`Started detached: exec ${execId.slice(0, 12)}`);
            return;
        }
        let result;
        try {
            result = await runAttempts({ runner: target.runner, spec, inputs, control, guard: outputGuard });
        }
        finally {
            if (plan.file)
                await target.removeFile(plan.file.path);
        }
        const copied = inputs.copyOut.length && target.copyOut && !result.cancelled
            ? await target.copyOut(inputs.copyOut, inputs.workspace)
            : undefined;
        // 5. The report: outputs, a failure (and the container's log), the job summary.
        const { text, stepFails } = reportResult(result, facts.name, inputs.failOnError, copied);
        const serviceLog = stepFails ? await showLogOnFailure() : undefined;
        logsOnFailure = 0;
        if (inputs.summary) {
            const summary = runFacts(facts.name, command, result, text, Date.now() - started, serviceLog);
            await writeSummary(summary, duration/* formatDuration */.a);
        }
    }
    catch (error) {
        await guard?.close();
        if (inGroup)
            core/* endGroup */.N4();
        const message = error instanceof errors/* ActionError */.lZ ? error.message : `unexpected error: ${error?.message ?? String(error)}`;
        if (error instanceof Error && error.stack)
            core/* debug */.Yz(error.stack);
        core/* setFailed */.C1(message);
        await showLogOnFailure();
    }
    finally {
        if (containerId)
            core/* setOutput */.uH('container-id', containerId);
        control.dispose();
    }
}

;// CONCATENATED MODULE: ./src/main.ts
// The action's run (src/step/run.ts), under the name the Actions toolkit's local runner and
// the bundle's entry look for.


;// CONCATENATED MODULE: ./src/index.ts

// Deprecation warnings of dependencies that say nothing a workflow author can act on stay out
// of the log, each by its code: docker-modem calls url.parse() (DEP0169) and builds ssh: URLs
// Node warns about (DEP0170); on Kubernetes, tr46 (under the Kubernetes client's whatwg-url)
// requires Node's punycode module (DEP0040). Every other warning goes to Node's own
// listeners, printed as Node prints it.
const QUIET_DEPRECATIONS = new Set(['DEP0040', 'DEP0169', 'DEP0170']);
const nodeListeners = process.listeners('warning');
process.removeAllListeners('warning');
process.on('warning', (warning) => {
    if (warning.name === 'DeprecationWarning' && QUIET_DEPRECATIONS.has(warning.code ?? ''))
        return;
    for (const listener of nodeListeners)
        listener.call(process, warning);
});
void run();

