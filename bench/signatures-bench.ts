import { signatureCorpus, unseenSignatureCorpus } from '../tests/support/signatures/signature-corpus';
import type { Bench, Figure } from './bench-registry';
import { scoreSignatures } from './signatures-score';

// Contact details read from signatures (issue 19): precision and recall over the whole corpus (English and German),
// and apart over the emails written after the extractor was tuned, which it was never tuned on.

const round = (n: number): number => Math.round(n * 1000) / 1000;

export const signaturesBench: Bench = {
  keys: [
    'signatures.precision',
    'signatures.recall',
    'signatures.precision.unseen',
    'signatures.recall.unseen',
  ],
  async run(): Promise<Figure[]> {
    const all = scoreSignatures([...signatureCorpus, ...unseenSignatureCorpus]);
    const unseen = scoreSignatures(unseenSignatureCorpus);
    const of = (s: typeof all, what: 'given' | 'expected'): string =>
      `${s.right} right of ${s[what]} ${what === 'given' ? 'values given' : 'values to find'}`;
    return [
      {
        key: 'signatures.precision',
        value: round(all.precision),
        unit: 'ratio',
        goal: `>= 0.9 (${of(all, 'given')}, ${signatureCorpus.length + unseenSignatureCorpus.length} emails)`,
      },
      {
        key: 'signatures.recall',
        value: round(all.recall),
        unit: 'ratio',
        goal: `>= 0.8 (${of(all, 'expected')})`,
      },
      {
        key: 'signatures.precision.unseen',
        value: round(unseen.precision),
        unit: 'ratio',
        goal: `informative: the ${unseenSignatureCorpus.length} emails never tuned on (${of(unseen, 'given')})`,
      },
      {
        key: 'signatures.recall.unseen',
        value: round(unseen.recall),
        unit: 'ratio',
        goal: `informative (${of(unseen, 'expected')})`,
      },
    ];
  },
};
