// Turning bytes in a declared charset into UTF-8 (ICU converters), so that
// old Hebrew pages in windows-1255 or ISO-8859-8 read as well as UTF-8 ones;
// and reading a web page whatever it declares (ICU's charset detector where
// the declaration is missing or wrong), losing nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace sipur::ingest {

// Converts bytes in `charset` (an IANA name, any case; empty means UTF-8) to
// UTF-8. UTF-8 input is validated, not converted: invalid bytes give
// kInvalidUtf8 with the byte offset added to `where`. An unknown charset gives
// kUnsupported. A leading byte-order mark is dropped.
[[nodiscard]] Result<std::string> to_utf8(std::string_view bytes, std::string_view charset, const Location& where);

// A page's bytes as text, and how they were read.
struct DecodedPage {
  std::string text;                  // UTF-8
  std::string charset;               // what the bytes were read as ("utf-8", "windows-1252", ...)
  std::string charset_source;        // "bom", "header" (HTTP Content-Type), "meta", "detected", "default"
  std::size_t replaced = 0;          // byte sequences that did not decode, each now U+FFFD
  std::uint64_t first_replaced = 0;  // byte offset of the first of them in `bytes`
  std::string doubt;                 // why the declared charset was not used ("" when it was, or none was declared)
};

// Reads a web page whatever its charset: a byte-order mark wins, then the HTTP header's charset,
// then what the page declares (<meta charset>, an XML declaration); bytes that are valid UTF-8
// are UTF-8 whatever the label says, and where nothing is declared, or the declaration is
// unknown or plainly wrong (a "utf-8" page that is mostly not), ICU's detector decides.
// Nothing is refused: bytes that do not decode become U+FFFD and are counted.
// Errors: kTooLarge (over 1 GiB).
[[nodiscard]] Result<DecodedPage> decode_page(std::string_view bytes, std::string_view header_charset,
                                              const Location& where);

// The charset ICU's detector reads `bytes` as (markup skipped), lowercased; "" when it cannot tell.
[[nodiscard]] std::string detect_charset(std::string_view bytes);

// The charset an HTML document declares in its first 4 KiB
// (<meta charset=...> or <meta http-equiv="Content-Type" content="...charset=...">),
// lowercased, or "" if none.
[[nodiscard]] std::string sniff_html_charset(std::string_view html);

// The charset parameter of a Content-Type header value, lowercased, or "".
[[nodiscard]] std::string charset_from_content_type(std::string_view content_type);

}  // namespace sipur::ingest
