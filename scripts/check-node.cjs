// Stops `npm ci`, `npm start`, `npm test` and the CLI at once, with one German line, on a Node.js
// older than the project needs (better-sqlite3 13 and the backend's TypeScript need Node 24).
// CommonJS and plain syntax, so that it runs on any Node version.
'use strict';

const REQUIRED = 24;

function nodePackage() {
  const os = process.platform === 'win32' ? 'win' : process.platform;
  return 'node-' + os + '-' + process.arch + '@' + REQUIRED;
}

/** The one command that gets Node 24 from the npm registry, without admin rights. */
function installHint() {
  if (process.platform === 'win32') {
    return 'npm install --prefix "%USERPROFILE%\\.node24" ' + nodePackage() +
      ', dann "%USERPROFILE%\\.node24\\node_modules\\' + nodePackage().split('@')[0] + '\\bin" vorne in PATH setzen';
  }
  return 'npm install --prefix "$HOME/.node24" ' + nodePackage() +
    ' && export PATH="$HOME/.node24/node_modules/' + nodePackage().split('@')[0] + '/bin:$PATH"';
}

function message() {
  return 'Die Zusammenhalt-Werkbank braucht Node.js ' + REQUIRED + ' (gefunden: ' + process.versions.node + '). Node.js ' +
    REQUIRED + ' holen: ' + installHint();
}

function isSupported() {
  return Number(process.versions.node.split('.')[0]) >= REQUIRED;
}

/**
 * Under npm (preinstall), a failing script makes npm print five lines of its own error footer
 * after ours; ending npm with SIGINT instead keeps the one line (npm exits 130, so `&&` stops).
 */
function stopNpm() {
  if (process.platform === 'win32' || !process.env.npm_lifecycle_event) return;
  try {
    var cp = require('child_process');
    // npm runs the script through a shell: the shell is our parent, npm its parent.
    var npmPid = Number(cp.execFileSync('ps', ['-o', 'ppid=', '-p', String(process.ppid)]).toString().trim());
    if (npmPid > 1) process.kill(npmPid, 'SIGINT');
  } catch {
    // Falls back to npm's own footer.
  }
}

if (require.main === module) {
  if (!isSupported()) {
    process.stderr.write(message() + '\n');
    stopNpm();
    process.exit(1);
  }
}

module.exports = { isSupported: isSupported, message: message, REQUIRED: REQUIRED };
