// Moved to src/commands/actions.ts (nothing imports upward); kept so branches in flight still build.
export * from '../commands/actions.js';
