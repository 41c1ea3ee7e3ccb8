/**
 * Ring tones made with Web Audio (no files to fetch): a two-note ring for an incoming call and the
 * classic ringback (440 + 480 Hz, 2 s on, 4 s off) while the other side rings. Browsers keep an
 * AudioContext suspended until the page has had a user gesture, so the first gesture resumes it;
 * a call that arrives before any gesture rings as soon as there is one.
 */
type Pattern = { periodS: number; schedule(ctx: AudioContext, out: AudioNode, at: number): void };

function tone(
  ctx: AudioContext,
  out: AudioNode,
  freqs: number[],
  at: number,
  duration: number,
  level = 0.12,
) {
  const gain = ctx.createGain();
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(level, at + 0.02);
  gain.gain.setValueAtTime(level, at + duration - 0.03);
  gain.gain.linearRampToValueAtTime(0, at + duration);
  gain.connect(out);
  for (const freq of freqs) {
    const osc = ctx.createOscillator();
    osc.frequency.value = freq;
    osc.connect(gain);
    osc.start(at);
    osc.stop(at + duration);
  }
}

const PATTERNS: Record<"incoming" | "ringback", Pattern> = {
  incoming: {
    periodS: 3,
    schedule(ctx, out, at) {
      for (const [offset, freq] of [
        [0, 880],
        [0.18, 660],
        [0.5, 880],
        [0.68, 660],
      ] as const) {
        tone(ctx, out, [freq], at + offset, 0.16, 0.15);
      }
    },
  },
  ringback: { periodS: 6, schedule: (ctx, out, at) => tone(ctx, out, [440, 480], at, 2, 0.08) },
};

let ctx: AudioContext | null = null;
let playing: { name: keyof typeof PATTERNS; timer: ReturnType<typeof setInterval>; out: GainNode } | null =
  null;
let gestureHooked = false;

function context(): AudioContext | null {
  if (ctx) return ctx;
  if (typeof AudioContext === "undefined") return null;
  ctx = new AudioContext();
  return ctx;
}

/** Resumes the AudioContext on the first user gesture (autoplay policies); call once at start-up. */
export function unlockAudioOnGesture(): void {
  if (gestureHooked || typeof window === "undefined") return;
  gestureHooked = true;
  const unlock = () => {
    const audio = context();
    if (!audio) return;
    void audio.resume().then(() => {
      if (audio.state !== "running") return;
      for (const type of ["pointerdown", "keydown", "touchend"])
        window.removeEventListener(type, unlock, true);
    });
  };
  for (const type of ["pointerdown", "keydown", "touchend"]) window.addEventListener(type, unlock, true);
}

export function startTone(name: keyof typeof PATTERNS): void {
  if (playing?.name === name) return;
  stopTone();
  const audio = context();
  if (!audio) return;
  if (audio.state === "suspended") void audio.resume().catch(() => {});
  const pattern = PATTERNS[name];
  const out = audio.createGain();
  out.connect(audio.destination);
  // Scheduled one period ahead on the audio clock, so a busy main thread does not stutter the ring.
  let next = audio.currentTime + 0.05;
  const plan = () => {
    while (next < audio.currentTime + pattern.periodS) {
      pattern.schedule(audio, out, Math.max(next, audio.currentTime));
      next += pattern.periodS;
    }
  };
  plan();
  playing = { name, out, timer: setInterval(plan, 1000) };
}

export function stopTone(): void {
  if (!playing) return;
  clearInterval(playing.timer);
  // Disconnecting the output silences what was already scheduled at once.
  playing.out.disconnect();
  playing = null;
}
