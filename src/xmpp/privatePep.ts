// XEP-0223 private storage in PEP: a node of our own account that only we may read
// (pubsub#access_model whitelist) and whose items the server keeps (pubsub#persist_items).
// XEP-0402 bookmarks and Parley's chat choices are both such nodes; what they share is here:
// the publish-options, the node configuration asked for when a publish is refused for them,
// what a refusal means, a retraction and a get of all items.
import xml, { type Element } from '@xmpp/xml';
import { NS_DATA } from './ns';
import { NS_PUBSUB } from './pep';
import { newId } from './stanza';

const NS_PUBSUB_OWNER = 'http://jabber.org/protocol/pubsub#owner';

/**
 * How much of the node configuration a publish asks for: `full` (all four options), `lean`
 * (without pubsub#max_items, which ejabberd 23.01 refuses as an unknown field) or `none`
 * (no publish-options at all).
 */
export type PrivateNodeOptions = 'full' | 'lean' | 'none';

/** Builds one node's publish for the options asked (the engine steps down through them). */
export type PrivatePublishBuilder = (options: PrivateNodeOptions) => Element;

function field(name: string, value: string): Element {
  return xml('field', { var: name }, xml('value', {}, value));
}

/** The configuration of a private node, as form fields (FORM_TYPE excluded). */
function nodeConfig(options: Exclude<PrivateNodeOptions, 'none'>): Element[] {
  return [
    field('pubsub#persist_items', 'true'),
    ...(options === 'full' ? [field('pubsub#max_items', 'max')] : []),
    field('pubsub#send_last_published_item', 'never'),
    field('pubsub#access_model', 'whitelist'),
  ];
}

function submitForm(formType: string, fields: Element[]): Element {
  return xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, formType)),
    ...fields,
  );
}

/**
 * Configure `node` as a private node (pubsub#owner), the advice for a publish refused with
 * precondition-not-met: the node exists with another configuration. `lean` leaves
 * pubsub#max_items out; `access` only sets the access model to whitelist.
 */
export function buildPrivateNodeConfigure(node: string, options: 'full' | 'lean' | 'access') {
  const fields =
    options === 'access' ? [field('pubsub#access_model', 'whitelist')] : nodeConfig(options);
  return xml(
    'iq',
    { type: 'set', id: newId() },
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB_OWNER },
      xml('configure', { node }, submitForm(`${NS_PUBSUB}#node_config`, fields)),
    ),
  );
}

/**
 * What to do after a publish to a private node was refused with `condition`: configure the
 * node and publish again (XEP-0402 on precondition-not-met; Prosody says conflict), ask for
 * fewer options (the server does not take these: resource-constraint, bad-request,
 * not-acceptable, as ejabberd 23.01 answers "Unknown field 'pubsub#max_items'"), or give up on PEP.
 */
export function privatePublishRefusal(condition: string): 'configure' | 'fewer-options' | 'no-pep' {
  if (condition === 'precondition-not-met' || condition === 'conflict') return 'configure';
  if (['resource-constraint', 'bad-request', 'not-acceptable'].includes(condition))
    return 'fewer-options';
  return 'no-pep';
}

/** Publish `payload` as item `id` of our private `node`, with the publish-options asked for. */
export function buildPrivatePublish(
  node: string,
  id: string,
  payload: Element,
  options: PrivateNodeOptions = 'full',
): Element {
  return xml(
    'iq',
    { type: 'set', id: newId() },
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('publish', { node }, xml('item', { id }, payload)),
      options !== 'none' &&
        xml('publish-options', {}, submitForm(`${NS_PUBSUB}#publish-options`, nodeConfig(options))),
    ),
  );
}

/** Retract item `id` of our `node`, telling our other resources (notify). */
export function buildPrivateRetract(node: string, id: string): Element {
  return xml(
    'iq',
    { type: 'set', id: newId() },
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('retract', { node, notify: 'true' }, xml('item', { id })),
    ),
  );
}

/** Every item of our own `node`. */
export function buildPrivateItemsGet(node: string): Element {
  return xml(
    'iq',
    { type: 'get', id: newId() },
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node })),
  );
}
