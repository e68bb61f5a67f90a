/** Standard input as an input file (`-`): the CLI reads it, the use cases get the bytes. */
import { InputError } from '../errors.js';

/** `-` as an input: all of standard input (a terminal is refused: nothing would ever come). */
export async function readStdin(): Promise<Uint8Array> {
  if (process.stdin.isTTY) {
    throw new InputError(
      'usage',
      '-',
      '标准输入是终端：请用管道或重定向提供文件内容，例如 gkcheck parse - < 要点.txt',
      'Standard input is a terminal: pipe or redirect the file into it, e.g. gkcheck parse - < plan.txt',
    );
  }
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}
