/**
 * RFC 4180 CSV: every field quoted, quotes doubled, CRLF line ends. A field that a spreadsheet would run
 * as a formula (starting with =, +, -, @, tab or CR) gets a leading apostrophe, so an exported note or tag
 * cannot execute when an advisor opens the file.
 * @remarks Hand-written because it is this small; the export has fixed columns and no parsing.
 */
export function toCsv(header: string[], rows: (string | number | boolean)[][]): string {
    return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

function field(value: string | number | boolean): string {
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return `"${text.replace(/"/g, '""')}"`;
}
