/**
 * An address as people type it, `alice` or `alice@example.com`, in parts: a bare name is on
 * `defaultDomain` (the configured one). Sign-in and adding a contact read addresses alike.
 * Null when it cannot be an address.
 */
export function completeAddress(address: string, defaultDomain: string) {
  const a = address.trim().toLowerCase();
  const at = a.lastIndexOf('@');
  const username = at >= 0 ? a.slice(0, at) : a;
  const domain = at >= 0 ? a.slice(at + 1) : defaultDomain;
  if (!username || !domain || /[\s/"&'<>:@]/.test(username) || /[\s/@]/.test(domain)) return null;
  return { username, domain, bare: `${username}@${domain}` };
}
