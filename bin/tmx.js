#!/usr/bin/env -S node --max-semi-space-size=1
// --max-semi-space-size=1: V8's young generation capped at 1 MiB a half. By default it grows
// to 16 MiB a half during a flood and never gives the memory back: 21 MiB of tmx's 133 MiB
// with 4 panes of 10,000 lines (bench/README.md, "Memory"). It costs no measurable speed.
import '../dist/cli.js';
