#!/usr/bin/env node
// The npm bin: the bundled CLI (dist/cli, with onnxruntime's bindings in dist/bin), so an
// installed model-gate has no dependencies to fetch and no install scripts to run.
import '../dist/cli/index.js';
