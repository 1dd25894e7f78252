import { createSignal, onCleanup, onMount } from 'solid-js';
import { prepareFile, sendFile } from '../../app/files';
import { jumpToNewest } from '../actions/jump';
import { errorText } from '../errors';
import { formatDuration } from '../lib/blobUrl';
import { t } from '../lib/i18n';
import { recordingType } from './recording';

const MAX_SECONDS = 10 * 60;

const EXTENSION: Record<string, string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
};

/**
 * Records a voice message from the microphone while shown: the running time, Cancel, and
 * Send. Hitting the ten-minute cap sends what was recorded.
 */
export function VoiceRecorder(props: {
  peer: string;
  maxFileSize: number | undefined;
  onDone: (error?: string) => void;
}) {
  const [seconds, setSeconds] = createSignal(0);
  let recorder: MediaRecorder | undefined;
  let stream: MediaStream | undefined;
  let started = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  let sendWhenStopped = false;
  const chunks: Blob[] = [];

  function release() {
    clearInterval(timer);
    for (const track of stream?.getTracks() ?? []) track.stop();
  }
  let closed = false;
  onCleanup(() => {
    closed = true;
    sendWhenStopped = false;
    if (recorder?.state === 'recording') recorder.stop();
    release();
  });

  onMount(async () => {
    const type = recordingType();
    if (type === undefined || !navigator.mediaDevices?.getUserMedia) {
      props.onDone(t('voice.unsupported'));
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch {
      props.onDone(t('voice.noMic'));
      return;
    }
    // Cancelled while the browser was asking for the microphone: let go of it.
    if (closed) return release();
    recorder = new MediaRecorder(stream, type ? { mimeType: type } : {});
    recorder.ondataavailable = (e) => {
      if (e.data.size > 0) chunks.push(e.data);
    };
    recorder.onstop = () => {
      release();
      if (sendWhenStopped) void finish();
    };
    recorder.start(250);
    started = performance.now();
    timer = setInterval(() => {
      const s = (performance.now() - started) / 1000;
      setSeconds(s);
      if (s >= MAX_SECONDS) stop(true);
    }, 200);
  });

  function stop(send: boolean) {
    sendWhenStopped = send;
    setSeconds((performance.now() - started) / 1000);
    // Cancel is done at once: closing the bar stops the recorder and the microphone (onCleanup).
    if (!send) props.onDone();
    else if (recorder && recorder.state !== 'inactive') recorder.stop();
  }

  async function finish() {
    const duration = (performance.now() - started) / 1000;
    const type = (recorder?.mimeType || chunks[0]?.type || 'audio/webm').split(';')[0] ?? '';
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    const blob = new Blob(chunks, { type });
    const named = Object.assign(blob, { name: `voice-${stamp}.${EXTENSION[type] ?? 'webm'}` });
    try {
      const prepared = await prepareFile(named, { voice: true, duration });
      const sending = sendFile(props.peer, prepared, props.maxFileSize);
      jumpToNewest(props.peer);
      await sending;
      props.onDone();
    } catch (err) {
      props.onDone(errorText(err));
    }
  }

  return (
    <fieldset class="recorder" aria-label={t('voice.record')}>
      <span class="rec-dot" aria-hidden="true" />
      <span class="rec-time" aria-live="off">
        {t('voice.recording', { time: formatDuration(seconds()) })}
      </span>
      <button type="button" onClick={() => stop(false)}>
        {t('voice.cancel')}
      </button>
      <button type="button" class="primary" onClick={() => stop(true)}>
        {t('voice.send')}
      </button>
    </fieldset>
  );
}
