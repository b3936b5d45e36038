/**
 * A line chart written into an .xlsx that ExcelJS produced (ExcelJS writes no charts): a minimal
 * DrawingML chart part (xl/charts/chartN.xml), a drawing anchoring it on the sheet
 * (xl/drawings/drawingN.xml + rels), the sheet's <drawing> element and relationship, and the two
 * content types. The chart reads its data from the sheet's cells, so Excel, WPS and LibreOffice
 * redraw it from the figures.
 */
import JSZip from 'jszip';

export interface LineSeries {
  /** Cell with the series name, e.g. `'趋势'!$C$3`. */
  name: string;
  /** Values range, e.g. `'趋势'!$C$4:$C$55`. */
  values: string;
}

export interface LineChartSpec {
  /** 1-based position of the sheet in the workbook (sheetN.xml as ExcelJS numbers them). */
  sheet: number;
  title: string;
  /** Category (x axis) range, e.g. `'趋势'!$A$4:$A$55`. */
  categories: string;
  series: readonly LineSeries[];
  /** 0-based cell corners of the chart on the sheet. */
  from: { col: number; row: number };
  to: { col: number; row: number };
  /** Number format of the value axis, e.g. `0%`. */
  valueFormat?: string;
}

const esc = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';

function richTitle(text: string): string {
  return `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="zh-CN" sz="1200" b="1"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;
}

/** The chart part: one line chart, category axis at the bottom, value axis on the left, legend below. */
export function lineChartXml(spec: LineChartSpec): string {
  const series = spec.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/><c:tx><c:strRef><c:f>${esc(s.name)}</c:f></c:strRef></c:tx>` +
        `<c:marker><c:symbol val="circle"/><c:size val="4"/></c:marker>` +
        `<c:cat><c:strRef><c:f>${esc(spec.categories)}</c:f></c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${esc(s.values)}</c:f></c:numRef></c:val><c:smooth val="0"/></c:ser>`,
    )
    .join('');
  const fmt = esc(spec.valueFormat ?? 'General');
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/>` +
    `<c:chart>${richTitle(spec.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}` +
    `<c:marker val="1"/><c:axId val="500000001"/><c:axId val="500000002"/></c:lineChart>` +
    `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="low"/>` +
    `<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>` +
    `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="l"/><c:majorGridlines/><c:numFmt formatCode="${fmt}" sourceLinked="0"/><c:tickLblPos val="nextTo"/>` +
    `<c:crossAx val="500000001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/>` +
    `<c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function drawingXml(spec: LineChartSpec, chartRel: string): string {
  const corner = (tag: string, c: { col: number; row: number }) =>
    `<xdr:${tag}><xdr:col>${c.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${c.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}"><xdr:twoCellAnchor>` +
    corner('from', spec.from) +
    corner('to', spec.to) +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="2" name="${esc(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}">` +
    `<c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${chartRel}"/></a:graphicData></a:graphic></xdr:graphicFrame>` +
    `<xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>`
  );
}

const relsXml = (rels: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;

/** Where <drawing> goes in a worksheet: before these elements (CT_Worksheet order), else at the end. */
const AFTER_DRAWING = [
  '<legacyDrawing',
  '<legacyDrawingHF',
  '<picture',
  '<oleObjects',
  '<controls',
  '<webPublishItems',
  '<tableParts',
  '<extLst',
  '</worksheet>',
];

/** Adds one line chart to a sheet of an .xlsx (a sheet may carry one chart this way). */
export async function addLineChart(xlsx: Uint8Array | Buffer, spec: LineChartSpec): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  const sheetPath = `xl/worksheets/sheet${spec.sheet}.xml`;
  const sheetFile = zip.file(sheetPath);
  if (!sheetFile) throw new Error(`${sheetPath} not in workbook`);
  let sheet = await sheetFile.async('string');
  if (sheet.includes('<drawing ')) throw new Error(`${sheetPath} already has a drawing`);
  const n = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/u.test(f)).length + 1;
  zip.file(`xl/charts/chart${n}.xml`, lineChartXml(spec));
  zip.file(`xl/drawings/drawing${n}.xml`, drawingXml(spec, 'rId1'));
  zip.file(
    `xl/drawings/_rels/drawing${n}.xml.rels`,
    relsXml(`<Relationship Id="rId1" Type="${REL_CHART}" Target="../charts/chart${n}.xml"/>`),
  );
  // The sheet's relationship to the drawing (its rels file may exist already, e.g. for hyperlinks).
  const relsPath = `xl/worksheets/_rels/sheet${spec.sheet}.xml.rels`;
  const existing = await zip.file(relsPath)?.async('string');
  const taken = new Set([...(existing ?? '').matchAll(/Id="([^"]+)"/gu)].map((m) => m[1]));
  let rid = 'rIdChart1';
  for (let i = 1; taken.has(rid); i++) rid = `rIdChart${i + 1}`;
  const rel = `<Relationship Id="${rid}" Type="${REL_DRAWING}" Target="../drawings/drawing${n}.xml"/>`;
  zip.file(relsPath, existing ? existing.replace('</Relationships>', `${rel}</Relationships>`) : relsXml(rel));
  if (!/xmlns:r="/u.test(sheet.slice(0, sheet.indexOf('>', sheet.indexOf('<worksheet')))))
    sheet = sheet.replace('<worksheet ', `<worksheet xmlns:r="${NS_R}" `);
  const at = Math.min(...AFTER_DRAWING.map((t) => sheet.indexOf(t)).filter((i) => i >= 0));
  sheet = `${sheet.slice(0, at)}<drawing r:id="${rid}"/>${sheet.slice(at)}`;
  zip.file(sheetPath, sheet);
  const typesFile = zip.file('[Content_Types].xml');
  if (!typesFile) throw new Error('[Content_Types].xml not in workbook');
  const types = (await typesFile.async('string')).replace(
    '</Types>',
    `<Override PartName="/xl/charts/chart${n}.xml" ContentType="${CT_CHART}"/>` +
      `<Override PartName="/xl/drawings/drawing${n}.xml" ContentType="${CT_DRAWING}"/></Types>`,
  );
  zip.file('[Content_Types].xml', types);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
