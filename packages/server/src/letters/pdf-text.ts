import zlib from 'node:zlib';

/**
 * The text of a PDF written by pdfkit with the standard fonts, one line per text block: for
 * tests (here and in the browser tests) to check what a printed receipt or letter says. Not
 * a general PDF parser.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  const streams = /stream\r?\n([\s\S]*?)\nendstream/g;
  for (let m = streams.exec(raw); m; m = streams.exec(raw)) {
    // The data may itself end in a carriage return byte, so "\r\nendstream" is ambiguous:
    // try the data with and without a final \r (a compressed stream inflates only one way).
    const data = m[1]!;
    const candidates = data.endsWith('\r') ? [data.slice(0, -1), data] : [data];
    let content = data;
    for (const candidate of candidates) {
      try {
        content = zlib.inflateSync(Buffer.from(candidate, 'latin1')).toString('latin1');
        break;
      } catch {
        // not this one (or not compressed)
      }
    }
    const blocks = /BT([\s\S]*?)ET/g;
    for (let b = blocks.exec(content); b; b = blocks.exec(content)) {
      let line = '';
      const ops = /\[([^\]]*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g;
      for (let o = ops.exec(b[1]!); o; o = ops.exec(b[1]!)) {
        if (o[2] !== undefined) {
          line += Buffer.from(o[2], 'hex').toString('latin1');
          continue;
        }
        const parts = /<([0-9a-fA-F]*)>|(-?\d+(?:\.\d+)?)/g;
        for (let p = parts.exec(o[1]!); p; p = parts.exec(o[1]!)) {
          if (p[1] !== undefined) line += Buffer.from(p[1], 'hex').toString('latin1');
          else if (Number(p[2]) < -200) line += ' ';
        }
      }
      if (line.trim()) lines.push(line.trim());
    }
  }
  return lines.join('\n');
}
