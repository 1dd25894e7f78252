import type { MessageKey } from '../i18n';
import { formatLimit } from './lib/format';
import { t } from './lib/i18n';

const KNOWN = new Set([
  'auth',
  'unreachable',
  'conflict',
  'not-allowed',
  'not-acceptable',
  'unsupported',
  'bad-address',
  'self',
  'empty',
  'too-long',
  'sent-not-saved',
]);

/** One place that turns a typed error into words a person can act on. */
export function errorText(err: unknown): string {
  const code = (err as { code?: string } | null)?.code;
  // IndexedDB full (a file kept until it is uploaded needs room): say so, nothing was queued.
  const name = (err as Error | null)?.name;
  const inner = (err as { inner?: { name?: string } } | null)?.inner?.name;
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') return t('err.quota');
  if ((err as Error | null)?.name === 'FileTooLargeError') {
    const e = err as { fileName: string; limitBytes: number };
    return t('file.tooLarge', { name: e.fileName, limit: formatLimit(e.limitBytes) });
  }
  if ((err as Error | null)?.name === 'ConfigError')
    return t('err.config', { detail: (err as Error).message });
  if (code && KNOWN.has(code)) return t(`err.${code}` as MessageKey);
  console.error('[parley]', err);
  return t('err.other');
}
