// The typed backend: the commands generated from the core's one declaration
// (core/src/api/commands.rs → commands.ts), grouped by domain as the core declares them.
// Screens use `useBackend()`; component tests provide a fake with the same shape.
import { inject, type InjectionKey } from 'vue'
import { commands } from './commands'

export const backend = commands

export type Backend = typeof backend

export const backendKey: InjectionKey<Backend> = Symbol('backend')

export function useBackend(): Backend {
  return inject(backendKey, backend)
}
