// Loaded with `node --import` before bin/gkcheck.js by the bad-input catalogue: at exit it writes
// the process's peak RSS (KB; worker threads included) to $GK_RSS_OUT.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  if (process.env.GK_RSS_OUT) writeFileSync(process.env.GK_RSS_OUT, String(process.resourceUsage().maxRSS));
});
