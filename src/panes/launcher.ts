// Every program tmx starts (pane shells, coprocesses) goes through this launcher, which
// closes inherited descriptors above 2 before exec. node-pty opens each pane's pty master
// without close-on-exec, so without it one pane's programs (or a coprocess) would hold
// other panes' masters: able to read their output and type into them.

/** bash is essential on Debian and closes descriptors of any number (dash only 0-9). */
const LAUNCHER_SHELL = '/bin/bash';
const CLOSE_AND_EXEC =
  'for f in /proc/$$/fd/*; do n=${f##*/}; if [ "$n" -gt 2 ]; then eval "exec $n>&-"; fi; done; exec "$@"';

/** The argv that runs `file args` with only descriptors 0-2 open; the pid stays the program's. */
export function cleanLaunch(file: string, args: string[]): { file: string; args: string[] } {
  return { file: LAUNCHER_SHELL, args: ['-c', CLOSE_AND_EXEC, 'tmx-launch', file, ...args] };
}
