/** The seeded, stratified train/held-back split used for training and for checking a critic. */
import { mulberry32, shuffled } from '../prng.ts';

/** Stratified, seeded split: each label keeps its share in validation (at least one when it has two). */
export function stratifiedSplit<T>(items: readonly T[], label: (t: T) => boolean, valFraction: number, seed: number) {
  const rand = mulberry32(seed ^ 0x5eed);
  const train: T[] = [];
  const val: T[] = [];
  for (const cls of [true, false]) {
    const group = shuffled(
      items.filter((t) => label(t) === cls),
      rand,
    );
    let nVal = Math.round(group.length * valFraction);
    if (valFraction > 0 && group.length >= 2) nVal = Math.min(Math.max(nVal, 1), group.length - 1);
    val.push(...group.slice(0, nVal));
    train.push(...group.slice(nVal));
  }
  return { train, val };
}
