/**
 * What the terminal gets: colours, and a progress bar for batches of files.
 *
 * Colours: off when NO_COLOR is set (https://no-color.org), whatever else is set; otherwise
 * chalk decides for stdout (on for a terminal, off when piped, TERM=dumb off, FORCE_COLOR
 * forces them on or off). Every coloured renderer gets its yes/no from `colorEnabled()`.
 *
 * Progress: only when stderr is a terminal and not --quiet; the bar is redrawn in place on
 * stderr and cleared before any message and at the end, so the output never mixes with it.
 */
import { supportsColor } from 'chalk';
import { t, type Text } from '../i18n/index.js';
import type { Writer } from './io.js';

export function colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR) return false;
  return supportsColor !== false && supportsColor.level > 0;
}

/** A progress bar is worth drawing: stderr is a terminal and the user did not ask for quiet. */
export function progressEnabled(quiet: boolean | undefined): boolean {
  return !quiet && Boolean(process.stderr.isTTY);
}

/** (files done, total, file being worked on) — the shape a batch runner can report in. */
export type OnProgress = (done: number, total: number, file: string) => void;

export interface Progress {
  /** `done` of `total` finished; `label` is what comes next (a file name). */
  step(done: number, label?: string): void;
  /** Clear the bar (it is drawn again by the next step). */
  clear(): void;
  /** Clear the bar for good. */
  end(): void;
  /** For a batch runner (src/batch): call as each file starts or finishes. */
  onProgress: OnProgress;
  /** Writes to stderr through here clear the bar first, so messages never run into it. */
  writer: Writer;
}

export const PARSING: Text = { zh: '解析', en: 'parsing' };
export const CHECKING: Text = { zh: '检查', en: 'checking' };

/** A one-line bar on stderr, `解析 parsing [████░░░░] 3/5 qixia-2022.pdf`; silent unless enabled and total ≥ 2. */
export function progressBar(w: Writer, enabled: boolean, total: number, what: Text = PARSING): Progress {
  let shown = false;
  const on = enabled && total >= 2;
  const width = 20;
  const clear = (): void => {
    if (shown) w.err('\r\x1b[K');
    shown = false;
  };
  const step = (done: number, label = ''): void => {
    if (!on) return;
    const filled = Math.round((Math.min(done, total) / total) * width);
    w.err(`\r\x1b[K${t(what, ' ')} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${label}`.trimEnd());
    shown = true;
  };
  return {
    step,
    clear,
    end: clear,
    onProgress: (done, _total, file) => step(done, file),
    writer: {
      out: (s) => w.out(s),
      err: (s) => {
        clear();
        w.err(s);
      },
    },
  };
}
