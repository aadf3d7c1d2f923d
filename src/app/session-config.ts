// The rc file in a session: reload-config and source-file load it (for every session when a
// server runs), a loaded one replaces the options, keys and triggers, and its problems are shown.
import type { Action } from '../commands/actions.js';
import type { LoadedConfig } from '../config/validate.js';
import type { AppConfig, AppPorts } from './app-types.js';

/** The rc-problems overlay's first line: it comes up unasked, so typing must not be lost. */
const CONFIG_PROBLEMS_KEYS_NOTE = 'q or Escape closes this; other keys close it and go on to the pane.';

/** reload-config, source-file: the file loaded, then taken by the server's sessions (or by `apply`). */
export function loadConfigFile(
  action: Extract<Action, { type: 'source-file' | 'reload-config' }>,
  ports: AppPorts,
  config: AppConfig,
  apply: (loaded: LoadedConfig, path: string | undefined) => void,
  showMessage: (text: string) => void,
): void {
  const load = ports.loadConfig;
  if (!load) return showMessage(`${action.type}: no rc file loader in this session`);
  const path = action.type === 'source-file' ? action.path : config.explicitConfig;
  load(path).then(
    // The server's rc file is every session's: each takes it (and sessions made later).
    (loaded) => (ports.host ? ports.host.configLoaded(loaded, path) : apply(loaded, path)),
    (error: Error) => showMessage(`${action.type}: ${error.message}`),
  );
}

/** `config` with a loaded rc file's options, keys and triggers in it. */
export function withLoadedConfig(config: AppConfig, loaded: LoadedConfig, explicitConfig: string | undefined): AppConfig {
  return {
    ...config,
    options: loaded.options,
    bindings: loaded.bindings,
    prefix: loaded.prefix,
    triggers: loaded.triggers,
    file: loaded.file,
    problems: loaded.problems,
    explicitConfig,
  };
}

/** The overlay that shows the rc file's problems, if it has any. */
export function configProblemsOverlay(config: AppConfig): { title: string; lines: string[] } | undefined {
  const problems = config.problems ?? [];
  if (problems.length === 0) return undefined;
  const lines = [CONFIG_PROBLEMS_KEYS_NOTE, '', ...problems.flatMap((p) => p.split('\n'))];
  return { title: 'Problems in the rc file (tmx uses defaults for what is broken)', lines };
}
