// The English catalog, the reference: every other language has each of its keys. Kept in two
// parts (en/core.ts, en/features.ts), each language split the same way.
import { enCore } from './en/core';
import { enFeatures } from './en/features';

export const en = { ...enCore, ...enFeatures } as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
/** The keys of each part: every language's parts have exactly these. */
export type CoreKey = keyof typeof enCore;
export type FeatureKey = keyof typeof enFeatures;
