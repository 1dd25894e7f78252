// The Simplified Chinese catalog, in the same three parts as the English one (en.ts).
import type { Catalog } from './en';
import { zhCNCore } from './zh-CN/core';
import { zhCNFeatures } from './zh-CN/features';
import { zhCNWidget } from './zh-CN/widget';

export const zhCN: Catalog = { ...zhCNCore, ...zhCNFeatures, ...zhCNWidget };
