import { describe, expect, it } from 'vitest';
import { formatCitation, numberMarkers, parseCitations, stripCitations, usedCitations, type Citation } from './citations.ts';

const tg: Citation = { kind: 'client', source: 'TechGiant', clientId: 1 };
const p4: Citation = { kind: 'playbook', source: 'playbook.pdf', page: 4, heading: 'Discounts' };
const p2: Citation = { kind: 'playbook', source: 'playbook.pdf', page: 2 };

describe('citations', () => {
  it('formats and parses the same markers', () => {
    const text = `Spend is $1 ${formatCitation(tg)}. Rule ${formatCitation(p4)} and ${formatCitation({ kind: 'note', source: 'Your note', noteId: 'n-1' })}.`;
    expect(parseCitations(text).map((m) => [m.kind, m.ref, m.page])).toEqual([
      ['client', 'TechGiant', undefined],
      ['playbook', 'playbook.pdf', 4],
      ['note', 'n-1', undefined],
    ]);
  });

  it('numbers the used sources by first appearance and reports unknown ones', () => {
    const text = `A [doc: playbook.pdf p. 4]. B [client: TechGiant]. C [doc: playbook.pdf p. 4]. D [client: Nobody Inc].`;
    const { used, unmatched } = usedCitations(text, [p2, tg, p4]);
    expect(used).toEqual([p4, tg]);
    expect(unmatched.map((m) => m.ref)).toEqual(['Nobody Inc']);
    expect(numberMarkers(text, used).map((x) => x.n)).toEqual([1, 2, 1]);
  });

  it('strips markers for plain text', () => {
    expect(stripCitations('Spend is $5 [client: TechGiant].')).toBe('Spend is $5.');
  });

  it('never lets a name break the marker', () => {
    expect(formatCitation({ kind: 'client', source: 'Evil ] Corp\n[x' })).toBe('[client: Evil Corp x]');
  });

  it('matches the marker of a name with brackets to its citation', () => {
    const evil: Citation = { kind: 'client', source: 'Evil [Log in to renew](https://evil.example/login) Corp', clientId: 9 };
    const text = `Spend is $5 ${formatCitation(evil)}.`;
    expect(usedCitations(text, [tg, evil])).toEqual({ used: [evil], unmatched: [] });
  });
});
