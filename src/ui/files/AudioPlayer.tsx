import { createSignal, onCleanup, Show } from 'solid-js';
import { formatDuration } from '../lib/blobUrl';
import { t } from '../lib/i18n';
import { PauseIcon, PlayIcon } from '../lib/icons';

/** Inline player for voice messages and audio files: play/pause, position, duration. */
export function AudioPlayer(props: { src: string | undefined; duration?: number; name: string }) {
  let audio!: HTMLAudioElement;
  const [playing, setPlaying] = createSignal(false);
  const [at, setAt] = createSignal(0);
  const [length, setLength] = createSignal(0);
  // Recordings from MediaRecorder often say Infinity until played through: trust the sender's.
  const duration = () => (length() > 0 ? length() : (props.duration ?? 0));
  onCleanup(() => audio?.pause());

  function toggle() {
    if (!props.src) return;
    if (audio.paused) void audio.play().catch(() => setPlaying(false));
    else audio.pause();
  }

  return (
    <div class="audio" data-playing={playing() ? 'true' : 'false'}>
      {/* biome-ignore lint/a11y/useMediaCaption: voice messages and people's audio have no captions */}
      <audio
        ref={audio}
        src={props.src}
        preload="metadata"
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEnded={() => {
          setPlaying(false);
          setAt(0);
        }}
        onTimeUpdate={() => setAt(audio.currentTime)}
        onDurationChange={() => {
          if (Number.isFinite(audio.duration)) setLength(audio.duration);
        }}
      />
      <button
        type="button"
        class="icon play"
        disabled={!props.src}
        aria-label={`${playing() ? t('audio.pause') : t('audio.play')}: ${props.name}`}
        onClick={toggle}
      >
        <Show when={playing()} fallback={<PlayIcon />}>
          <PauseIcon />
        </Show>
      </button>
      <input
        type="range"
        class="seek"
        min="0"
        max={Math.max(duration(), 0.1)}
        step="0.1"
        value={at()}
        aria-label={t('audio.position')}
        aria-valuetext={`${formatDuration(at())} / ${formatDuration(duration())}`}
        disabled={!props.src}
        onInput={(e) => {
          audio.currentTime = Number(e.currentTarget.value);
          setAt(audio.currentTime);
        }}
      />
      {/* data-reserve holds the widest text this shows ("0:00 / 0:00"): CSS keeps room for it,
          so the bubble does not grow when playing starts. */}
      <span
        class="time"
        data-reserve={`${formatDuration(duration())} / ${formatDuration(duration())}`}
      >
        <span>
          {playing() || at() > 0
            ? `${formatDuration(at())} / ${formatDuration(duration())}`
            : formatDuration(duration())}
        </span>
      </span>
    </div>
  );
}
