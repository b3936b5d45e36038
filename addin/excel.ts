/**
 * The Office.js side of the host seam, kept importable under its old name: the seam itself is in
 * host/types.ts (`LedgerWorkbook`), the shared helpers in host/common.ts, the Excel API subset in
 * host/office/api.ts and the adapter in host/office/ (read / marks / render). The WPS adapter is
 * host/wps/. Platform limits the Office adapter respects:
 *  - Excel on the web refuses requests (and responses) above 5 MB: writes are split by serialized
 *    size, reads by cell count.
 *  - Address strings above 8,192 characters are truncated: we never build multi-area addresses;
 *    ranges are made with getRangeByIndexes.
 *  - Per-cell format writes are the slow path: marks are one values assignment on a hidden sheet plus
 *    two conditional formats that read it; clearing deletes both, so the sheet is exactly restored.
 */
export * from './host/common.js';
export * from './host/office/api.js';
export { createWorkbook } from './host/office/index.js';
export * from './host/types.js';
