// Dexie's liveQuery reaches ui/ only here, from db/ (its one home): ui/lib/live.ts adapts it.
export { liveQuery } from '../db';
