#include "timex/scanner.h"

namespace sipur::timex {

Scanner::Scanner(std::string_view text, bool day_first) : text_(text), tokens_(text), day_first_(day_first) {}

std::vector<FoundMention> Scanner::run() {
  std::size_t i = 0;
  while (i < tokens_.size()) {
    const Token& t = tokens_[i];
    std::size_t next = 0;
    switch (t.kind) {
      case TokenKind::kNumber:
        next = match_number(i, i);
        break;
      case TokenKind::kHebrew:
        next = match_hebrew(i);
        break;
      case TokenKind::kLatin:
        if (t.entry != nullptr) next = match_english(i);
        break;
      default:
        break;
    }
    i = next > i ? next : i + 1;
  }
  return std::move(out_);
}

bool Scanner::is_punct(std::size_t i, char32_t c) const {
  const Token* t = at(i);
  return t != nullptr && t->kind == TokenKind::kPunct && t->punct == c;
}

// Hyphen, maqaf, en dash: ב-2019, ב־2019, ה–12.
bool Scanner::is_hyphen(std::size_t i) const {
  const Token* t = at(i);
  return t != nullptr && t->kind == TokenKind::kPunct && (t->punct == '-' || t->punct == 0x05BE || t->punct == 0x2013);
}

// Geresh and what stands in for it: ה', ה׳, ה’, ה`.
bool Scanner::is_geresh(std::size_t i) const {
  const Token* t = at(i);
  return t != nullptr && t->kind == TokenKind::kPunct &&
         (t->punct == '\'' || t->punct == 0x05F3 || t->punct == 0x2019 || t->punct == '`' || t->punct == 0x2018);
}

const lex::Entry* Scanner::hebrew(std::size_t i, std::uint32_t flags) const {
  const Token* t = at(i);
  if (t == nullptr || t->kind != TokenKind::kHebrew || t->entry == nullptr) return nullptr;
  return (t->entry->flags & flags) != 0 ? t->entry : nullptr;
}

const lex::Entry* Scanner::english(std::size_t i, std::uint32_t flags) const {
  const Token* t = at(i);
  if (t == nullptr || t->kind != TokenKind::kLatin || t->entry == nullptr) return nullptr;
  return (t->entry->flags & flags) != 0 ? t->entry : nullptr;
}

std::size_t Scanner::emit_weekday(std::size_t first, std::size_t last, int weekday, Direction direction,
                                  int week_offset) {
  TimeMention& m = emit(first, last, MentionKind::kWeekday);
  m.weekday = weekday;
  m.direction = direction;
  m.offset = week_offset;
  if (direction == Direction::kCurrent) m.unit = Unit::kWeek;
  return last + 1;
}

TimeMention& Scanner::emit(std::size_t first, std::size_t last, MentionKind kind) {
  return emit_bytes(tokens_[first].begin, tokens_[last].end, tokens_[first].sentence, kind);
}

TimeMention& Scanner::emit_bytes(std::size_t begin, std::size_t end, std::uint32_t sentence, MentionKind kind) {
  FoundMention& found = out_.emplace_back();
  found.sentence = sentence;
  TimeMention& m = found.mention;
  m.begin = begin;
  m.end = end;
  m.text = std::string(text_.substr(begin, end - begin));
  m.kind = kind;
  return m;
}

}  // namespace sipur::timex
