// The Simplified Chinese catalog, in the same two parts as the English one (en.ts).
import type { Catalog } from './en';
import { zhCNCore } from './zh-CN/core';
import { zhCNFeatures } from './zh-CN/features';

export const zhCN: Catalog = { ...zhCNCore, ...zhCNFeatures };
