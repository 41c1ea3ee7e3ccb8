// natural's package entry also loads its storage back-ends (MongoDB, Redis, PostgreSQL…), which call
// dotenv at import time; the agent imports the two modules it uses directly, typed from natural.
declare module "natural/lib/natural/classifiers/bayes_classifier.js" {
  import type { BayesClassifier } from "natural";

  const Classifier: typeof BayesClassifier;
  export default Classifier;
}

declare module "natural/lib/natural/stemmers/porter_stemmer.js" {
  import type { Stemmer } from "natural";

  const PorterStemmer: Stemmer;
  export default PorterStemmer;
}
