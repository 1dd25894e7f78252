import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js';
import { accountDb, rootDb } from '../db';
import { onSchemaUpgrade } from '../db/versionChange';
import { auth } from './session';

/**
 * Whether a newer Parley in another tab has upgraded the databases this tab uses (then this
 * tab has let go of them and must be reloaded). Call inside a component: it follows sign-in.
 */
export function createSchemaWatch(): Accessor<boolean> {
  const [changed, setChanged] = createSignal(false);
  const upgraded = () => setChanged(true);
  onCleanup(onSchemaUpgrade(rootDb(), upgraded));
  createEffect(() => {
    const a = auth();
    if (a.phase !== 'signedIn') return;
    onCleanup(onSchemaUpgrade(accountDb(a.account), upgraded));
  });
  return changed;
}
