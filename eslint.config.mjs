// @ts-check
import { builtinModules } from 'node:module'
import { createConfigForNuxt } from '@nuxt/eslint-config/flat'

// The runtime (what Nitro bundles into a shop's server and client) must run on every Nitro preset: Node, Bun,
// Deno, Cloudflare Workers, Vercel Edge. It uses Web APIs (crypto.subtle, crypto.getRandomValues, TextEncoder,
// atob/btoa) instead of Node built-ins, whether spelled `node:crypto` or bare `crypto`, `buffer`, `fs`…
const PORTABLE = 'src/runtime must run on every Nitro runtime: use Web APIs (crypto.subtle, crypto.getRandomValues, TextEncoder, atob/btoa) instead of Node built-ins.'
// The server's layers point one way: routes → utils (the public composition layer) → lib (the core, given its
// settings, client and store), and the simulator is an adapter that plugs itself in from its own Nitro plugin.
const LAYERS = {
  core: { regex: '(^|/)(utils|simulator)/', message: 'lib/ is the core: it is given its settings, client and handlers, and imports nothing from utils/ or the simulator.' },
  simulator: { regex: '(^|/)simulator/', message: 'Only the simulator\'s own plugin and routes know it exists: it plugs itself in as an adapter (lib/adapters.ts).' },
}

/**
 * `no-restricted-imports` for a part of the runtime: no Node built-ins, plus the layer patterns given.
 * @param {Array<{ regex: string, message: string }>} layers
 * @returns {import('eslint').Linter.RulesRecord} the rule, for a flat-config `rules` object
 */
const restrictedImports = (...layers) => ({
  'no-restricted-imports': ['error', {
    // Bare names (`crypto`, `buffer`, `fs`, `fs/promises`…) one by one, and every `node:` specifier by pattern.
    paths: builtinModules.filter(name => !name.startsWith('_')).map(name => ({ name, message: PORTABLE })),
    patterns: [{ regex: '^node:', message: PORTABLE }, ...layers],
  }],
})

/** @type {import('eslint').Linter.RulesRecord} */
const nodeBuiltins = {
  ...restrictedImports(),
  'no-restricted-syntax': ['error', {
    selector: 'ImportExpression[source.value=/^node:/]',
    message: PORTABLE,
  }, {
    selector: 'MemberExpression[object.name="process"][property.name="getBuiltinModule"]',
    message: PORTABLE,
  }],
  'no-restricted-globals': ['error', { name: 'Buffer', message: `${PORTABLE} Bytes are Uint8Array (see src/runtime/server/lib/bytes.ts).` }],
}

export default createConfigForNuxt({
  features: {
    // Rules for module authors
    tooling: true,
    // Rules for formatting
    stylistic: true,
  },
  dirs: {
    src: ['./playground', './test/fixtures/*', './bench/apps/*', './test/consumer/shop/app'],
  },
}).append({
  ignores: ['.data/**', 'bench/results/**'],
}, {
  files: ['src/runtime/**'],
  rules: nodeBuiltins,
}, {
  files: ['src/runtime/server/lib/**'],
  rules: restrictedImports(LAYERS.core),
}, {
  files: ['src/runtime/server/{api,utils,plugins,tasks,devtools}/**'],
  ignores: ['src/runtime/server/api/simulator/**', 'src/runtime/server/plugins/simulator.ts'],
  rules: restrictedImports(LAYERS.simulator),
}, {
  // The only Node built-ins the runtime keeps, each because a Node-only feature is the point:
  // the start-up check of the `fs` storage driver's directory (that driver only exists on Node).
  files: ['src/runtime/server/lib/storage-check.ts'],
  rules: { 'no-restricted-imports': 'off' },
})
