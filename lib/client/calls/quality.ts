import type { Quality } from "./store.ts";

/** What one peer connection's stats say, between two samples. */
export type Sample = { rttMs: number | null; packetsLost: number; packetsReceived: number };

/** good < 150 ms and < 2 % loss, poor > 400 ms or > 8 %, else fair; nothing measured yet → unknown. */
export function qualityOf(rttMs: number | null, lossPct: number | null): Quality {
  if (rttMs === null && lossPct === null) return "unknown";
  const rtt = rttMs ?? 0;
  const loss = lossPct ?? 0;
  if (rtt > 400 || loss > 8) return "poor";
  if (rtt < 150 && loss < 2) return "good";
  return "fair";
}

/** Reads the selected candidate pair's round-trip time and the inbound RTP packet counters. */
export function readSample(report: RTCStatsReport): Sample {
  let pairId: string | undefined;
  const pairs: RTCIceCandidatePairStats[] = [];
  let packetsLost = 0;
  let packetsReceived = 0;
  report.forEach((stat: { type: string } & Record<string, unknown>) => {
    if (stat.type === "transport" && typeof stat.selectedCandidatePairId === "string") {
      pairId = stat.selectedCandidatePairId;
    } else if (stat.type === "candidate-pair") pairs.push(stat as unknown as RTCIceCandidatePairStats);
    else if (stat.type === "inbound-rtp") {
      packetsLost += Number(stat.packetsLost ?? 0);
      packetsReceived += Number(stat.packetsReceived ?? 0);
    }
  });
  const pair =
    pairs.find((p) => p.id === pairId) ?? pairs.find((p) => p.nominated && p.state === "succeeded");
  const rtt = pair?.currentRoundTripTime;
  return { rttMs: typeof rtt === "number" ? Math.round(rtt * 1000) : null, packetsLost, packetsReceived };
}

/** Lost packets as a percentage of all expected in an interval; null when nothing arrived. */
export function lossPercent(lost: number, received: number): number | null {
  const total = Math.max(0, lost) + Math.max(0, received);
  return total > 0 ? Math.round((Math.max(0, lost) / total) * 1000) / 10 : null;
}
