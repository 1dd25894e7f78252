// The English catalog, the reference: every other language has each of its keys. Kept in three
// parts (en/core.ts, en/features.ts, en/widget.ts), each language split the same way; the
// support widget fetches only its own part (src/widget/text.ts).
import { enCore } from './en/core';
import { enFeatures } from './en/features';
import { enWidget } from './en/widget';

export const en = { ...enCore, ...enFeatures, ...enWidget } as const;

export type MessageKey = keyof typeof en;
export type Catalog = Record<MessageKey, string>;
/** The keys of each part: every language's parts have exactly these. */
export type CoreKey = keyof typeof enCore;
export type FeatureKey = keyof typeof enFeatures;
export type WidgetKey = keyof typeof enWidget;
/** The widget's words: what the support widget and the parts of ui/ it draws may ask for. */
export type WidgetCatalog = Record<WidgetKey, string>;
