export { type BackfillState, backfillState, backfillStep } from './backfill';
export {
  createSearchIndexer,
  entriesOf,
  INDEX_DELAY_MS,
  pruneSearchIndex,
  reindexMessages,
  type SearchIndexer,
  type SearchRow,
  searchIndexerOf,
} from './indexer';
export { type MessageHit, searchMessages } from './query';
export { fold, matchRanges, parseQuery, type Query, substringRanges, terms } from './text';
