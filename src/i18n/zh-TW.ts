// The Traditional Chinese catalog, in the same two parts as the English one (en.ts).
import type { Catalog } from './en';
import { zhTWCore } from './zh-TW/core';
import { zhTWFeatures } from './zh-TW/features';

export const zhTW: Catalog = { ...zhTWCore, ...zhTWFeatures };
