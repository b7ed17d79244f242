#include "search/query.h"

#include <algorithm>
#include <cctype>

#include "core/time.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace sipur::search {
namespace {

constexpr std::int64_t kSecondsPerDay = 86400;

bool is_hebrew_letter_at(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return false;
  std::size_t p = pos;
  const char32_t cp = text::next_code_point(s, p);
  return cp >= 0x05D0 && cp <= 0x05EA;
}

bool hebrew_letter_before(std::string_view s, std::size_t pos) {
  // Hebrew letters are two bytes.
  return pos >= 2 && is_hebrew_letter_at(s, pos - 2);
}

bool is_space(char c) {
  return text::is_ascii_space(c);
}

// 1-based, in characters (code points), as a reader counts.
std::size_t character_number(std::string_view s, std::size_t byte) {
  std::size_t n = 1;
  for (std::size_t i = 0; i < byte && i < s.size(); ++i) n += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
  return n;
}

Error error_at(ErrorKind kind, std::string message, std::size_t offset) {
  Error e = make_error(kind, std::move(message));
  e.where.offset = offset;
  e.where.has_offset = true;
  return e;
}

// One piece of the query as typed, before OR and filters are read.
struct Piece {
  enum class Kind { kWord, kPhrase, kOr, kFilter };
  Kind kind = Kind::kWord;
  std::string text;
  char op = 0;  // '+', '-' or 0
  std::size_t offset = 0;
};

Result<std::vector<Piece>> split_pieces(std::string_view q) {
  std::vector<Piece> pieces;
  std::size_t i = 0;
  while (i < q.size()) {
    if (is_space(q[i])) {
      ++i;
      continue;
    }
    Piece piece;
    piece.offset = i;
    if (q[i] == '+' || q[i] == '-') {
      piece.op = q[i];
      ++i;
      if (i >= q.size() || is_space(q[i])) {
        return error_at(ErrorKind::kInvalidInput,
                        std::string("'") + piece.op + "' must be followed by a word or a \"phrase\"", piece.offset);
      }
      if (q[i] == '+' || q[i] == '-') {
        return error_at(ErrorKind::kInvalidInput, "two operators in a row", piece.offset);
      }
    }
    if (q[i] == '"') {
      // A phrase: up to the next " that is no gershayim.
      const std::size_t open = i++;
      std::size_t close = i;
      while (close < q.size() &&
             !(q[close] == '"' && !(hebrew_letter_before(q, close) && is_hebrew_letter_at(q, close + 1)))) {
        ++close;
      }
      if (close >= q.size()) {
        return error_at(ErrorKind::kInvalidInput,
                        "unbalanced quote: the \" at character " + std::to_string(character_number(q, open)) +
                            " is never closed (an acronym such as צה\"ל needs letters on both sides of its \")",
                        open);
      }
      piece.kind = Piece::Kind::kPhrase;
      piece.text = text::collapse_spaces(q.substr(i, close - i));
      if (piece.text.empty()) return error_at(ErrorKind::kInvalidInput, "empty quotes", open);
      i = close + 1;
      pieces.push_back(std::move(piece));
      continue;
    }
    // A word: up to whitespace or a " that opens a phrase (not gershayim).
    const std::size_t begin = i;
    while (i < q.size() && !is_space(q[i]) &&
           !(q[i] == '"' && !(hebrew_letter_before(q, i) && is_hebrew_letter_at(q, i + 1)))) {
      ++i;
    }
    piece.text = std::string(q.substr(begin, i - begin));
    if (piece.text.empty()) {
      // A " right after a word ("פגישה"ב): the quote opens a phrase at once.
      return error_at(ErrorKind::kInvalidInput, "a quote must start a word or a \"phrase\"", i);
    }
    if (piece.op == 0 && piece.text == "OR") {
      piece.kind = Piece::Kind::kOr;
    } else if (const std::size_t colon = piece.text.find(':');
               colon != std::string::npos && colon > 0 &&
               std::all_of(piece.text.begin(), piece.text.begin() + static_cast<std::ptrdiff_t>(colon),
                           [](char c) { return c >= 'a' && c <= 'z'; })) {
      const std::string key = piece.text.substr(0, colon);
      if (key == "lang" || key == "source" || key == "from" || key == "to") {
        if (piece.op != 0) {
          return error_at(ErrorKind::kInvalidInput, "a filter (" + key + ":) takes no + or -", piece.offset);
        }
        piece.kind = Piece::Kind::kFilter;
      }
    }
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

Result<std::int64_t> parse_day(const std::string& key, std::string_view value, std::size_t offset) {
  const bool shaped = value.size() == 10 && value[4] == '-' && value[7] == '-';
  const std::optional<ParsedTime> t = shaped ? parse_time(value) : std::nullopt;
  if (!t) {
    return error_at(ErrorKind::kInvalidInput, key + ": wants a date as YYYY-MM-DD, not \"" + std::string(value) + "\"",
                    offset);
  }
  return t->epoch_seconds;
}

Status apply_filter(const Piece& piece, QueryFilters& filters) {
  const std::size_t colon = piece.text.find(':');
  const std::string key = piece.text.substr(0, colon);
  const std::string value = piece.text.substr(colon + 1);
  if (value.empty()) {
    return error_at(ErrorKind::kInvalidInput, key + ": needs a value (" + key + ":VALUE, no space)", piece.offset);
  }
  auto once = [&](bool given) -> Status {
    if (given) return error_at(ErrorKind::kInvalidInput, key + ": given twice", piece.offset);
    return Ok{};
  };
  if (key == "lang") {
    if (Status s = once(!filters.lang.empty()); !s) return s;
    const bool letters = value.size() >= 2 && value.size() <= 3 &&
                         std::all_of(value.begin(), value.end(), [](char c) { return std::isalpha(c) != 0; });
    if (!letters) {
      return error_at(ErrorKind::kInvalidInput, "lang: wants a language code such as he or en", piece.offset);
    }
    filters.lang = value;
    std::transform(filters.lang.begin(), filters.lang.end(), filters.lang.begin(),
                   [](char c) { return static_cast<char>(std::tolower(c)); });
  } else if (key == "source") {
    if (Status s = once(!filters.source.empty()); !s) return s;
    filters.source = value;
  } else if (key == "from") {
    if (Status s = once(filters.from.has_value()); !s) return s;
    Result<std::int64_t> day = parse_day(key, value, piece.offset);
    if (!day) return day.error();
    filters.from = day.value();
  } else {
    if (Status s = once(filters.to.has_value()); !s) return s;
    Result<std::int64_t> day = parse_day(key, value, piece.offset);
    if (!day) return day.error();
    filters.to = day.value() + kSecondsPerDay;
  }
  return Ok{};
}

}  // namespace

Result<ParsedQuery> parse_query(std::string_view raw) {
  if (const auto bad = text::first_invalid_utf8(raw)) {
    return error_at(ErrorKind::kInvalidUtf8, "the query is not valid UTF-8", *bad);
  }
  if (raw.size() > kMaxQueryBytes) {
    return make_error(ErrorKind::kTooLarge, "the query has " + std::to_string(raw.size()) + " bytes; at most " +
                                                std::to_string(kMaxQueryBytes) + " are read");
  }
  // The same character cleaning as articles (niqqud and bidi marks go),
  // then punctuation as matching reads it: “phrase” is a phrase and צה״ל
  // the acronym צה"ל, as the index holds them.
  const std::string q = text::fold_punctuation(text::clean_characters(raw).text);
  Result<std::vector<Piece>> split = split_pieces(q);
  if (!split) return split.error();
  const std::vector<Piece>& pieces = split.value();
  if (pieces.empty()) return make_error(ErrorKind::kInvalidInput, "the query is empty: type a word to search for");

  ParsedQuery out;
  std::size_t words = 0;
  bool joining = false;  // the last piece was OR
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    const Piece& p = pieces[i];
    switch (p.kind) {
      case Piece::Kind::kOr: {
        const bool after_term =
            i > 0 && (pieces[i - 1].kind == Piece::Kind::kWord || pieces[i - 1].kind == Piece::Kind::kPhrase);
        const bool before_term = i + 1 < pieces.size() && (pieces[i + 1].kind == Piece::Kind::kWord ||
                                                           pieces[i + 1].kind == Piece::Kind::kPhrase);
        if (!after_term || !before_term) {
          return error_at(ErrorKind::kInvalidInput, "OR needs a word or a \"phrase\" on each side", p.offset);
        }
        if (pieces[i - 1].op == '-' || pieces[i + 1].op == '-') {
          return error_at(ErrorKind::kInvalidInput, "an excluded word cannot be one side of OR", p.offset);
        }
        joining = true;
        break;
      }
      case Piece::Kind::kFilter:
        if (Status s = apply_filter(p, out.filters); !s) return s.error();
        break;
      case Piece::Kind::kWord:
      case Piece::Kind::kPhrase: {
        if (++words > kMaxQueryWords) {
          return error_at(ErrorKind::kTooLarge,
                          "more than " + std::to_string(kMaxQueryWords) + " words or phrases in one query", p.offset);
        }
        QueryTerm term{p.text, p.kind == Piece::Kind::kPhrase};
        if (joining) {
          out.clauses.back().alternatives.push_back(std::move(term));
          joining = false;
        } else {
          out.clauses.push_back({{std::move(term)}, p.op == '-'});
        }
        break;
      }
    }
  }
  const bool anything_to_find =
      std::any_of(out.clauses.begin(), out.clauses.end(), [](const QueryClause& c) { return !c.excluded; });
  if (!anything_to_find) {
    return make_error(ErrorKind::kInvalidInput, out.clauses.empty()
                                                    ? "the query has filters but no word to search for"
                                                    : "the query only excludes (-word): add a word to search for");
  }
  if (out.filters.from && out.filters.to && *out.filters.from >= *out.filters.to) {
    return make_error(ErrorKind::kInvalidInput, "from: is after to:; no date is in that range");
  }
  return out;
}

std::string describe(const ParsedQuery& query) {
  std::string out;
  auto add = [&out](const std::string& piece) {
    if (!out.empty()) out.push_back(' ');
    out += piece;
  };
  for (const QueryClause& c : query.clauses) {
    std::string clause;
    for (const QueryTerm& t : c.alternatives) {
      if (!clause.empty()) clause += " OR ";
      clause += t.phrase ? "\"" + t.text + "\"" : t.text;
    }
    if (c.alternatives.size() > 1) clause = "(" + clause + ")";
    if (c.excluded) clause.insert(0, "-");
    add(clause);
  }
  const QueryFilters& f = query.filters;
  if (!f.lang.empty()) add("lang:" + f.lang);
  if (!f.source.empty()) add("source:" + f.source);
  auto day = [](std::int64_t seconds) { return format_time({seconds, true}).substr(0, 10); };
  if (f.from) add("from:" + day(*f.from));
  if (f.to) add("to:" + day(*f.to - kSecondsPerDay));
  return out;
}

}  // namespace sipur::search
