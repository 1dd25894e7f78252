// The panel's files: sent one after another in the order chosen, and what to tell the shopper
// when one is refused. Dropping files onto the panel sends them as the attach button does.
import { createSignal, onCleanup } from 'solid-js';
import type { SupportFileRefusal } from '../app/support';
import { formatBytes } from '../shared/formatBytes';
import type { Translate } from './text';

/** A refusal, or a send that threw (storage full, the chat not started). */
export type FileProblem = SupportFileRefusal | { problem: 'failed' };

/** What the shopper reads when a file was not sent: what happened, and what to do. */
export function fileProblemText(t: Translate, lang: string, p: FileProblem, name: string): string {
  switch (p.problem) {
    case 'too-large':
      return t('widget.fileTooLarge', { name, limit: formatBytes(p.limitBytes, lang, true) });
    case 'empty':
      return t('widget.fileEmpty', { name });
    case 'no-service':
      return t('widget.fileNoService');
    case 'failed':
      return t('widget.fileFailed', { name });
  }
}

export function createFileSending(opts: {
  t: Translate;
  lang: () => string;
  /** Queue one file; resolves with why it was refused, or null. */
  send: (file: File) => Promise<SupportFileRefusal | null>;
  /** Where files may be dropped (the panel), while `accepts()`. */
  target: HTMLElement;
  accepts: () => boolean;
}) {
  const [problem, setProblem] = createSignal('');
  const [dragging, setDragging] = createSignal(false);

  async function sendFiles(files: File[]) {
    setProblem('');
    for (const file of files) {
      const refusal: FileProblem | null = await opts.send(file).catch((err: unknown) => {
        console.error('[parley widget] file', err);
        return { problem: 'failed' as const };
      });
      if (refusal) setProblem(fileProblemText(opts.t, opts.lang(), refusal, file.name || 'file'));
    }
  }

  const carriesFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');
  const onOver = (e: DragEvent) => {
    if (!carriesFiles(e) || !opts.accepts()) return;
    e.preventDefault(); // else the browser opens the file in place of the shop's page
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onLeave = (e: DragEvent) => {
    if (!(e.relatedTarget instanceof Node && opts.target.contains(e.relatedTarget)))
      setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    setDragging(false);
    if (!carriesFiles(e) || !opts.accepts()) return;
    e.preventDefault();
    const files = Array.from(e.dataTransfer?.files ?? []);
    if (files.length) void sendFiles(files);
  };
  opts.target.addEventListener('dragover', onOver);
  opts.target.addEventListener('dragleave', onLeave);
  opts.target.addEventListener('drop', onDrop);
  onCleanup(() => {
    opts.target.removeEventListener('dragover', onOver);
    opts.target.removeEventListener('dragleave', onLeave);
    opts.target.removeEventListener('drop', onDrop);
  });

  return { sendFiles, problem, dismiss: () => setProblem(''), dragging };
}
