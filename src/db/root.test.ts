import Dexie from 'dexie';
import { expect, it } from 'vitest';
import { currentSession, lastAccount, putAccountRow, rootDb } from '.';

it('the root database of version 1 opens as version 2 with its session kept', async () => {
  rootDb().close();
  await Dexie.delete('parley');
  const v1 = new Dexie('parley');
  v1.version(1).stores({ session: '&key' });
  await v1.table('session').put({ key: 'current', account: 'ann@x.org', resource: 'r1' });
  v1.close();

  await rootDb().open();
  expect(await currentSession()).toEqual({ key: 'current', account: 'ann@x.org', resource: 'r1' });
  expect(await lastAccount()).toBeUndefined(); // accounts from before are not offered
  await putAccountRow({ account: 'Ann@X.org', lastSignIn: 2 });
  await putAccountRow({ account: 'bob@x.org', lastSignIn: 1, sessionOnly: 's1' });
  expect(await lastAccount()).toBe('ann@x.org');
});
