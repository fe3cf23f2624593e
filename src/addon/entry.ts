/**
 * The bundle's public surface: esbuild exposes this module as the global `Mapspec`, and the
 * generated top-level functions of build/Code.js forward to `Mapspec.<group>.<name>.run(...)`.
 */
export { triggers, menu, api } from './registry';
