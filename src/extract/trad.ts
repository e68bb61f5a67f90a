/**
 * Traditional → simplified folding of the characters the grammars key on (role words 牽頭/
 * 負責/配合, unit endings 辦/廳/處/會, time words 個/內/週/屆滿…), one character for one, so
 * offsets stay valid. Plans are reposted in traditional characters (Taiwan and Hong Kong
 * mirrors, big5 gateways); names are still reported as printed — callers match on the folded
 * copy and slice the original.
 */
const PAIRS =
  '牽牵頭头負负責责單单門门協协辦办務务機机關关構构會会區区縣县鄉乡鎮镇廳厅處处級级總总統统請请應应須须據据對对為为後后達达現现規规範范發发佈布報报劃划導导組组領领與与參参歲岁當当屆届滿满結结東东幾几兩两萬万億亿號号' +
  '個个於于內内週周連连續续進进長长執执開开實实時时間间並并隊队館馆處处黨党財财稅税審审計计農农業业衛卫體体勞劳動动環环資资訊讯' +
  '貿贸護护僑侨聯联軍军學学電电視视臺台氣气象象檢检驗验監监獄狱證证擁拥權权網网頁页類类項项專专設设區区園园準准則则細细齊齐顯显' +
  '辦办類类務务為为舉举際际認认識识論论議议書书記记錄录談谈講讲讀读寫写說说話话語语調调訪访諮咨詢询評评訂订討讨預预順顺題题' +
  '夠够廣广鐵铁銀银錢钱鄰邻醫医藥药險险場场壓压歷历曆历愛爱圖图團团國国華华傳传億亿齡龄儲储備备負负貨货費费資资賣卖買买' +
  '聽听聞闻問问間间閉闭開开關关陽阳陰阴隨随雙双雜杂離离難难電电靈灵風风飛飞館馆馬马驗验體体點点齊齐龍龙' +
  '邊边遞递選选遲迟過过還还這这運运達达適适違违遠远際际陸陆險险隱隐雲云韓韩頻频顧顾額额願愿類类養养饋馈' +
  '務务勵励勢势區区協协廠厂縣县參参雖虽眾众優优們们價价儀仪備备償偿僅仅從从徑径復复徵征總总懷怀戰战擔担據据擴扩攜携' +
  '數数斷断於于時时暫暂條条標标樣样樹树權权歲岁歸归殘残漢汉災灾無无熱热營营獎奖療疗盡尽監监確确碼码禮礼種种穩稳積积' +
  '範范築筑簡简糧粮級级紀纪約约納纳紙纸組组細细終终經经綜综綠绿維维網网總总績绩繼继續续罰罚聯联職职聖圣腦脑與与舉举' +
  '艱艰藝艺處处號号補补裝装製制規规視视親亲覽览觀观訂订計计訊讯託托記记設设許许訴诉診诊詞词試试詳详誌志認认誤误' +
  '說说誰谁課课調调談谈請请諾诺謀谋講讲證证識识議议護护讓让變变財财貢贡貧贫貫贯責责貴贵貸贷費费資资賠赔質质購购贊赞' +
  '輔辅輕轻輸输轄辖農农邊边鄉乡鄭郑醫医針针鋪铺錄录鍵键鏈链長长門门閱阅隊队階阶際际隨随障障雜杂靜静預预領领頒颁頓顿' +
  '頭头題题額额顯显飯饭餘余館馆驅驱驗验體体髮发鬥斗黃黄點点齡龄週周贏赢擬拟獲获鑒鉴鑑鉴稱称衝冲麵面盤盘溝沟測测濟济';

const MAP = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) MAP.set(PAIRS[i], PAIRS[i + 1]);

const TRAD = new RegExp(`[${[...MAP.keys()].join('')}]`, 'g');

/** Which UTF-16 units have a fold: one table lookup per character to find that none does. */
const HAS_FOLD = new Uint8Array(0x10000);
for (const c of MAP.keys()) HAS_FOLD[c.charCodeAt(0)] = 1;

/** The text with traditional characters folded to simplified; same length, same offsets. */
export function foldTraditional(text: string): string {
  // Most text is simplified Chinese: scan for a traditional character before building anything.
  for (let i = 0; i < text.length; i++) {
    if (HAS_FOLD[text.charCodeAt(i)] === 1) return text.replace(TRAD, (c) => MAP.get(c) ?? c);
  }
  return text;
}
