// Turning bytes in a declared charset into UTF-8 (ICU converters), so that
// old Hebrew pages in windows-1255 or ISO-8859-8 read as well as UTF-8 ones.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace sipur::ingest {

// Converts bytes in `charset` (an IANA name, any case; empty means UTF-8) to
// UTF-8. UTF-8 input is validated, not converted: invalid bytes give
// kInvalidUtf8 with the byte offset added to `where`. An unknown charset gives
// kUnsupported. A leading byte-order mark is dropped.
[[nodiscard]] Result<std::string> to_utf8(std::string_view bytes, std::string_view charset, const Location& where);

// The charset an HTML document declares in its first 4 KiB
// (<meta charset=...> or <meta http-equiv="Content-Type" content="...charset=...">),
// lowercased, or "" if none.
[[nodiscard]] std::string sniff_html_charset(std::string_view html);

// The charset parameter of a Content-Type header value, lowercased, or "".
[[nodiscard]] std::string charset_from_content_type(std::string_view content_type);

}  // namespace sipur::ingest
