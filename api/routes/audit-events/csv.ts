// CSV for spreadsheet users: RFC 4180 quoting, CRLF rows, a UTF-8 byte-order mark so Excel reads
// Chinese text, and cells that a spreadsheet would run as a formula made inert (CSV injection).

export const UTF8_BOM = "\uFEFF";

/** Cells starting like a formula (= + - @, or a tab or carriage return) get a leading single quote. */
export function neutralizeFormula(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** One cell: neutralised, then quoted when it holds a comma, a quote or a line break. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = neutralizeFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
