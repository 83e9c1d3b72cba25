import { describe, expect, it } from 'vitest';
import { arrayElementTexts } from './json-spans.js';

describe('arrayElementTexts', () => {
  it('returns each element of the array at a path verbatim, skipping everything else', () => {
    const text = ' {"a": {"x" : [1,{"]":"}"}],"f": false ,"list":[ {"n":99.0,"s":"a\\"]b"} , 1.0E7,[2], "t" ],"z":{"list":[]}},"list":[0]}';
    expect(arrayElementTexts(text, ['a', 'list'])).toEqual(['{"n":99.0,"s":"a\\"]b"}', '1.0E7', '[2]', '"t"']);
    expect(arrayElementTexts(text, ['list'])).toEqual(['0']);
    expect(arrayElementTexts(text, ['a', 'z', 'list'])).toEqual([]);
  });

  it('answers null when the path is absent or not an array', () => {
    expect(arrayElementTexts('{"a":{"list":{"b":1}},"c":2}', ['a', 'list'])).toBeNull();
    expect(arrayElementTexts('{"a":1}', ['b'])).toBeNull();
    expect(arrayElementTexts('[1,2]', ['a'])).toBeNull();
  });

  it('takes the last of duplicate keys, as JSON.parse does', () => {
    expect(arrayElementTexts('{"l":[1],"l":[2,3]}', ['l'])).toEqual(['2', '3']);
  });
});
