// Runs in <head> before the page is drawn: the theme chosen in Settings is on <html> from the
// first frame, so a dark choice never flashes light. The same key and rules as src/ui/lib/theme.ts.
(() => {
  try {
    const theme = localStorage.getItem('parley.theme');
    if (theme !== 'light' && theme !== 'dark') return;
    document.documentElement.dataset.theme = theme;
    for (const meta of document.querySelectorAll('meta[name="theme-color"]')) {
      meta.dataset.media = meta.media;
      meta.media = meta.media.includes(theme) ? 'all' : 'not all';
    }
  } catch {
    // No storage (a locked-down browser): the system's theme it is.
  }
})();
