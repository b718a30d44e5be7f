#!/usr/bin/env node
// The npm bin: the compiled CLI (npm run build writes lib/ and dist/).
import '../lib/cli/index.js';
