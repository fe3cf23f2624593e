// A CSV reader for the tests, written from the README's rule rather than from the exporter: RFC 4180
// fields (quotes doubled inside quoted fields, CRLF between records), then one leading apostrophe
// dropped from every field that has one.

/** Records of raw fields, as written (apostrophes kept). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/** The values the exporter was given: the README's reversible neutralising rule undone. */
export function readCsvValues(text: string): string[][] {
  return parseCsv(text).map((r) => r.map((f) => (f.startsWith("'") ? f.slice(1) : f)));
}
