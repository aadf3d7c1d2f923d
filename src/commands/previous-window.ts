import { windowStepCommand } from './window-step.js';

export const previousWindow = windowStepCommand('previous-window', 'prev', 'previous', 'Show the previous window');
