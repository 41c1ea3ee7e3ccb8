import { type TextClassifier, trainClassifier } from "./analysis/classifier.ts";
import {
  appendFeedback,
  type Example,
  readExamples,
  readFeedback,
  SEED_FILE,
} from "./analysis/training-set.ts";

/** Bumped when the rules (word lists, phrases, weights, thresholds) change. */
export const RULES_VERSION = 1;

export type Model = {
  readonly classifier: TextClassifier;
  /** Names the rules and the exact training data behind a verdict. */
  readonly version: string;
  /** Stores feedback examples in the data directory and retrains on seed + all feedback. */
  learn(examples: Example[]): void;
};

/** The classifier trained on the seed set plus every feedback example received so far. */
export function loadModel(dataDir: string, seedFile = SEED_FILE): Model {
  const seed = readExamples(seedFile);
  let feedback = readFeedback(dataDir);
  let classifier = trainClassifier([...seed, ...feedback]);
  return {
    get classifier() {
      return classifier;
    },
    get version() {
      return `rules-${RULES_VERSION}+nb-${classifier.version}`;
    },
    learn(examples) {
      appendFeedback(dataDir, examples);
      feedback = [...feedback, ...examples];
      classifier = trainClassifier([...seed, ...feedback]);
    },
  };
}
