// The shop's backend side of "known customers" (the support widget's setUser): it vouches
// for the shop's signed-in customer by handing the page a short-lived password for that
// customer's chat account. An example for shops, used by the demo shop and the tests.
//
// How it works, on any server with XEP-0133 (Prosody's mod_admin_adhoc, ejabberd's
// mod_configure):
// - Customers live on their own XMPP host where nobody can register (customers.example.com);
//   the backend's account there (shop@customers.example.com) is that host's admin.
// - The customer with the shop's id 1042 is customer-1042@customers.example.com. The
//   backend makes the account ("Add User") the first time, and sets a fresh random password
//   ("Change User Password") when the last one is older than `ttlMs`. Until then every call
//   answers the same password, so the customer's tabs and devices do not push each other out
//   (a changed password ends the account's other sessions on Prosody).
// - The page gets { jid, password } from the shop's own endpoint, behind the shop's login.
//   The widget keeps only SCRAM keys, which stop working at the next change: no long-lived
//   secret sits in the page, and a shopper who edits the page can name another customer but
//   cannot sign in as them.

import { randomBytes } from 'node:crypto';
import { client, xml } from '@xmpp/client';

const NS_COMMANDS = 'http://jabber.org/protocol/commands';
const NS_ADMIN = 'http://jabber.org/protocol/admin';
const NS_DATA = 'jabber:x:data';

/** The shop's customer ids this example accepts: what fits a JID's local part as it is. */
const CUSTOMER_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

export class DeskError extends Error {
  name = 'DeskError';
}

/** `customer-<id>@host` for a shop customer id; throws DeskError for an id that does not fit. */
export function customerJid(id, host) {
  const v = String(id).trim().toLowerCase();
  if (!CUSTOMER_ID.test(v)) throw new DeskError(`not a customer id this desk accepts: ${id}`);
  return `customer-${v}@${host}`;
}

const field = (name, value) => xml('field', { var: name }, xml('value', {}, value));

/**
 * Sign in as the customers host's admin (`shop@host`) and answer `credential(customerId)`.
 * `service` is an XMPP endpoint (xmpp://127.0.0.1:5222 or a ws:// URL).
 */
export async function startCustomerDesk({
  service,
  host,
  password,
  ttlMs = 12 * 60 * 60_000,
  now = Date.now,
}) {
  const xmpp = client({
    service,
    domain: host,
    resource: 'desk',
    // PLAIN: the desk talks to its own server over loopback or TLS; @xmpp/client's pure-JS
    // SCRAM-SHA-1 costs about a second per login in Node.
    credentials: (authenticate, mechanisms) =>
      authenticate(
        { username: 'shop', password },
        mechanisms.includes('PLAIN') ? 'PLAIN' : mechanisms[0],
      ),
  });
  xmpp.on('error', (err) => console.error('[customer desk]', err.message));
  await xmpp.start();
  const issued = new Map(); // jid -> { password, at }
  const pending = new Map(); // jid -> Promise, so concurrent asks share one change

  /** Run one XEP-0133 command with `fields`; resolves with its note, rejects on an error note. */
  async function command(node, fields) {
    const first = await xmpp.iqCaller.request(
      xml(
        'iq',
        { type: 'set', to: host },
        xml('command', { xmlns: NS_COMMANDS, node, action: 'execute' }),
      ),
    );
    const sessionid = first.getChild('command', NS_COMMANDS)?.attrs.sessionid;
    const done = await xmpp.iqCaller.request(
      xml(
        'iq',
        { type: 'set', to: host },
        xml(
          'command',
          { xmlns: NS_COMMANDS, node, sessionid, action: 'complete' },
          xml('x', { xmlns: NS_DATA, type: 'submit' }, [
            xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_ADMIN)),
            ...Object.entries(fields).map(([k, v]) => field(k, v)),
          ]),
        ),
      ),
    );
    const note = done.getChild('command', NS_COMMANDS)?.getChild('note');
    if (note?.attrs.type === 'error') throw new DeskError(note.text());
    return note?.text() ?? '';
  }

  async function setPassword(jid) {
    const fresh = randomBytes(18).toString('base64url');
    try {
      await command(`${NS_ADMIN}#change-user-password`, { accountjid: jid, password: fresh });
    } catch (err) {
      // No such account yet: Prosody says so in the command's note, ejabberd answers the
      // command with an item-not-found error.
      const absent =
        (err instanceof DeskError && /does not exist/i.test(err.message)) ||
        err?.condition === 'item-not-found';
      if (!absent) throw err;
      await command(`${NS_ADMIN}#add-user`, {
        accountjid: jid,
        password: fresh,
        'password-verify': fresh,
      });
    }
    issued.set(jid, { password: fresh, at: now() });
    return fresh;
  }

  return {
    /**
     * { jid, password } for the shop's customer `id`: the current password while it is younger
     * than `ttlMs`, else a new one (the account is made on first use).
     */
    async credential(id) {
      const jid = customerJid(id, host);
      const known = issued.get(jid);
      if (known && now() - known.at < ttlMs) return { jid, password: known.password };
      let p = pending.get(jid);
      if (!p) {
        p = setPassword(jid).finally(() => pending.delete(jid));
        pending.set(jid, p);
      }
      return { jid, password: await p };
    },
    async stop() {
      await xmpp.stop().catch(() => {});
    },
  };
}
