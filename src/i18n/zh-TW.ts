// The Traditional Chinese catalog, in the same three parts as the English one (en.ts).
import type { Catalog } from './en';
import { zhTWCore } from './zh-TW/core';
import { zhTWFeatures } from './zh-TW/features';
import { zhTWWidget } from './zh-TW/widget';

export const zhTW: Catalog = { ...zhTWCore, ...zhTWFeatures, ...zhTWWidget };
