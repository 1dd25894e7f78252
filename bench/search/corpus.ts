import type { Message } from '../../src/db/types';

// 100,000 messages mixed Chinese and English, the same every run: sentences drawn from word
// lists with a fixed pseudo-random sequence (no external data).

const ZH = (
  '我们 明天 会议 项目 报告 时间 地点 图书馆 门口 下午 晚上 周末 朋友 电话 邮件 问题 ' +
  '同事 老板 客户 合同 价格 产品 设计 测试 上线 版本 数据 服务器 手机 电脑 文件 照片 ' +
  '吃饭 咖啡 火锅 机场 高铁 酒店 天气 下雨 出差 加班 休息 生日 礼物 快递 地铁 公司 ' +
  '学校 老师 孩子 考试 医院 周一 周五 准备 确认 取消 安排 讨论 修改 完成 发送 收到 ' +
  '可以 应该 已经 还是 因为 所以 但是 如果 一起 马上 今天 昨天 东京 上海 北京 深圳'
).split(' ');
const ZH_GLUE = [
  '的',
  '了',
  '在',
  '和',
  '是',
  '吗',
  '吧',
  '呢',
  '，',
  '。',
  '我',
  '你',
  '他',
  '要',
];
const EN = (
  'the a to and of in is it you that for on with at this be are have not we meeting ' +
  'project report deadline tomorrow today tonight weekend coffee lunch dinner office ' +
  'server deploy release build test bug fix review merge branch ticket customer invoice ' +
  'price contract design draft final budget quarter sales numbers slides call phone email ' +
  'thanks please sorry great okay sure maybe later soon morning afternoon evening Monday ' +
  'Friday airport hotel train flight station Tokyo Shanghai London café résumé naïve'
).split(' ');

/** A small fixed generator (mulberry32), so the corpus is the same every run. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

function chinese(r: () => number): string {
  const n = 4 + Math.floor(r() * 10);
  let s = '';
  for (let i = 0; i < n; i++) s += r() < 0.7 ? pick(r, ZH) : pick(r, ZH_GLUE);
  return s;
}

function english(r: () => number): string {
  const n = 4 + Math.floor(r() * 12);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(pick(r, EN));
  return words.join(' ');
}

/** A sentence: 45% Chinese, 40% English, 15% both. */
function mixed(r: () => number): string {
  const k = r();
  return k < 0.45 ? chinese(r) : k < 0.85 ? english(r) : `${chinese(r)} ${english(r)}`;
}

/** Message i's text, the same as corpus(i, 1)'s body. */
export const mixedTextAt = (i: number): string => mixed(rng(i * 2654435761));

/** Messages `from` to `from + n - 1`: 45% Chinese, 40% English, 15% both, in 50 conversations. */
export function corpus(from: number, n: number): Message[] {
  const out: Message[] = [];
  for (let i = from; i < from + n; i++) {
    const r = rng(i * 2654435761);
    const body = mixed(r);
    out.push({
      id: `m${i.toString(36).padStart(8, '0')}-${Math.floor(r() * 1e9).toString(36)}`,
      peer: `contact${i % 50}@bench.local`,
      direction: r() < 0.5 ? 'in' : 'out',
      body,
      at: 1_700_000_000_000 + i * 30_000,
      state: 'delivered',
    });
  }
  return out;
}
