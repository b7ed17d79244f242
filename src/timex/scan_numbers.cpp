// Numbers: numeric dates (12.4.2019, 12/4/19, 2019-04-12, ב-12.4), day and
// month (12 April, 12 באפריל [2019]), clock times (14:30, 10 a.m.), years
// (2019, ב-2019) and what tells a year from an amount.
#include "timex/scanner.h"

namespace sipur::timex {
namespace {

bool plausible_year_value(int y) {
  return y >= 1900 && y <= 2100;
}

int two_digit_year(int y) {
  return y <= 69 ? 2000 + y : 1900 + y;
}

}  // namespace

NumberShape number_shape(std::string_view digits) {
  NumberShape s;
  int parts[4] = {0, 0, 0, 0};
  int lengths[4] = {0, 0, 0, 0};
  char separators[3] = {0, 0, 0};
  int n = 0;
  for (const char ch : digits) {
    if (ch >= '0' && ch <= '9') {
      if (lengths[n] >= 6) return s;  // longer than any part of a date or a year
      parts[n] = parts[n] * 10 + (ch - '0');
      ++lengths[n];
    } else {
      if (n == 3) return s;
      separators[n] = ch;
      ++n;
    }
  }
  s.a = parts[0];
  s.b = parts[1];
  s.c = parts[2];
  s.digits_a = lengths[0];
  s.digits_b = lengths[1];
  s.digits_c = lengths[2];
  s.separator = separators[0];
  if (n == 0) {
    s.kind = NumberShape::kPlain;
  } else if (separators[0] == ':' && (n == 1 || (n == 2 && separators[1] == ':'))) {
    if (s.a <= 23 && s.digits_a <= 2 && s.digits_b == 2 && s.b <= 59 && (n == 1 || s.digits_c == 2)) {
      s.kind = NumberShape::kClock;
    }
  } else if (n == 2 && separators[0] == separators[1] &&
             (separators[0] == '.' || separators[0] == '/' || separators[0] == '-')) {
    s.kind = NumberShape::kDate;
  } else if (n == 1 && (separators[0] == '.' || separators[0] == '/') && s.digits_a <= 2 && s.digits_b <= 2) {
    s.kind = NumberShape::kDayMonth;
  } else if (n == 1 && separators[0] == '-' && s.digits_a == 4 && s.digits_b == 4) {
    s.kind = NumberShape::kYearRange;
  }
  return s;
}

int Scanner::year_at(std::size_t k) const {
  const Token* t = at(k);
  if (t == nullptr || t->kind != TokenKind::kNumber || t->key.size() != 4) return 0;
  const NumberShape s = number_shape(t->key);
  return s.kind == NumberShape::kPlain && plausible_year_value(s.a) ? s.a : 0;
}

int Scanner::small_number_at(std::size_t k, int max) const {
  const Token* t = at(k);
  if (t == nullptr || t->kind != TokenKind::kNumber || t->key.size() > 4) return 0;
  const NumberShape s = number_shape(t->key);
  return s.kind == NumberShape::kPlain && s.a >= 1 && s.a <= max ? s.a : 0;
}

// An amount, not a date: "2000 חיילים", "1.5 מיליון", "2019 people", "12.5%". A Hebrew word after the
// number that is an indefinite plural (ים / ות ending, no ה) counts: counted nouns are indefinite,
// while a clause after a year usually starts with a verb or a definite noun.
bool Scanner::quantity_follows(std::size_t k) const {
  const Token* t = at(k);
  if (t == nullptr) return false;
  if (t->kind == TokenKind::kPunct) {
    return t->punct == '%' || t->punct == 0x20AA || t->punct == 0x20AC || t->punct == '$' || t->punct == 0xA3;
  }
  if (t->entry != nullptr && (t->entry->flags & lex::kQuantity) != 0) return true;
  if (t->kind == TokenKind::kHebrew && t->prefix.empty()) {
    const std::string_view key = t->key;
    if (key.size() >= 6 && key.substr(0, 2) != "ה" &&
        (key.substr(key.size() - 4) == "ים" || key.substr(key.size() - 4) == "ות")) {
      return true;
    }
  }
  return false;
}

// A 4-digit number in 1900..2100 is taken for a year unless it reads as an amount or a name: a
// currency sign before it; a number word before it (מספר, flight, resolution); glued to a Latin
// model name (S-2000, F-1900); an amount word or sign after it (quantity_follows); a decade
// (1950s). A cue (ב-2019,
// בשנת, in, since) does not save it from an amount after it ("ב-2000 מקרים").
bool Scanner::plausible_year(std::size_t first, std::size_t number, bool /*has_cue*/) const {
  if (quantity_follows(number + 1)) return false;
  // A decade (1950s, 1950's) is not the year.
  if (const Token* n = at(number + 1); n != nullptr && !n->space_before) {
    if (n->kind == TokenKind::kLatin && (n->key == "s" || n->key == "S")) return false;
    if ((n->punct == '\'' || n->punct == 0x2019) && at(number + 2) != nullptr && at(number + 2)->key == "s") {
      return false;
    }
  }
  if (first == 0) return true;
  const std::size_t before = first - 1;
  const Token& b = tokens_[before];
  if (b.kind == TokenKind::kPunct) {
    if (b.punct == '$' || b.punct == 0x20AA || b.punct == 0x20AC || b.punct == 0xA3 || b.punct == 0xA5 ||
        b.punct == '#') {
      return false;
    }
    if (is_hyphen(before) && !b.space_before && !tokens_[first].space_before && before > 0) {
      const Token& c = tokens_[before - 1];
      if (c.kind == TokenKind::kLatin || c.kind == TokenKind::kNumber) return false;
    }
    return true;
  }
  if (b.entry != nullptr && (b.entry->flags & lex::kNotYearBefore) != 0 &&
      (b.kind == TokenKind::kLatin || b.prefix.empty() || last_prefix_letter(b) == 'h')) {
    return false;
  }
  return true;
}

// "a.m.", "am", "p.m.", "PM" at k: returns the index after it (0 when absent) and moves hour.
std::size_t Scanner::match_clock_suffix(std::size_t k, int& hour) const {
  const Token* t = at(k);
  if (t == nullptr || t->kind != TokenKind::kLatin) return 0;
  bool pm = false;
  std::size_t next = 0;
  if (const lex::Entry* e = english(k, lex::kAmPm)) {
    pm = e->value == 12;
    next = k + 1;
  } else if ((t->key == "a" || t->key == "p" || t->key == "A" || t->key == "P") && is_punct(k + 1, '.') &&
             at(k + 2) != nullptr && (at(k + 2)->key == "m" || at(k + 2)->key == "M")) {
    pm = t->key == "p" || t->key == "P";
    next = is_punct(k + 3, '.') ? k + 4 : k + 3;
  } else {
    return 0;
  }
  if (hour < 1 || hour > 12) return 0;
  if (pm && hour < 12) hour += 12;
  if (!pm && hour == 12) hour = 0;
  return next;
}

// A day number at `number` followed by a month: 12 April [2019], 12th of April, 12 באפריל [2019].
std::size_t Scanner::match_day_month(std::size_t first, std::size_t number, int day) {
  std::size_t k = number + 1;
  const Token* suffix = at(k);
  if (suffix != nullptr && suffix->kind == TokenKind::kLatin && !suffix->space_before &&
      (suffix->key == "th" || suffix->key == "st" || suffix->key == "nd" || suffix->key == "rd")) {
    ++k;
    if (english(k, lex::kMonthCue) != nullptr && at(k)->key == "of") ++k;
  }
  const Token* m = at(k);
  if (m == nullptr || m->entry == nullptr || (m->entry->flags & lex::kMonth) == 0) return 0;
  if (m->kind == TokenKind::kHebrew) {
    const char p = last_prefix_letter(*m);
    if (!(m->prefix.empty() || (m->prefix.size() == 2 && (p == 'b' || p == 'l')))) return 0;
  } else if (m->kind != TokenKind::kLatin || !m->capitalized) {
    return 0;
  }
  const int month = m->entry->value;
  std::size_t last = k;
  if ((m->entry->flags & lex::kAbbreviation) != 0 && is_punct(k + 1, '.') && !at(k + 1)->space_before) last = k + 1;
  std::size_t y = last + 1;
  if (is_punct(y, ',')) ++y;
  int year = year_at(y);
  if (year != 0 && quantity_follows(y + 1)) year = 0;
  if (year != 0) last = y;
  if (year != 0 ? !is_valid_date(year, month, day) : !is_valid_date(2000, month, day)) return 0;
  TimeMention& out = emit(first, last, MentionKind::kDate);
  out.year = year;
  out.month = month;
  out.day = day;
  return last + 1;
}

std::size_t Scanner::match_number(std::size_t first, std::size_t number) {
  const Token& t = tokens_[number];
  const NumberShape s = number_shape(t.key);
  const bool prefixed = first != number;
  switch (s.kind) {
    case NumberShape::kDate: {
      int year = 0, month = 0, day = 0;
      bool ambiguous = false;
      if (s.digits_a == 4) {  // ISO order: 2019-04-12, 2019/04/12
        year = s.a;
        month = s.b;
        day = s.c;
        if (s.digits_b > 2 || s.digits_c > 2) return 0;
      } else {
        if (s.digits_a > 2 || s.digits_b > 2 || (s.digits_c != 2 && s.digits_c != 4)) return 0;
        year = s.digits_c == 2 ? two_digit_year(s.c) : s.c;
        const bool day_first_valid = is_valid_date(year, s.b, s.a);
        const bool month_first_valid = is_valid_date(year, s.a, s.b);
        // Day first in Hebrew text, and wherever only day first makes a date.
        if (day_first_valid && (day_first_ || !month_first_valid)) {
          day = s.a;
          month = s.b;
        } else if (month_first_valid && (!day_first_valid || s.a == s.b)) {
          day = s.b;
          month = s.a;
        } else if (day_first_valid && month_first_valid) {
          ambiguous = true;
        } else {
          return 0;
        }
      }
      if (!plausible_year_value(year)) return 0;
      if (!ambiguous && !is_valid_date(year, month, day)) return 0;
      TimeMention& m = emit(first, number, MentionKind::kDate);
      m.year = year;
      m.month = month;
      m.day = day;
      m.ambiguous = ambiguous;
      return number + 1;
    }
    case NumberShape::kDayMonth: {
      // 12.4 / 12/4 without a year: a date only in day-first text and only after a prefix (ב-12.4,
      // ה-12/4); otherwise it is too often a decimal or a score.
      if (!day_first_ || !prefixed || quantity_follows(number + 1)) return 0;
      if (!is_valid_date(2000, s.b, s.a)) return 0;
      TimeMention& m = emit(first, number, MentionKind::kDate);
      m.month = s.b;
      m.day = s.a;
      return number + 1;
    }
    case NumberShape::kClock: {
      int hour = s.a;
      std::size_t last = number;
      if (const std::size_t after = match_clock_suffix(number + 1, hour)) last = after - 1;
      TimeMention& m = emit(first, last, MentionKind::kClock);
      m.hour = hour;
      m.minute = s.b;
      return last + 1;
    }
    case NumberShape::kYearRange: {
      if (!plausible_year_value(s.a) || !plausible_year_value(s.b) || s.b < s.a) return 0;
      if (quantity_follows(number + 1)) return 0;
      TimeMention& from = emit_bytes(tokens_[first].begin, t.begin + 4, t.sentence, MentionKind::kYear);
      from.year = s.a;
      TimeMention& to = emit_bytes(t.end - 4, t.end, t.sentence, MentionKind::kYear);
      to.year = s.b;
      return number + 1;
    }
    case NumberShape::kPlain: {
      if (s.digits_a <= 2 && s.a >= 1 && s.a <= 31) {
        if (const std::size_t next = match_day_month(first, number, s.a)) return next;
      }
      if (s.digits_a <= 4 && !prefixed) {
        if (const std::size_t next = english_offset(number, number, -1, true)) return next;
      }
      if (s.digits_a <= 2) {
        int hour = s.a;
        if (const std::size_t after = match_clock_suffix(number + 1, hour)) {
          TimeMention& m = emit(first, after - 1, MentionKind::kClock);
          m.hour = hour;
          m.minute = 0;
          return after;
        }
      }
      if (s.digits_a == 4 && plausible_year_value(s.a) && plausible_year(first, number, prefixed)) {
        TimeMention& m = emit(first, number, MentionKind::kYear);
        m.year = s.a;
        return number + 1;
      }
      return 0;
    }
    default:
      return 0;
  }
}

}  // namespace sipur::timex
