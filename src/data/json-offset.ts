/**
 * Where JSON text first breaks the grammar: JSON.parse's messages do not always carry a position.
 */
class JsonStop {
  constructor(readonly offset: number) {}
}

/**
 * The offset of the first character that breaks the JSON grammar (RFC 8259), or the length of
 * the text for an early end: JSON.parse's messages do not always carry a position.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const stop = (): never => {
    throw new JsonStop(i);
  };
  const expect = (c: string) => (text[i] === c ? i++ : stop());
  const string = () => {
    expect('"');
    for (;;) {
      const c = text[i];
      if (c === undefined || c < ' ') stop();
      i++;
      if (c === '"') return;
      if (c === '\\') {
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 5;
        else if ('"\\/bfnrt'.includes(text[i] ?? 'x')) i++;
        else stop();
      }
    }
  };
  const list = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      expect(',');
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      list('}', () => {
        space();
        string();
        space();
        expect(':');
        value();
      });
    } else if (c === '[') list(']', value);
    else if (c === '"') string();
    else {
      number.lastIndex = i;
      if (!number.test(text)) stop();
      i = number.lastIndex;
    }
  };
  try {
    value();
    space();
    if (i < text.length) stop();
  } catch (error) {
    if (error instanceof JsonStop) return Math.min(error.offset, text.length);
    throw error;
  }
  return text.length;
}
