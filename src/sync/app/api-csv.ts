// RFC 4180 CSV for the audit export, safe to open in a spreadsheet.

/**
 * A cell, quoted when it must be. Text starting like a formula (=, +, -, @, tab, CR) is prefixed
 * with an apostrophe: a record value from HubSpot must not run as a formula in the admin's
 * spreadsheet (CSV injection). Plain numbers are left alone.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text) && !/^[-+]?\d+(\.\d+)?$/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
