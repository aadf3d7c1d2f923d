import { windowStepCommand } from './window-step.js';

export const lastWindow = windowStepCommand('last-window', 'last', 'last', 'Show the window shown before this one');
