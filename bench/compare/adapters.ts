// How each client's screen is read. Parley: roles and labels (see src/ui/*.tsx). Converse.js:
// its custom elements and classes (converse.js 14 dist).
import { type Account, BOT_JID, BOT_NAME, contactName, DOMAIN, pad } from './config';

export interface Adapter {
  key: 'parley' | 'converse';
  name: string;
  /** Visible when the sign-in screen shows. */
  signInShown: string;
  address: string;
  password: string;
  submit: string;
  /** Visible when the signed-in main screen shows. */
  mainShown: string;
  /** A tab to press to see the contacts, when they are not on the main screen. */
  rosterTab?: { selector: string; text: string };
  /** Elements that each stand for one contact row, and how to read the contact's name. */
  contactRow: string;
  contactNameFrom: 'aria-label' | { text: string };
  /** The row of the roster's last contact (sorted by group, then name). */
  lastContact: string;
  /** The control that opens the conversation with the bot. */
  openBot: string;
  /** The element holding one message's text. */
  messageText: string;
  /** Visible when the list of conversations shows the bot's conversation (warm reload). */
  conversationListPainted: string;
}

/** Parley's selectors for an account whose roster has `account.contacts` contacts. */
export function parleyFor(account: Account): Adapter {
  return {
    key: 'parley',
    name: 'Parley',
    signInShown: 'input[name="address"]',
    address: 'input[name="address"]',
    password: 'input[name="password"]',
    submit: 'form button[type="submit"]',
    mainShown: '[role="tablist"]',
    rosterTab: { selector: '[role="tab"]', text: 'Contacts' },
    contactRow: 'nav[aria-label="Contacts"] button[aria-describedby]',
    contactNameFrom: 'aria-label',
    lastContact: `nav[aria-label="Contacts"] button[aria-label="${contactName(account.contacts - 1)}"]`,
    openBot: `nav[aria-label="Contacts"] button[aria-label="${BOT_NAME}"]`,
    messageText: '[role="log"] li.msg .body',
    conversationListPainted: `nav[aria-label="Chats"] button[aria-label="${BOT_NAME}"]`,
  };
}

export function converseFor(account: Account): Adapter {
  return {
    key: 'converse',
    name: 'Converse.js',
    signInShown: '#converse-login-jid',
    address: '#converse-login-jid',
    password: '#converse-login-password',
    submit: '#converse-login button[type="submit"]',
    mainShown: 'converse-user-profile',
    contactRow: 'converse-roster-contact',
    contactNameFrom: { text: '.contact-name' },
    lastContact: `converse-roster-contact a.open-chat[data-jid="contact${pad(account.contacts - 1, 4)}@${DOMAIN}"]`,
    openBot: `converse-roster-contact a.open-chat[data-jid="${BOT_JID}"]`,
    messageText: 'converse-chat-message-body',
    conversationListPainted: `converse-roster-contact a.open-chat[data-jid="${BOT_JID}"]`,
  };
}

export const adapterFor = (key: Adapter['key'], account: Account): Adapter =>
  key === 'parley' ? parleyFor(account) : converseFor(account);
