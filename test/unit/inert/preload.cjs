/*
 * Preloaded (`node -r preload.cjs dist/server.js|cli.js`) by the inertness tests (DESIGN §2.4: no child process, no
 * network, no read outside the workspace folders). It replaces every way to start a process or open a connection with
 * a function that records the attempt and throws, and wraps every file-system entry point to record the paths used.
 *
 * Everything recorded goes to the JSON file named by CGO_LENS_INERT_LOG: immediately for a spawn or a connection
 * attempt (the marker the tests look for), at exit for the file accesses.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const LOG = process.env.CGO_LENS_INERT_LOG;
if (!LOG) throw new Error('preload.cjs: CGO_LENS_INERT_LOG is not set');

const original = {
  writeFileSync: fs.writeFileSync,
  realpathNative: fs.realpathSync.native,
};
const record = { spawns: [], network: [], reads: [], meta: [] };
const seen = new Set();

function flush() {
  try {
    original.writeFileSync.call(fs, LOG, JSON.stringify(record));
  } catch {
    // nothing else to do
  }
}
process.on('exit', flush);

function where() {
  return (new Error().stack || '').split('\n').slice(3, 8).map((l) => l.trim()).join(' | ');
}

// ---- processes --------------------------------------------------------------------------------------------------
const childProcess = require('node:child_process');
for (const name of ['spawn', 'exec', 'execFile', 'fork', 'spawnSync', 'execSync', 'execFileSync']) {
  childProcess[name] = function forbiddenSpawn(cmd) {
    record.spawns.push({ fn: name, cmd: String(cmd), stack: where() });
    flush();
    throw new Error(`inert: child_process.${name} is forbidden`);
  };
}

// ---- network ----------------------------------------------------------------------------------------------------
function forbidNet(label, obj, name) {
  obj[name] = function forbiddenNet() {
    record.network.push({ fn: label, args: Array.prototype.slice.call(arguments, 0, 2).map((a) => { try { return JSON.stringify(a); } catch { return String(a); } }), stack: where() });
    flush();
    throw new Error(`inert: ${label} is forbidden`);
  };
}
const net = require('node:net');
forbidNet('net.connect', net, 'connect');
forbidNet('net.createConnection', net, 'createConnection');
forbidNet('net.Socket#connect', net.Socket.prototype, 'connect');
forbidNet('tls.connect', require('node:tls'), 'connect');
forbidNet('http.request', require('node:http'), 'request');
forbidNet('http.get', require('node:http'), 'get');
forbidNet('https.request', require('node:https'), 'request');
forbidNet('https.get', require('node:https'), 'get');
forbidNet('dgram.createSocket', require('node:dgram'), 'createSocket');
forbidNet('fetch', globalThis, 'fetch');

// ---- file system ------------------------------------------------------------------------------------------------
function toPath(p) {
  if (typeof p === 'string') return p;
  if (Buffer.isBuffer(p)) return p.toString();
  if (p instanceof URL && p.protocol === 'file:') return require('node:url').fileURLToPath(p);
  return undefined; // a file descriptor: its open was recorded
}

/** Content reads and directory listings: where the data really comes from (symlinks resolved). */
function noteRead(fn, p) {
  const given = toPath(p);
  if (given === undefined) return;
  const abs = path.resolve(given);
  let real = abs;
  try {
    real = original.realpathNative.call(fs, abs);
  } catch {
    // missing: the lexical path is what was asked for
  }
  const key = `r|${fn}|${abs}|${real}`;
  if (seen.has(key)) return;
  seen.add(key);
  record.reads.push({ fn, path: abs, real });
}

/** Metadata (stat, exists, realpath): the path as asked. */
function noteMeta(fn, p) {
  const given = toPath(p);
  if (given === undefined) return;
  const abs = path.resolve(given);
  const key = `m|${fn}|${abs}`;
  if (seen.has(key)) return;
  seen.add(key);
  record.meta.push({ fn, path: abs });
}

function wrap(obj, name, note, label) {
  const fn = obj[name];
  if (typeof fn !== 'function') return;
  const wrapped = function () {
    note(label, arguments[0]);
    return fn.apply(this, arguments);
  };
  for (const k of Object.keys(fn)) wrapped[k] = fn[k]; // realpathSync.native, promisify.custom …
  obj[name] = wrapped;
}

for (const name of ['readFileSync', 'openSync', 'readFile', 'open', 'createReadStream', 'readdirSync', 'readdir', 'opendirSync', 'opendir']) wrap(fs, name, noteRead, `fs.${name}`);
for (const name of ['statSync', 'lstatSync', 'stat', 'lstat', 'existsSync', 'exists', 'accessSync', 'access', 'realpathSync', 'realpath', 'readlinkSync', 'readlink']) wrap(fs, name, noteMeta, `fs.${name}`);
wrap(fs.realpathSync, 'native', noteMeta, 'fs.realpathSync.native');
for (const name of ['readFile', 'open', 'readdir', 'opendir']) wrap(fs.promises, name, noteRead, `fs.promises.${name}`);
for (const name of ['stat', 'lstat', 'access', 'realpath', 'readlink']) wrap(fs.promises, name, noteMeta, `fs.promises.${name}`);
