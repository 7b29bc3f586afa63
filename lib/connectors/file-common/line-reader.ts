// Physical lines of a decoded text file with their 1-based numbers (for the line-oriented formats:
// fixed-width and attribute-value pair). "\r\n" and "\n" both end a line; the final line needs none.

import { readTextChunks, type FileEncoding } from "./text-file.ts";

/** One physical line, without its line break. */
export interface TextLine {
  text: string;
  line: number;
}

/** Streams the lines of a file; memory holds one chunk plus one partial line. */
export async function* readLines(path: string, encoding: FileEncoding, what = "file"): AsyncGenerator<TextLine> {
  let rest = "";
  let line = 0;
  for await (const chunk of readTextChunks(path, encoding, what)) {
    const text = rest ? rest + chunk : chunk;
    let start = 0;
    for (let nl = text.indexOf("\n"); nl !== -1; nl = text.indexOf("\n", start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { text: text.slice(start, end), line: ++line };
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length) yield { text: rest.endsWith("\r") ? rest.slice(0, -1) : rest, line: ++line };
}
