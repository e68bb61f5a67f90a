/** Is it a web page? Decided from the bytes (no parser needed, so it stays cheap to import). */

/*
 * A web page: after an optional BOM and blanks the bytes open with markup — <!DOCTYPE html,
 * <html, <head, <body, <meta, <title, a comment (CMS templates start with one) followed by
 * tags, or <?xml followed by an html element — or, doctype-less, with several HTML tags.
 */const HEAD_TAGS = /^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta[\s>]|<title[\s>]|<!--)/i;

/** True when the bytes are an HTML page or fragment. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  const label = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'latin1';
  const head = new TextDecoder(label).decode(bytes.subarray(0, 4096));
  const t = head.replace(/^(?:\ufeff|\xef\xbb\xbf)/, '').trimStart();
  if (t.startsWith('<?xml')) return /<html[\s>]/i.test(t.slice(0, 1024));
  if (HEAD_TAGS.test(t)) {
    // A text that merely starts with a comment marker is not a page: a tag must follow.
    return !t.startsWith('<!--') || /<(?:html|head|body|meta|div|p|table)[\s>]/i.test(t);
  }
  // Doctype-less fragment (a saved article body): opens with a tag and has several.
  if (t.startsWith('<')) {
    const tags = t.match(/<\/?(?:div|p|table|tr|td|span|br|body|html|h[1-6]|a)[\s>/]/gi) ?? [];
    return tags.length >= 3;
  }
  return false;
}

