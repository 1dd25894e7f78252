// What the browser can record a voice message as; cheap to ask before the recorder loads.

/** Opus where the browser records it (WebM in Chromium, Ogg in Firefox), else its default. */
const TYPES = ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm', 'audio/mp4'];

export function recordingType(): string | undefined {
  if (typeof MediaRecorder === 'undefined') return undefined;
  return TYPES.find((type) => MediaRecorder.isTypeSupported(type)) ?? '';
}
