import { MARKERS } from "./report.ts";

/** docs/benchmarks.md when it does not exist yet; the run fills the block between the markers. */
export const SKELETON = `# Benchmarks

\`npm run bench\` (bench/run.ts) starts the real server and measures it; this page is its last result.

## Results

${MARKERS.START}
${MARKERS.END}
`;
