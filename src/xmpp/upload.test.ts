import parse from '@xmpp/xml/lib/parse.js';
import { describe, expect, it } from 'vitest';
import { parseDiscoInfo } from './disco';
import { buildChatMessage, parseMessage } from './message';
import { attr } from './stanza';
import type { DiscoInfo } from './types';
import { buildSlotRequest, findUploadService, parseSlot, parseSlotError } from './upload';

const UP = 'urn:xmpp:http:upload:0';
const STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const INFO = 'http://jabber.org/protocol/disco#info';

/** disco#info result → DiscoInfo, through the real parser. */
function info(inner: string): DiscoInfo {
  const parsed = parseDiscoInfo(
    parse(`<iq xmlns='jabber:client' type='result' id='d'><query xmlns='${INFO}'>
      ${inner}</query></iq>`),
  );
  if (!parsed) throw new Error('bad fixture');
  return parsed;
}

const IDENTITY = "<identity category='store' type='file' name='HTTP File Upload'/>";
const FEATURE = `<feature var='${UP}'/>`;
const form = (type: string, max: string) => `<x xmlns='jabber:x:data' type='result'>
  <field var='FORM_TYPE' type='hidden'><value>${type}</value></field>
  <field var='max-file-size' type='text-single'><value>${max}</value></field></x>`;

// What Prosody 0.12's mod_http_file_share says about itself (module:add_identity,
// add_feature, and a result form whose max-file-size is formatted with %d).
const PROSODY_INFO = info(`${IDENTITY}
  <feature var='http://jabber.org/protocol/disco#info'/>${FEATURE}${form(UP, '10485760')}`);

describe('findUploadService', () => {
  it("finds Prosody's upload component and its limit", () => {
    const infos = [
      { jid: 'localhost', info: info("<identity category='server' type='im'/>") },
      { jid: 'upload.localhost', info: PROSODY_INFO },
    ];
    expect(findUploadService(infos)).toEqual({ jid: 'upload.localhost', maxFileSize: 10485760 });
  });

  it('takes the first entity that is one', () => {
    const plain = info(IDENTITY + FEATURE);
    expect(
      findUploadService([
        { jid: 'a.lit', info: plain },
        { jid: 'b.lit', info: PROSODY_INFO },
      ]),
    ).toEqual({ jid: 'a.lit' });
  });

  it('wants both the store/file identity and the feature', () => {
    const noIdentity = info(FEATURE + form(UP, '100'));
    const noFeature = info(IDENTITY + form(UP, '100'));
    const wrongIdentity = info(`<identity category='store' type='pubsub'/>
      <identity category='component' type='file'/>${FEATURE}`);
    const oldNs = info(`${IDENTITY}<feature var='urn:xmpp:http:upload'/>`);
    for (const i of [noIdentity, noFeature, wrongIdentity, oldNs]) {
      expect(findUploadService([{ jid: 'x.lit', info: i }])).toBeNull();
    }
    expect(findUploadService([])).toBeNull();
    expect(findUploadService([{ jid: '', info: PROSODY_INFO }])).toBeNull();
  });

  it('reads the limit only from the upload form', () => {
    const other = info(IDENTITY + FEATURE + form('urn:example:other', '5'));
    expect(findUploadService([{ jid: 'u.lit', info: other }])).toEqual({ jid: 'u.lit' });
    const both = info(IDENTITY + FEATURE + form('urn:example:other', '5') + form(UP, '7'));
    expect(findUploadService([{ jid: 'u.lit', info: both }])?.maxFileSize).toBe(7);
    const noType = info(`${IDENTITY}${FEATURE}<x xmlns='jabber:x:data' type='result'>
      <field var='max-file-size'><value>9</value></field></x>`);
    expect(findUploadService([{ jid: 'u.lit', info: noType }])).toEqual({ jid: 'u.lit' });
  });

  it('ignores a limit that is not a positive integer', () => {
    for (const max of ['0', '-5', '1e7', '5.5', 'lots', '', ' ', '0x10', '99999999999999999999']) {
      const i = info(IDENTITY + FEATURE + form(UP, max));
      expect(findUploadService([{ jid: 'u.lit', info: i }]), max).toEqual({ jid: 'u.lit' });
    }
    const padded = info(IDENTITY + FEATURE + form(UP, ' 2048 '));
    expect(findUploadService([{ jid: 'u.lit', info: padded }])?.maxFileSize).toBe(2048);
    const empty = info(`${IDENTITY}${FEATURE}<x xmlns='jabber:x:data' type='result'>
      <field var='FORM_TYPE' type='hidden'><value>${UP}</value></field>
      <field var='max-file-size'/></x>`);
    expect(findUploadService([{ jid: 'u.lit', info: empty }])).toEqual({ jid: 'u.lit' });
  });
});

describe('buildSlotRequest', () => {
  it('asks the service for a slot', () => {
    const iq = buildSlotRequest({
      to: 'upload.montague.tld',
      filename: 'my-juliet.jpg',
      size: 23456,
      contentType: 'image/jpeg',
    });
    expect(iq.name).toBe('iq');
    expect(attr(iq, 'type')).toBe('get');
    expect(attr(iq, 'to')).toBe('upload.montague.tld');
    expect(attr(iq, 'id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(iq.getChildElements()).toHaveLength(1);
    expect(iq.getChild('request', UP)?.attrs).toEqual({
      xmlns: UP,
      filename: 'my-juliet.jpg',
      size: '23456',
      'content-type': 'image/jpeg',
    });
  });

  it('leaves content-type out when not given, and uses a fresh id each time', () => {
    const a = buildSlotRequest({ to: 'u.lit', filename: 'a.bin', size: 0 });
    const b = buildSlotRequest({ to: 'u.lit', filename: 'a.bin', size: 0, contentType: '' });
    expect(a.toString()).not.toContain('content-type');
    expect(b.toString()).not.toContain('content-type');
    expect(attr(a.getChild('request', UP) ?? a, 'size')).toBe('0');
    expect(attr(a, 'id')).not.toBe(attr(b, 'id'));
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    const iq = buildSlotRequest({
      to: 'u.lit',
      filename: `a'"<b>&\u0000\u001b.txt`,
      size: 1,
      contentType: 'text/plain\u0007',
    });
    const back = parse(iq.toString()).getChild('request', UP);
    expect(back && attr(back, 'filename')).toBe(`a'"<b>&.txt`);
    expect(back && attr(back, 'content-type')).toBe('text/plain');
  });

  it('refuses a size that is not a non-negative integer, and an empty filename', () => {
    for (const size of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => buildSlotRequest({ to: 'u.lit', filename: 'a', size }), String(size)).toThrow(
        RangeError,
      );
    }
    expect(() => buildSlotRequest({ to: 'u.lit', filename: '', size: 1 })).toThrow(RangeError);
    expect(() => buildSlotRequest({ to: 'u.lit', filename: '\u0000\u0001', size: 1 })).toThrow(
      RangeError,
    );
  });
});

const slot = (inner: string, type = 'result') =>
  parseSlot(
    parse(`<iq xmlns='jabber:client' type='${type}' id='s1' from='upload.localhost'
      to='juliet@localhost/balcony'><slot xmlns='${UP}'>${inner}</slot></iq>`),
  );

const PUT = 'https://upload.montague.tld/4a771ac1/my-juliet.jpg';
const GET = 'https://download.montague.tld/4a771ac1/my-juliet.jpg';

describe('parseSlot', () => {
  it("reads Prosody's slot: get before put, one Authorization header", () => {
    // mod_http_file_share handle_slot_request: st.reply(stanza):tag("slot", {xmlns})
    //   :tag("get", {url}):up():tag("put", {url}):text_tag("header", "Bearer "..authz,
    //   {name="Authorization"}); both URLs are the same.
    const url = 'http://upload.localhost:5280/file_share/Wnlq4ZCEXGBwTF6p/my%20juliet.jpg';
    expect(
      slot(`<get url='${url}'/><put url='${url}'>
        <header name='Authorization'>Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqIn0.c2ln</header>
        </put>`),
    ).toEqual({
      putUrl: url,
      getUrl: url,
      headers: { Authorization: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqIn0.c2ln' },
    });
  });

  it('reads the XEP example, keeping only Authorization, Cookie and Expires', () => {
    expect(
      slot(`<put url='${PUT}'>
          <header name='Authorization'>Basic Base64String==</header>
          <header name='Host'>montague.tld</header>
          <header name='Cookie'>foo=bar; user=romeo</header>
          <header name='Expires'>Thu, 01 Dec 2094 16:00:00 GMT</header>
          <header name='X-Forwarded-For'>10.0.0.1</header>
          <header name='Content-Length'>1</header>
          <header name='__proto__'>x</header>
        </put><get url='${GET}'/>`),
    ).toEqual({
      putUrl: PUT,
      getUrl: GET,
      headers: {
        Authorization: 'Basic Base64String==',
        Cookie: 'foo=bar; user=romeo',
        Expires: 'Thu, 01 Dec 2094 16:00:00 GMT',
      },
    });
  });

  it('matches header names without regard to case; of repeats the first counts', () => {
    expect(
      slot(`<put url='${PUT}'><header name='authorization'>one</header>
        <header name='AUTHORIZATION'>two</header><header name=' cookie '>c</header>
        <header>nameless</header></put><get url='${GET}'/>`)?.headers,
    ).toEqual({ Authorization: 'one', Cookie: 'c' });
  });

  it('drops header values with CR or LF anywhere, above Latin-1, or empty; trims the rest', () => {
    const s = slot(`<put url='${PUT}'>
        <header name='Authorization'>Bearer x&#13;&#10;X-Injected: 1</header>
        <header name='Authorization'>Bearer y&#10;</header>
        <header name='Cookie'>a=b&#13;</header>
        <header name='Cookie'>caf\u00e9=\u263a</header>
        <header name='Expires'>   </header>
        <header name='Expires'>  never  </header>
      </put><get url='${GET}'/>`);
    // Even a trailing line break drops the value: nothing is patched.
    expect(s?.headers).toEqual({ Expires: 'never' });
    expect(
      slot(`<put url='${PUT}'><header name='Cookie'>caf\u00e9=1</header></put><get url='${GET}'/>`)
        ?.headers,
    ).toEqual({ Cookie: 'caf\u00e9=1' }); // Latin-1 is a valid ByteString
  });

  it('ignores headers outside <put/> or in another namespace', () => {
    const s = slot(`<header name='Authorization'>loose</header>
      <put url='${PUT}'><header xmlns='urn:example' name='Authorization'>alien</header></put>
      <get url='${GET}'><header name='Cookie'>on get</header></get>`);
    expect(s?.headers).toEqual({});
  });

  it('returns URLs as given, only trimmed', () => {
    const s = slot(`<put url='  HTTPS://Upload.Example/a%20b?x=1#f  '/><get url='${GET}'/>`);
    expect(s?.putUrl).toBe('HTTPS://Upload.Example/a%20b?x=1#f');
  });

  it('refuses URLs that are not absolute http(s), or carry credentials or control characters', () => {
    const bad = [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://upload.example/x',
      'blob:https://upload.example/1',
      '/relative/path',
      '//upload.example/x',
      '',
      '   ',
      'https://',
      'https://user:pass@upload.example/x',
      'https://upload.example@evil.example/x',
      'https://upload.example/a&#9;b',
      'https://upload.example/a&#10;b',
      'java&#10;script:alert(1)',
      `https://upload.example/${'a'.repeat(9000)}`,
    ];
    for (const url of bad) {
      expect(slot(`<put url='${url}'/><get url='${GET}'/>`), `put ${url}`).toBeNull();
      expect(slot(`<put url='${PUT}'/><get url='${url}'/>`), `get ${url}`).toBeNull();
    }
  });

  it('wants both <put url/> and <get url/>', () => {
    expect(slot(`<put url='${PUT}'/>`)).toBeNull();
    expect(slot(`<get url='${GET}'/>`)).toBeNull();
    expect(slot(`<put/><get url='${GET}'/>`)).toBeNull();
    // XEP-0363 before 0.3 put the URLs in the text; that is not read.
    expect(slot(`<put>${PUT}</put><get>${GET}</get>`)).toBeNull();
    expect(slot(`<put xmlns='urn:example' url='${PUT}'/><get url='${GET}'/>`)).toBeNull();
    expect(slot('')).toBeNull();
  });

  it('takes the first <put/> and <get/>', () => {
    const s = slot(`<put url='${PUT}'/><put url='https://second.example/'/>
      <get url='${GET}'/><get url='https://second.example/'/>`);
    expect(s).toMatchObject({ putUrl: PUT, getUrl: GET });
    expect(slot(`<put url='javascript:x'/><put url='${PUT}'/><get url='${GET}'/>`)).toBeNull();
  });

  it('returns null for what is not a slot result, without throwing', () => {
    const inner = `<put url='${PUT}'/><get url='${GET}'/>`;
    expect(slot(inner, 'error')).toBeNull();
    expect(slot(inner, 'set')).toBeNull();
    expect(slot(inner, 'get')).toBeNull();
    expect(
      parseSlot(
        parse(`<iq type='result' id='1'><slot xmlns='urn:xmpp:http:upload'>
      <put url='${PUT}'/><get url='${GET}'/></slot></iq>`),
      ),
    ).toBeNull();
    expect(parseSlot(parse(`<message><slot xmlns='${UP}'>${inner}</slot></message>`))).toBeNull();
    expect(parseSlot(parse("<iq type='result' id='1'/>"))).toBeNull();
    expect(parseSlot(null)).toBeNull();
    expect(parseSlot(undefined)).toBeNull();
    expect(parseSlot({ name: 'iq' } as never)).toBeNull();
  });
});

const slotError = (inner: string, type = 'error') =>
  parseSlotError(
    parse(`<iq xmlns='jabber:client' type='${type}' id='s1' from='upload.localhost'
      to='juliet@localhost/balcony'>${inner}</iq>`),
  );
const err = (type: string, condition: string, extra = '') =>
  `<error type='${type}'><${condition} xmlns='${STANZAS}'/>${extra}</error>`;
const text = (t: string) => `<text xmlns='${STANZAS}'>${t}</text>`;

describe('parseSlotError', () => {
  it("reads Prosody's file-too-large (not-acceptable + the upload element)", () => {
    // upload_errors.filesize: type modify, condition not-acceptable, text 'File too large',
    // extra tag <file-too-large xmlns><max-file-size>tostring(limit)</max-file-size>;
    // st.error_reply puts the condition, then <text/>, then that tag into <error/>.
    expect(
      slotError(
        err(
          'modify',
          'not-acceptable',
          `${text('File too large')}<file-too-large xmlns='${UP}'>` +
            '<max-file-size>10485760</max-file-size></file-too-large>',
        ),
      ),
    ).toEqual({ kind: 'too-large', maxFileSize: 10485760 });
  });

  it('reads the XEP example, with the request echoed', () => {
    expect(
      slotError(`<request xmlns='${UP}' filename='my-juliet.jpg' size='23456'
        content-type='image/jpeg'/>${err(
          'modify',
          'not-acceptable',
          `${text('File too large. The maximum file size is 20000 bytes')}
          <file-too-large xmlns='${UP}'><max-file-size>20000</max-file-size></file-too-large>`,
        )}`),
    ).toEqual({ kind: 'too-large', maxFileSize: 20000 });
  });

  it("reads a limit Lua wrote as a float ('N.0'), and leaves out one that is garbage", () => {
    const tooLarge = (max: string) =>
      slotError(
        err(
          'modify',
          'not-acceptable',
          `<file-too-large xmlns='${UP}'><max-file-size>${max}</max-file-size></file-too-large>`,
        ),
      );
    expect(tooLarge('11010048.0')).toEqual({ kind: 'too-large', maxFileSize: 11010048 });
    for (const max of ['0', '-1', '1e+07', '5.5', 'big', '', '99999999999999999999']) {
      expect(tooLarge(max), max).toEqual({ kind: 'too-large' });
    }
    expect(slotError(err('modify', 'not-acceptable', `<file-too-large xmlns='${UP}'/>`))).toEqual({
      kind: 'too-large',
    });
  });

  it('takes file-too-large whatever the condition, but only inside <error/> and in the namespace', () => {
    expect(slotError(err('modify', 'policy-violation', `<file-too-large xmlns='${UP}'/>`))).toEqual(
      { kind: 'too-large' },
    );
    expect(slotError(`<file-too-large xmlns='${UP}'/>${err('modify', 'not-acceptable')}`)).toEqual({
      kind: 'other',
    });
    expect(
      slotError(err('modify', 'not-acceptable', "<file-too-large xmlns='urn:xmpp:http:upload'/>")),
    ).toEqual({ kind: 'other' });
  });

  it("reads Prosody's quota errors as quota", () => {
    expect(slotError(err('wait', 'resource-constraint', text('Daily quota reached')))).toEqual({
      kind: 'quota',
      text: 'Daily quota reached',
    });
    expect(
      slotError(err('wait', 'resource-constraint', text('Server global storage quota reached'))),
    ).toEqual({ kind: 'quota', text: 'Server global storage quota reached' });
    expect(
      slotError(
        err(
          'wait',
          'resource-constraint',
          `${text('Quota reached')}<retry xmlns='${UP}' stamp='2017-12-03T23:42:05Z'/>`,
        ),
      ),
    ).toEqual({ kind: 'quota', text: 'Quota reached' });
  });

  it('reads forbidden (Prosody: not one of its users) and not-allowed as not-allowed', () => {
    expect(slotError(err('auth', 'forbidden'))).toEqual({ kind: 'not-allowed' });
    expect(
      slotError(err('cancel', 'not-allowed', text('Only premium members are allowed'))),
    ).toEqual({ kind: 'not-allowed', text: 'Only premium members are allowed' });
  });

  it("reads anything else as other: Prosody's bad filename, size format, file type", () => {
    expect(slotError(err('modify', 'bad-request', text('Invalid filename')))).toEqual({
      kind: 'other',
      text: 'Invalid filename',
    });
    expect(
      slotError(err('modify', 'bad-request', text('File size must be positive integer'))),
    ).toEqual({ kind: 'other', text: 'File size must be positive integer' });
    expect(slotError(err('modify', 'not-acceptable', text('File type not allowed')))).toEqual({
      kind: 'other',
      text: 'File type not allowed',
    });
    expect(slotError(err('cancel', 'service-unavailable'))).toEqual({ kind: 'other' });
    expect(slotError(err('cancel', 'made-up-condition'))).toEqual({ kind: 'other' });
    expect(slotError('')).toEqual({ kind: 'other' }); // an error iq without <error/>
  });

  it('caps and trims the text', () => {
    const e = slotError(err('wait', 'resource-constraint', text(`  ${'x'.repeat(5000)}  `)));
    expect(e).toEqual({ kind: 'quota', text: 'x'.repeat(1024) });
  });

  it('returns null for what is not an iq error, without throwing', () => {
    const tooLarge = err('modify', 'not-acceptable', `<file-too-large xmlns='${UP}'/>`);
    expect(slotError(tooLarge, 'result')).toBeNull();
    expect(slotError(tooLarge, 'get')).toBeNull();
    expect(parseSlotError(parse(`<message type='error'>${tooLarge}</message>`))).toBeNull();
    expect(parseSlotError(null)).toBeNull();
    expect(parseSlotError(undefined)).toBeNull();
  });
});

describe('sharing an upload', () => {
  it('sends the GET URL as body, OOB URL and file metadata, and reads it back', () => {
    const s = slot(`<get url='${GET}'/><put url='${PUT}'/>`);
    if (!s) throw new Error('no slot');
    const sent = buildChatMessage({
      to: 'romeo@montague.tld',
      id: 'f-1',
      body: s.getUrl,
      oob: { url: s.getUrl },
      file: { name: 'my-juliet.jpg', mediaType: 'image/jpeg', size: 23456, width: 640 },
    });
    const msg = parseMessage(parse(sent.toString()));
    expect(msg).toMatchObject({
      body: GET,
      oob: { url: GET },
      file: { name: 'my-juliet.jpg', mediaType: 'image/jpeg', size: 23456, width: 640 },
    });
    expect(msg?.body).toBe(msg?.oob?.url);
  });
});
