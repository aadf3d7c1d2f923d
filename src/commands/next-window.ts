import { windowStepCommand } from './window-step.js';

export const nextWindow = windowStepCommand('next-window', 'next', 'next', 'Show the next window');
