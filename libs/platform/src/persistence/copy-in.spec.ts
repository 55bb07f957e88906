import { copyBytes, copyText } from './copy-in';

describe('COPY text format fields', () => {
  it('escapes backslash, tab and line breaks, and leaves other text alone', () => {
    expect(copyText('plain "json" {}')).toBe('plain "json" {}');
    expect(copyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
  });

  it('writes bytea as escaped hex input', () => {
    expect(copyBytes(Buffer.from([0, 171, 255]))).toBe('\\\\x00abff');
  });
});
