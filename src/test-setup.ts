import 'fake-indexeddb/auto';

// Rendered tests (jsdom) wait for the database's live queries to reach the screen. A loaded
// machine only delays that: the default of 1 s for waitFor/findBy failed tests that passed.
if (typeof document !== 'undefined') {
  const { configure } = await import('@solidjs/testing-library');
  configure({ asyncUtilTimeout: 10_000 });
}
