import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { FormActions } from '../FormActions';
import { type Crop, centreSquare, cropSides, moveCrop, resizeCrop } from '../lib/avatarImage';
import { t } from '../lib/i18n';

/**
 * Choosing the square of a picture that becomes our avatar: the frame starts centred and as
 * large as it can be; it is dragged with a pointer or moved with the arrow keys (Shift: ten
 * times further), and its size set with a slider. Nothing is published until "Use this
 * picture"; Esc or Cancel leaves the picture as it was.
 */
export function AvatarCrop(props: {
  file: Blob;
  onUse: (crop: Crop) => void;
  onCancel: () => void;
  /** The file is not a picture the browser can show. */
  onBad: () => void;
}) {
  let dialog!: HTMLDialogElement;
  let img!: HTMLImageElement;
  const url = URL.createObjectURL(props.file);
  onCleanup(() => URL.revokeObjectURL(url));
  const [size, setSize] = createSignal<{ width: number; height: number } | null>(null);
  const [crop, setCrop] = createSignal<Crop>({ x: 0, y: 0, side: 0 });
  onMount(() => dialog.showModal());
  /** Set by "Use this picture": the dialog's close then hands it over; any other close cancels. */
  let chosen: Crop | null = null;
  let bad = false;

  const loaded = () => {
    const width = img.naturalWidth;
    const height = img.naturalHeight;
    setSize({ width, height });
    setCrop(centreSquare(width, height));
  };
  const move = (dx: number, dy: number) => {
    const s = size();
    if (s) setCrop(moveCrop(crop(), dx, dy, s.width, s.height));
  };
  /** Source pixels per pixel on screen. */
  const scale = () => (size()?.width ?? 1) / (img.clientWidth || 1);

  let drag: { id: number; x: number; y: number } | null = null;
  const onPointerDown = (e: PointerEvent) => {
    drag = { id: e.pointerId, x: e.clientX, y: e.clientY };
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    e.preventDefault();
  };
  const onPointerMove = (e: PointerEvent) => {
    if (!drag || drag.id !== e.pointerId) return;
    const k = scale();
    move((e.clientX - drag.x) * k, (e.clientY - drag.y) * k);
    drag = { ...drag, x: e.clientX, y: e.clientY };
  };
  const onPointerUp = () => {
    drag = null;
  };
  const onKey = (e: KeyboardEvent) => {
    const s = size();
    if (!s) return;
    const step = Math.max(1, Math.round(Math.min(s.width, s.height) * (e.shiftKey ? 0.1 : 0.01)));
    const by: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const d = by[e.key];
    if (!d) return;
    e.preventDefault();
    move(d[0], d[1]);
  };
  const pct = (n: number, of: number | undefined) => `${(n / (of || 1)) * 100}%`;

  return (
    <dialog
      ref={dialog}
      class="avatar-crop"
      aria-labelledby="avatar-crop-title"
      onClose={() => {
        if (chosen) props.onUse(chosen);
        else if (bad) props.onBad();
        else props.onCancel();
      }}
    >
      <h2 id="avatar-crop-title">{t('avatar.cropTitle')}</h2>
      <p class="hint" id="avatar-crop-hint">
        {t('avatar.cropHint')}
      </p>
      <div class="crop-stage">
        <img
          ref={img}
          src={url}
          alt=""
          onLoad={loaded}
          onError={() => {
            bad = true;
            dialog.close();
          }}
          draggable={false}
        />
        <Show when={size()}>
          {(s) => (
            <button
              type="button"
              class="crop-frame"
              aria-label={t('avatar.cropArea')}
              aria-describedby="avatar-crop-hint"
              style={{
                left: pct(crop().x, s().width),
                top: pct(crop().y, s().height),
                width: pct(crop().side, s().width),
                height: pct(crop().side, s().height),
              }}
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={onPointerUp}
              onKeyDown={onKey}
            />
          )}
        </Show>
      </div>
      <Show when={size()}>
        {(s) => (
          <label class="crop-size">
            {t('avatar.cropSize')}
            <input
              type="range"
              min={cropSides(s().width, s().height).min}
              max={cropSides(s().width, s().height).max}
              value={crop().side}
              onInput={(e) =>
                setCrop(resizeCrop(crop(), Number(e.currentTarget.value), s().width, s().height))
              }
            />
          </label>
        )}
      </Show>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          chosen = crop();
          dialog.close();
        }}
      >
        <FormActions
          error=""
          submit={t('avatar.cropUse')}
          onCancel={() => dialog.close()}
          disabled={!size()}
        />
      </form>
    </dialog>
  );
}
