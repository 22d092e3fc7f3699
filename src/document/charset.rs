//! The characters of a saved web page: decoded by its byte-order mark, then by the charset the
//! page declares (`<meta charset="windows-1251">`, or `<meta http-equiv="Content-Type"
//! content="text/html; charset=Shift_JIS">`), then as UTF-8 — the order browsers follow
//! (WHATWG Encoding Standard, with `encoding_rs`'s decoders). A page saved in a legacy
//! charset would otherwise show every non-ASCII character as U+FFFD.
//!
//! Plain text and Markdown stay UTF-8 (with the lossy-decoding warning of
//! [`crate::text::decode`]): they carry no declaration to go by.

use encoding_rs::Encoding;

use crate::text::{Decoded, Undecodable, decode, normalise_line_ends};

/// How far into the page the declaration is looked for. The WHATWG prescan reads 1,024 bytes;
/// pages saved by hand sometimes carry a long comment or script first, so a little more.
const PRESCAN_BYTES: usize = 8 * 1024;

/// Decodes a web page's bytes (see the module documentation).
pub fn decode_page(bytes: &[u8]) -> Result<Decoded, Undecodable> {
    // A byte-order mark decides, UTF-16 included (whose text is full of NUL bytes).
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        if encoding == encoding_rs::UTF_8 {
            return decode(bytes);
        }
        return Ok(decoded_with(encoding, &bytes[bom..], None));
    }
    match declared(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            if let Some(first_nul_at) = bytes.iter().position(|&b| b == 0) {
                return Err(Undecodable::Binary { first_nul_at });
            }
            Ok(decoded_with(encoding, bytes, Some(encoding.name())))
        }
        _ => decode(bytes),
    }
}

fn decoded_with(encoding: &'static Encoding, bytes: &[u8], declared: Option<&str>) -> Decoded {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let warning = had_errors.then(|| {
        format!(
            "not valid {}{}; invalid bytes are shown as \u{FFFD}",
            encoding.name(),
            declared.map_or(String::new(), |_| " (the charset the page declares)".into())
        )
    });
    Decoded {
        text: normalise_line_ends(&text),
        warning,
    }
}

/// The charset the page declares in a `<meta>` tag, if any that `encoding_rs` knows. As the
/// standard says, a declared UTF-16 means UTF-8 (the page was not UTF-16, or it would have had
/// a byte-order mark), and `x-user-defined` means windows-1252.
fn declared(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut at = 0;
    while let Some(found) = find(&lower[at..], b"<meta") {
        let start = at + found;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        if let Some(label) = charset_in(&lower[start..end])
            && let Some(encoding) = Encoding::for_label(label)
        {
            return Some(match encoding.name() {
                "UTF-16LE" | "UTF-16BE" => encoding_rs::UTF_8,
                "x-user-defined" => encoding_rs::WINDOWS_1252,
                _ => encoding,
            });
        }
        at = end.max(start + 1);
    }
    None
}

/// The value after `charset=` in a meta tag's text (lower case), without quotes.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = find(tag, b"charset")? + b"charset".len();
    let rest = &tag[at..];
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b"-_:.".contains(&b)))
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(charset_tag: &str, body: &[u8]) -> Vec<u8> {
        let mut out =
            format!("<html><head>{charset_tag}<title>t</title></head><body><p>").into_bytes();
        out.extend_from_slice(body);
        out.extend_from_slice(b"</p></body></html>");
        out
    }

    #[test]
    fn a_page_is_read_in_the_charset_it_declares() {
        let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode("Министр иностранных дел");
        let (japanese, _, _) = encoding_rs::SHIFT_JIS.encode("外務大臣が会談した");
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("café déjà vu");
        for (tag, body, expect) in [
            (
                "<meta charset=\"windows-1251\">",
                &cyrillic[..],
                "Министр иностранных дел",
            ),
            (
                "<META CHARSET=windows-1251 />",
                &cyrillic[..],
                "Министр иностранных дел",
            ),
            (
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">",
                &japanese[..],
                "外務大臣が会談した",
            ),
            ("<meta charset='iso-8859-1'>", &latin[..], "café déjà vu"),
        ] {
            let d = decode_page(&page(tag, body)).unwrap();
            assert!(d.text.contains(expect), "{tag}: {}", d.text);
            assert_eq!(d.warning, None, "{tag}");
        }
    }

    #[test]
    fn a_byte_order_mark_wins_and_no_declaration_means_utf8() {
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<p>Лавров</p>".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert!(decode_page(&utf16).unwrap().text.contains("Лавров"));
        let plain = page("", "Лавров".as_bytes());
        let d = decode_page(&plain).unwrap();
        assert!(d.text.contains("Лавров") && d.warning.is_none());
        // Declared UTF-16 without a mark: read as UTF-8, as browsers do.
        let d = decode_page(&page("<meta charset=utf-16>", "Лавров".as_bytes())).unwrap();
        assert!(d.text.contains("Лавров"));
        // An unknown label changes nothing.
        let d = decode_page(&page("<meta charset=klingon>", "Лавров".as_bytes())).unwrap();
        assert!(d.text.contains("Лавров"));
    }
}
