/**
 * Two small handbooks of a made-up company for the command-line tests, rendered by the project's
 * playbook script; each has a rule the other lacks, so a test can tell which documents were searched.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderPlaybookPdf } from '../make-playbook.ts';

export const HANDBOOK_MD = `# Harbor & Pine Test Handbook

## Renewal Timeline

Opening early leaves room to review results and agree the next plan calmly.

- Open the renewal conversation 120 days ahead of the renewal date.
- For Enterprise clients, the account director takes part in the renewal.

## Gifts and Hospitality

- Gifts are capped at $75 per client contact per year.
- No gifts at all while the client is running an open tender.
`;

export const ADDENDUM_MD = `# Harbor & Pine Trade Show Addendum

## Trade Show Booth Shifts

Trade shows are where prospects meet us in person, so the booth is always staffed.

- Each seller staffs at most three booth shifts per trade show.
- A booth shift lasts two hours and starts with a five-minute handover.
`;

/** Writes the two handbooks as PDFs (made by the project's playbook script) into `dir`. */
export async function writeTestPlaybooks(dir: string): Promise<{ handbook: string; addendum: string }> {
  const handbook = join(dir, 'handbook.pdf');
  const addendum = join(dir, 'trade-show-addendum.pdf');
  await writeFile(handbook, await renderPlaybookPdf(HANDBOOK_MD, 'Harbor & Pine Test Handbook'));
  await writeFile(addendum, await renderPlaybookPdf(ADDENDUM_MD, 'Harbor & Pine Trade Show Addendum'));
  return { handbook, addendum };
}
