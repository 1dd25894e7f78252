import { describe, expect, it } from 'vitest';
import { DEFAULT_COLOR, fromDataset, parseSettings, textOn } from './settings';

const BASE = 'https://chat.example.com/static/widget.js';
const parse = (...s: unknown[]) => parseSettings(s, BASE, ['en-US']);

describe('widget settings', () => {
  it('reads data attributes and window.parleySettings, the later winning', () => {
    const data = fromDataset({
      parleyAgents: 'ann@shop.example, Bob@Shop.example',
      parleyColor: '#112233',
      src: 'x',
    });
    const s = parse({ position: 'left', color: '#fff' }, data);
    expect(s.agents).toEqual(['ann@shop.example', 'bob@shop.example']);
    expect(s.position).toBe('left');
    expect(s.color).toBe('#112233');
    expect(s.server).toBe('https://chat.example.com/static/');
  });

  it('refuses colours that are not plain hex, keeping the default', () => {
    for (const bad of [
      'red; background: url(x)',
      'expression(alert(1))',
      '#12',
      'rgb(0,0,0)}',
      42,
    ]) {
      expect(parse({ color: bad }).color).toBe(DEFAULT_COLOR);
    }
  });

  it('refuses script and data URLs for the server, keeping the script’s own folder', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,<b>',
      ' vbscript:x',
      'blob:https://x/y',
    ]) {
      expect(parse({ server: bad }).server).toBe('https://chat.example.com/static/');
    }
    expect(parse({ server: 'https://other.example/chat/widget.js?x=1#y' }).server).toBe(
      'https://other.example/chat/',
    );
  });

  it('reads the pre-chat fields from data-parley-prechat or parleySettings.prechat', () => {
    expect(parse(fromDataset({ parleyPrechat: 'name, Email,order,name,phone' })).prechat).toEqual([
      'name',
      'email',
      'order',
    ]);
    expect(parse({ prechat: ['order', 7, 'email'] }).prechat).toEqual(['order', 'email']);
    expect(parse({}).prechat).toEqual([]);
  });

  it('reads opening hours, their zone and the reply time; what does not parse is not used', () => {
    const s = parse(
      fromDataset({
        parleyHours: 'mon-fri 09:00-18:00',
        parleyTimezone: 'Asia/Shanghai',
        parleyReplyWithin: '15',
      }),
    );
    expect(s.hours?.[1]).toEqual([[540, 1080]]);
    expect(s.timeZone).toBe('Asia/Shanghai');
    expect(s.replyWithin).toBe(15);
    const bad = parse({ hours: 'whenever', timezone: 'Nowhere/Land', replyWithin: '-3' });
    expect(bad.hours).toBeNull();
    expect(bad.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(bad.replyWithin).toBe(0);
    expect(parse({ replyWithin: 2000 }).replyWithin).toBe(0);
    expect(parse({ replyWithin: 60 }).replyWithin).toBe(60);
  });

  it('keeps only well-formed agent addresses', () => {
    expect(parse({ agents: ['a@b.c', '<img>@x', 'nope', 7, 'c@d/res'] }).agents).toEqual(['a@b.c']);
    expect(parse({ agents: { length: 1 } }).agents).toEqual([]);
  });

  it('limits and cleans title and greeting, which stay text', () => {
    const s = parse({ title: `<b>${'x'.repeat(200)}`, greeting: 'Hi\u0000 there\u0007' });
    expect(s.title).toHaveLength(80);
    expect(s.title.startsWith('<b>')).toBe(true);
    expect(s.greeting).toBe('Hi there');
    expect(parse({ title: { toString: () => 'x' } }).title).toBe('');
  });

  it('picks the language from the setting, else the browser, else English', () => {
    expect(parse({ lang: 'zh-TW' }).lang).toBe('zh-TW');
    expect(parse({ lang: 'zh-Hans' }).lang).toBe('zh-CN');
    expect(parseSettings([{ lang: 'auto' }], BASE, ['fr', 'zh-HK']).lang).toBe('zh-TW');
    expect(parseSettings([{ lang: 'klingon' }], BASE, ['de']).lang).toBe('en');
  });

  it('ignores non-object sources and unknown positions', () => {
    const s = parse(null, 'str', [1], { position: 'center' });
    expect(s.position).toBe('right');
  });

  it('chimes unless data-parley-sound or parleySettings.sound says off', () => {
    expect(parse().sound).toBe(true);
    expect(parse({ sound: 'on' }).sound).toBe(true);
    for (const off of ['off', 'OFF ', 'false', false, 0, 'no'])
      expect(parse({ sound: off }).sound).toBe(false);
    expect(parse(fromDataset({ parleySound: 'off' })).sound).toBe(false);
  });

  it('picks black or white text for contrast', () => {
    expect(textOn('#ffffff')).toBe('#000');
    expect(textOn('#2f6fde')).toBe('#fff');
    expect(textOn('#ff0')).toBe('#000');
  });
});
