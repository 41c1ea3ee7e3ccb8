import type { Page } from "@playwright/test";

/**
 * Keeps every RTCPeerConnection the app makes on `window.__pcs` (with when it first connected, as
 * epoch ms, on `__connectedAt`), so a test can read their state and getStats(). Runs before the app's
 * scripts (context.addInitScript); the app itself has no test hook.
 */
export function recordPeerConnections(): void {
  const w = window as unknown as { __pcs: RTCPeerConnection[]; __connectedAt: number[] };
  const Native = window.RTCPeerConnection;
  w.__pcs = [];
  w.__connectedAt = [];
  window.RTCPeerConnection = class extends Native {
    constructor(config?: RTCConfiguration) {
      super(config);
      w.__pcs.push(this);
      const noted = () => {
        if (this.connectionState !== "connected") return;
        w.__connectedAt.push(Date.now());
        this.removeEventListener("connectionstatechange", noted);
      };
      this.addEventListener("connectionstatechange", noted);
    }
  } as typeof RTCPeerConnection;
}

type PcWindow = { __pcs: RTCPeerConnection[]; __connectedAt: number[] };

/** connectionState of each peer connection that is not closed. */
export function openPcStates(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    (window as unknown as PcWindow).__pcs.map((pc) => pc.connectionState).filter((s) => s !== "closed"),
  );
}

export function firstConnectedAt(page: Page): Promise<number | null> {
  return page.evaluate(() => (window as unknown as PcWindow).__connectedAt[0] ?? null);
}

/** Per open connection: inbound video frames decoded, inbound audio energy and level, local candidate type. */
export type PcStats = {
  framesDecoded: number;
  audioEnergy: number;
  audioLevel: number;
  localCandidateType: string | null;
};

export function openPcStats(page: Page): Promise<PcStats[]> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as PcWindow).__pcs.filter((pc) => pc.connectionState !== "closed");
    return Promise.all(
      pcs.map(async (pc) => {
        const stats: Array<Record<string, any>> = [];
        (await pc.getStats()).forEach((s) => {
          stats.push(s);
        });
        const byId = new Map(stats.map((s) => [s.id, s]));
        const inbound = (kind: string) => stats.find((s) => s.type === "inbound-rtp" && s.kind === kind);
        const transport = stats.find((s) => s.type === "transport" && s.selectedCandidatePairId);
        const pair = transport ? byId.get(transport.selectedCandidatePairId) : undefined;
        const local = pair ? byId.get(pair.localCandidateId) : undefined;
        return {
          framesDecoded: inbound("video")?.framesDecoded ?? 0,
          audioEnergy: inbound("audio")?.totalAudioEnergy ?? 0,
          audioLevel: inbound("audio")?.audioLevel ?? 0,
          localCandidateType: local?.candidateType ?? null,
        };
      }),
    );
  });
}

/** The ICE username fragment each open connection uses now: it changes with every ICE restart. */
export function localIceUfrags(page: Page): Promise<Array<string | null>> {
  return page.evaluate(() =>
    (window as unknown as PcWindow).__pcs
      .filter((pc) => pc.connectionState !== "closed")
      .map((pc) => /a=ice-ufrag:(\S+)/.exec(pc.localDescription?.sdp ?? "")?.[1] ?? null),
  );
}
