// CSV as Excel writes it (RFC 4180: quoted cells, doubled quotes, CRLF or LF, a UTF-8 BOM), for ledger import.
// Excel saves "CSV UTF-8" with a BOM; a plain "CSV" from Chinese Excel is GBK, which the page must decode first.

/** Rows of cells. A quoted cell may hold commas, quotes ("") and line breaks. Trailing empty lines are dropped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
      continue;
    }
    if (c === '"' && cell === '') quoted = true;
    else if (c === ',') endCell();
    else if (c === '\n') endRow();
    else if (c === '\r') {
      if (text[i + 1] === '\n') i++;
      endRow();
    } else cell += c;
  }
  if (cell !== '' || row.length > 0 || quoted) endRow();
  while (rows.length > 0 && rows[rows.length - 1]!.every((v) => v.trim() === '')) rows.pop();
  return rows;
}

/** Data rows keyed by the header row's cells (the first row). A missing cell reads as ''. */
export function csvRecords(text: string): Array<Record<string, string>> {
  const [header, ...body] = parseCsv(text);
  if (!header) return [];
  return body.map((cells) => Object.fromEntries(header.map((h, k) => [h, cells[k] ?? ''])));
}

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Rows to CSV text with a UTF-8 BOM (so Excel reads the Chinese) and CRLF line ends. */
export function toCsv(rows: ReadonlyArray<readonly string[]>): string {
  return `\uFEFF${rows.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
