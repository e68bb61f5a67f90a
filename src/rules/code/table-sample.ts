/** A task table for the cases of the task-table rules (rows as `|` lines after the body). */
import { BODY_LINE, SAMPLE_BODY } from './define.js';

export const TABLE_HEAD = ['附件：2022年栖霞市政务公开重点工作任务分解表', '|序号|工作任务|具体要求|责任单位|完成时限|'];
/** Line of the first data row in sampleNotice({ annex: [...TABLE_HEAD, row] }). */
export const TABLE_LINE = BODY_LINE + SAMPLE_BODY.length + TABLE_HEAD.length;
