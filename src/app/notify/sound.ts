/**
 * A short two-note chime made with WebAudio (no file to fetch or cache): E6 then A6, soft
 * attack and a quick fade, about a third of a second. The context is made on first use and
 * kept; a browser that has not let this page play sound yet simply stays quiet.
 */
export function createChime(): { play: () => void; stop: () => void } {
  let ctx: AudioContext | null = null;
  return {
    play() {
      if (typeof AudioContext === 'undefined') return;
      ctx ??= new AudioContext();
      if (ctx.state === 'suspended') void ctx.resume().catch(() => {});
      const start = ctx.currentTime + 0.01;
      for (const [i, freq] of [1318.5, 1760].entries()) {
        const at = start + i * 0.12;
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.type = 'sine';
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0, at);
        gain.gain.linearRampToValueAtTime(0.12, at + 0.015);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.22);
        osc.connect(gain).connect(ctx.destination);
        osc.start(at);
        osc.stop(at + 0.24);
      }
    },
    stop() {
      void ctx?.close().catch(() => {});
      ctx = null;
    },
  };
}
