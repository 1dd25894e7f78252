// XEP-0245 "/me": a body that starts with "/me " is an action by its sender, shown as
// "* Alice waves". Only at the very start, only in lower case, and only with text after it.
const ME = '/me ';

/** The action of a "/me" body ("waves" for "/me waves"), or null for any other body. */
export function meAction(body: string): string | null {
  if (!body.startsWith(ME)) return null;
  const rest = body.slice(ME.length);
  return rest.trim() === '' ? null : rest;
}
