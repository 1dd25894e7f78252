// XEP-0352 client state indication: tell the server whether anyone is looking.
import xml, { type Element } from '@xmpp/xml';
import { NS_CSI } from './ns';
import { isElement } from './stanza';

export type CsiState = 'active' | 'inactive';

/** <active/> or <inactive/>: a nonza (no id, no reply), sent only when supportsCsi. */
export function buildCsi(state: CsiState): Element {
  return xml(state, { xmlns: NS_CSI });
}

/** Whether the <stream:features/> offer CSI. False for anything that is not a features element. */
export function supportsCsi(features: Element | null | undefined): boolean {
  const el: unknown = features;
  const ok = isElement(el, 'stream:features') || isElement(el, 'features');
  return ok && el.getChild('csi', NS_CSI) !== undefined;
}
