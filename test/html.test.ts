/**
 * HTML input (issue 12 item 1): the five notices as saved government article pages
 * (fixtures/web, fixtures/web-gbk: scripts/fixtures/make-html.mjs), their copied text
 * (fixtures/web-copied), and the ways a page announces itself.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Section, TaskRow } from '../src/model.js';
import { parseFile } from '../src/parse.js';
import { ingestBuffer, ingestFile } from '../src/ingest/index.js';
import { sniff } from '../src/ingest/sniff.js';
import { decodeHtml } from '../src/ingest/html-decode.js';
import { Ajv } from 'ajv';

const NAMES = ['qixia-2022', 'huaiyin-2022', 'zhaoyuan-2021', 'mudan-2022', 'huating-2022'];
const flat = (ss: Section[]): Section[] => ss.flatMap((s) => [s, ...flat(s.children)]);
const key = (s: Section) => `${s.path} ${s.label} ${s.title} | ${s.lead.join('、')} | ${s.responsible.join('、')} | ${s.deadlines.map((d) => d.value).join(',')}`;

describe('a saved government article page', () => {
  it.each(NAMES)('web/%s.html (UTF-8) and web-gbk (GBK) give the sections, units and deadlines of the text', async (name) => {
    const [typed, utf8, gbk] = await Promise.all([parseFile(`fixtures/${name}.txt`), parseFile(`fixtures/web/${name}.html`), parseFile(`fixtures/web-gbk/${name}.html`)]);
    expect(utf8.source.format).toBe('html');
    expect(utf8.source.encoding).toBe('utf-8');
    expect(gbk.source.encoding).toBe('gb18030');
    expect(flat(utf8.sections).map(key)).toEqual(flat(typed.sections).map(key));
    expect(flat(gbk.sections).map(key)).toEqual(flat(typed.sections).map(key));
    expect(utf8.meta.title).toBe(typed.meta.title);
  });

  it('page chrome is left out: nav, breadcrumb, search, scripts, tabs, 相关链接, footer', async () => {
    const st = await ingestFile('fixtures/web/qixia-2022.html');
    const text = st.lines.map((l) => l.text).join('\n');
    for (const chrome of ['当前位置', '搜索', '办事服务', '相关链接', '主办单位', '版权所有', '全真版', '文字版', '打印本页', '一、不是正文', '2021年政务公开工作要点', '浏览次数', '索引号']) {
      expect(text, chrome).not.toContain(chrome);
    }
    // the article as printed, from its 版头 (its own title repeats the page's <h1>, so that is not added)
    expect(st.lines[0].text).toBe('栖霞市人民政府办公室文件');
    expect(text).toContain('栖政办发〔2022〕10');
  });

  it('reads the 信息公开 box and the 附件 links into meta.page', async () => {
    const n = await parseFile('fixtures/web/zhaoyuan-2021.html');
    expect(n.meta.page).toMatchObject({
      publisher: '招远市人民政府办公室',
      docNumber: '招政办发〔2021〕5号',
      signedDate: '2021年5月25日',
      publishedDate: '2022-04-02',
    });
    expect(n.meta.page?.indexNumber).toMatch(/^\w+\/2022-\d+$/);
    expect(n.meta.page?.attachments).toEqual([{ name: '招远市2021年政务公开工作要点.pdf', url: '/attach/2022/zhaoyuan-2021.pdf' }]);
  });

  it('the parse output of a page (meta.page included) matches schema/notice.schema.json', async () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validate = ajv.compile(JSON.parse(readFileSync('schema/notice.schema.json', 'utf8')));
    const n = JSON.parse(JSON.stringify(await parseFile('fixtures/web/huaiyin-2022.html')));
    expect(validate(n), JSON.stringify(validate.errors)).toBe(true);
    n.meta.page.attachments = [{ name: 1 }];
    expect(validate(n)).toBe(false);
  });

  it('the box fills the metadata the article itself does not print', async () => {
    const n = await parseFile('fixtures/web/qixia-2022.attachment-only.html');
    expect(n.sections).toEqual([]);
    expect(n.meta).toMatchObject({ docNumber: '栖政办发〔2022〕10号', signedDate: '2022-06-14', issuer: '栖霞市人民政府办公室' });
  });

  it('the 任务分解表 <table> keeps rowspan/colspan, &nbsp;-only cells are empty, units split over <span>s are whole', async () => {
    const st = await ingestFile('fixtures/web/huaiyin-2022.html');
    const want = JSON.parse(readFileSync('fixtures/huaiyin-2022.table.json', 'utf8'));
    expect(st.tables).toHaveLength(1);
    // HTML collapses the blanks at the end of a cell (row 23 of the notice ends in two spaces)
    const trimmed = want.map((r: Array<{ text: string }>) => r.map((c) => ({ ...c, text: c.text.trim() })));
    expect(st.tables[0].rows).toEqual(trimmed);
    const n = await parseFile('fixtures/web/huaiyin-2022.html');
    expect(n.tasks).toHaveLength(67);
    expect(n.tasks[0].responsible).toContain('区发展改革局');
  });

  it('the page’s copied text parses like the notice', async () => {
    for (const name of NAMES) {
      const [typed, copied] = await Promise.all([parseFile(`fixtures/${name}.txt`), parseFile(`fixtures/web-copied/${name}.txt`)]);
      expect(flat(copied.sections).map(key), name).toEqual(flat(typed.sections).map(key));
    }
  });

  it('the copied 任务分解表 (tab-separated, merged cells left out of their rows) reads like the typed one', async () => {
    const [typed, copied] = await Promise.all([parseFile('fixtures/huaiyin-2022.txt'), parseFile('fixtures/web-copied/huaiyin-2022.txt')]);
    const row = (t: TaskRow) => ({ seq: t.seq, chapter: t.chapter, task: t.task, lead: t.lead, responsible: t.responsible, deadlines: t.deadlines.map((d) => d.value) });
    expect(copied.tasks).toHaveLength(67);
    expect(copied.tasks.map(row)).toEqual(typed.tasks.map(row));
    // row 5 prints only its 序号 and requirement: task, units and time limit are the cells above
    expect(copied.tasks[4]).toMatchObject({ task: '紧扣重大战略实施加强信息公开', responsible: ['区政府有关部门', '各街道办事处'], deadlineText: '全年' });
    // a lone task cell is the inner one (row 50), which is no ambiguity to report
    expect(copied.tasks[49]).toMatchObject({ chapter: '聚焦平台建设，畅通信息公开渠道', task: '加强政务信息管理，实施规范引领' });
    expect(copied.messages.filter((m) => m.ruleId === 'table-cells-ambiguous')).toEqual([]);
    // the page lists its 附件 link after the 抄送 line; the 附注 stands under the page's heading
    expect(copied.meta.cc.at(-1)).toBe('区检察院');
    expect(copied.meta.publicity).toBe('此件公开发布');
  });
});

describe('recognising a page and its charset', () => {
  const page = readFileSync('fixtures/web/zhaoyuan-2021.html', 'utf8');
  const enc = (s: string) => new TextEncoder().encode(s);
  const body = page.slice(page.indexOf('<body>'));

  it('from its content: doctype, a leading CMS comment, a BOM, <?xml, or a doctype-less fragment', () => {
    expect(sniff(enc(page)).format).toBe('html'); // starts with a template comment
    expect(sniff(enc('\ufeff' + page)).format).toBe('html');
    expect(sniff(enc('<?xml version="1.0" encoding="utf-8"?>\n' + page.slice(page.indexOf('<html')))).format).toBe('html');
    expect(sniff(enc(body.replace('<body>', '<div>'))).format).toBe('html');
    // a text that talks about markup is not a page
    expect(sniff(enc('政务公开工作要点\n一、在<p>标签中写正文\n')).format).toBe('txt');
    expect(sniff(enc('<!-- 注释 -->\n政务公开工作要点')).format).toBe('txt');
  });

  it('charset from the BOM, the <meta>, or sniffing; a wrong declaration is noticed', () => {
    const gbk = readFileSync('fixtures/web-gbk/zhaoyuan-2021.html');
    expect(decodeHtml(gbk)).toMatchObject({ encoding: 'gb18030' });
    expect(decodeHtml(gbk).text).toContain('招远市人民政府办公室');
    // GBK bytes that still say charset=utf-8 (a page re-saved by an editor)
    const lying = Buffer.from(gbk.toString('latin1').replace('charset=gbk', 'charset=utf-8'), 'latin1');
    expect(decodeHtml(lying)).toMatchObject({ encoding: 'gb18030', mismatch: 'utf-8' });
    // no declaration at all
    const bare = Buffer.from(gbk.toString('latin1').replace(/<meta http-equiv[^>]*>/, ''), 'latin1');
    expect(decodeHtml(bare).encoding).toBe('gb18030');
    expect(decodeHtml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(page)])).encoding).toBe('utf-8-bom');
  });

  it('a page with no article text is a clear bilingual error', async () => {
    const e = await ingestBuffer(enc('<!DOCTYPE html><html><body><div class="nav"><a href="/">首页</a></div><img src="x.png"></body></html>'), 'empty.html').catch((x) => x);
    expect(e.code).toBe('empty-file');
    expect(e.zh).toContain('网页');
    expect(e.file).toBe('empty.html');
  });
});
