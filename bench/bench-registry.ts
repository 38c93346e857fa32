// A benchmark measures one or more figures; each figure has a key such as `rules.decisions_per_s`.

export interface Figure {
  key: string;
  value: number;
  unit: string;
  goal: string;
}

export interface Bench {
  /** Keys this bench produces, so `npm run bench -- <prefix>` can pick it without running it. */
  keys: string[];
  run(): Promise<Figure[]>;
}
