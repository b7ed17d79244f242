// Hebrew patterns. Words are read after their prefix letters (tokens.cpp),
// and what the prefix is decides the reading: היום is today and ביום starts a
// weekday; בשבוע needs a qualifier (שעבר, הבא) and השבוע is this week; a
// month name needs a cue (docs/TIMEX.md).
#include "timex/scanner.h"

namespace sipur::timex {
namespace {

// The weekday of a letter name: א' = Sunday .. ו' = Friday, ש' = Saturday.
int weekday_letter(std::string_view key) {
  static constexpr std::string_view kLetters[] = {"א", "ב", "ג", "ד", "ה", "ו", "ש"};
  for (int i = 0; i < 7; ++i) {
    if (key == kLetters[i]) return i;
  }
  return -1;
}

}  // namespace

// A qualifier word at k: שעבר/הקודם (past), הבא/הקרוב (next), האחרון (recent: past, or rolling for a
// period), הזה (this). kNearest when there is none.
Direction Scanner::hebrew_qualifier(std::size_t k, bool& rolling) const {
  rolling = false;
  const Token* t = at(k);
  if (t == nullptr || t->kind != TokenKind::kHebrew || t->entry == nullptr || !t->prefix.empty()) {
    return Direction::kNearest;
  }
  const std::uint32_t f = t->entry->flags;
  if (f & lex::kQualPast) return Direction::kPast;
  if (f & lex::kQualNext) return Direction::kFuture;
  if (f & lex::kQualRecent) {
    rolling = true;
    return Direction::kPast;
  }
  if (f & lex::kQualThis) return Direction::kCurrent;
  return Direction::kNearest;
}

// Readings with the article (היום, השבוע, השנה, הלילה) that mean "the day", "the year" instead:
// ראש השנה, סדר היום, באותו היום, כל השנה; היום שבו, השנה הראשונה, השנה החדשה, היום ה-12.
bool Scanner::article_reading_excluded(std::size_t i) const {
  if (i > 0) {
    const Token& b = tokens_[i - 1];
    if (b.kind == TokenKind::kHebrew && b.entry != nullptr && (b.entry->flags & lex::kNotArticleBefore) != 0 &&
        last_prefix_letter(b) != 'h') {
      return true;
    }
  }
  const Token* n = at(i + 1);
  // היום ה-12 (of an operation), השנה ה-70: a count of days or years.
  if (n != nullptr && n->kind == TokenKind::kHebrew && n->key == "ה" && is_hyphen(i + 2) && at(i + 3) != nullptr &&
      at(i + 3)->kind == TokenKind::kNumber) {
    return true;
  }
  if (n == nullptr || n->kind != TokenKind::kHebrew || n->entry == nullptr) return false;
  if ((n->entry->flags & lex::kNotArticleAfter) != 0 && n->prefix.empty()) return true;
  return (n->entry->flags & lex::kOrdinal) != 0 && n->prefix.size() == 2 && last_prefix_letter(*n) == 'h';
}

// "(שישי)" or "(יום שישי)" after היום / אתמול: the day the text names. Returns the index after ")".
std::size_t Scanner::weekday_in_parentheses(std::size_t k, int& weekday) const {
  if (!is_punct(k, '(')) return 0;
  std::size_t j = k + 1;
  if (const lex::Entry* d = hebrew(j, lex::kDayWord); d != nullptr && at(j)->prefix.empty()) ++j;
  const lex::Entry* w = hebrew(j, lex::kWeekdayName);
  if (w == nullptr || !at(j)->prefix.empty() || !is_punct(j + 1, ')')) return 0;
  weekday = w->weekday;
  return j + 2;
}

// A Hebrew amount at k: digits, a number word (with כ for "about"), tens and ו-units (עשרים ושלושה),
// teens (שלושה עשר). Returns the index after it, 0 when none.
std::size_t Scanner::hebrew_number(std::size_t k, int& value, bool& approximate) const {
  const Token* t = at(k);
  if (t == nullptr) return 0;
  // כ-3 / כ 3: the prefix alone, then the number.
  if (t->kind == TokenKind::kHebrew && t->key == "כ") {
    approximate = true;
    std::size_t j = k + 1;
    if (is_hyphen(j)) ++j;
    const int n = small_number_at(j, 10000);
    if (n == 0) return 0;
    value = n;
    return j + 1;
  }
  if (t->kind == TokenKind::kNumber) {
    const int n = small_number_at(k, 10000);
    if (n == 0) return 0;
    value = n;
    return k + 1;
  }
  const lex::Entry* e = hebrew(k, lex::kNumber);
  if (e == nullptr) return 0;
  if (!t->prefix.empty()) {
    if (t->prefix != "כ") return 0;
    approximate = true;
  }
  value = e->value;
  std::size_t next = k + 1;
  if (value < 10 && hebrew(next, lex::kTeen) != nullptr && at(next)->prefix.empty()) {
    value += 10;
    ++next;
  } else if (value >= 20 && value % 10 == 0) {
    const lex::Entry* u = hebrew(next, lex::kNumber);
    if (u != nullptr && at(next)->prefix == "ו" && u->value < 10) {
      value += u->value;
      ++next;
    }
  }
  return next;
}

// לפני / בעוד at i, then an amount and a unit, or a unit alone (לפני שבוע, בעוד כחודש, לפני יומיים).
std::size_t Scanner::match_hebrew_offset(std::size_t i, int sign) {
  std::size_t k = i + 1;
  int amount = 1;
  bool approximate = false;
  if (const std::size_t after = hebrew_number(k, amount, approximate)) k = after;
  const Token* u = at(k);
  const lex::Entry* e = hebrew(k, lex::kUnit);
  if (e == nullptr) return 0;
  const bool had_number = k != i + 1;
  if (!u->prefix.empty()) {
    if (u->prefix != "כ" || had_number) return 0;
    approximate = true;
  }
  // "לפני יום" alone is too often "before the day of"; a day needs a number.
  if (!had_number && e->unit == Unit::kDay && e->unit_count == 1) return 0;
  if (had_number && e->unit_count != 1) return 0;  // "שלושה יומיים" is not an amount
  const int count = amount * e->unit_count;
  if (count <= 0 || count > 3660) return 0;
  TimeMention& m = emit(i, k, MentionKind::kOffset);
  m.unit = e->unit;
  m.offset = sign * count;
  m.approximate = approximate;
  return k + 1;
}

// After a weekday name at k-1 (first is where the mention started): a qualifier (הקרוב, שעבר), and a
// week (בשבוע שעבר, בשבוע הבא, השבוע) that says which week.
std::size_t Scanner::hebrew_weekday_tail(std::size_t first, std::size_t k, int weekday) {
  bool rolling = false;
  Direction direction = hebrew_qualifier(k, rolling);
  if (direction != Direction::kNearest) ++k;
  int week_offset = 0;
  if (direction == Direction::kNearest) {
    const Token* w = at(k);
    const lex::Entry* e = hebrew(k, lex::kPeriodUnit);
    if (e != nullptr && e->unit == Unit::kWeek) {
      const char p = last_prefix_letter(*w);
      bool week_rolling = false;
      const Direction week = hebrew_qualifier(k + 1, week_rolling);
      if ((p == 'b' || p == 'h') && (week == Direction::kPast || week == Direction::kFuture) && !week_rolling) {
        direction = Direction::kCurrent;
        week_offset = week == Direction::kPast ? -1 : 1;
        k += 2;
      } else if (p == 'h' && w->prefix.size() == 2 && week == Direction::kNearest) {
        direction = Direction::kCurrent;
        k += 1;
      }
    }
  }
  return emit_weekday(first, k - 1, weekday, direction, week_offset);
}

// A month name at k (first: where the mention started, a cue such as בחודש), then a year or a
// qualifier.
std::size_t Scanner::hebrew_month(std::size_t first, std::size_t k) {
  const Token& t = tokens_[k];
  const int month = t.entry->value;
  const char p = last_prefix_letter(t);
  if (first == k && t.prefix.size() > 6) return 0;
  int year = year_at(k + 1);
  if (year != 0 && quantity_follows(k + 2)) year = 0;
  if (year != 0) {
    TimeMention& m = emit(first, k + 1, MentionKind::kMonth);
    m.year = year;
    m.month = month;
    return k + 2;
  }
  bool rolling = false;
  const Direction direction = hebrew_qualifier(k + 1, rolling);
  bool cue = first != k || direction != Direction::kNearest;
  if (!cue && k > 0) {
    const Token& b = tokens_[k - 1];
    cue = b.kind == TokenKind::kHebrew && b.entry != nullptr && (b.entry->flags & lex::kMonthCue) != 0;
  }
  // מאי is also "from whom" and במאי "director": it needs a cue; other months with ב or מ do not.
  if (!cue && !(month != 5 && (p == 'b' || p == 'm'))) return 0;
  const std::size_t last = direction != Direction::kNearest ? k + 1 : k;
  TimeMention& m = emit(first, last, MentionKind::kMonth);
  m.month = month;
  m.direction = direction;
  return last + 1;
}

std::size_t Scanner::match_hebrew(std::size_t i) {
  const Token& t = tokens_[i];
  // A prefix on a number: ב-2019, ה-12 באפריל, ב12.4, מ־2015.
  if (t.prefix_only) {
    std::size_t j = i + 1;
    if (is_hyphen(j)) ++j;
    const Token* n = at(j);
    if (n != nullptr && n->kind == TokenKind::kNumber && (j != i + 1 || !n->space_before)) {
      if (const std::size_t next = match_number(i, j)) return next;
      return j + 1;
    }
  }
  if (t.entry == nullptr) return 0;
  const lex::Entry& e = *t.entry;
  const char p = last_prefix_letter(t);

  if ((e.flags & lex::kAgo) && t.stem == "לפני") return match_hebrew_offset(i, -1);
  if ((e.flags & lex::kIn) && t.stem == "בעוד") return match_hebrew_offset(i, 1);

  if (e.flags & lex::kRelDay) {
    if (p == 'h' || p == 'b') return 0;
    std::size_t last = i;
    int weekday = -1;
    if (const std::size_t after = weekday_in_parentheses(i + 1, weekday)) last = after - 1;
    TimeMention& m = emit(i, last, MentionKind::kRelativeDay);
    m.unit = Unit::kDay;
    m.offset = e.value;
    m.weekday = weekday;
    return last + 1;
  }

  if (e.flags & lex::kLastYear) {
    TimeMention& m = emit(i, i, MentionKind::kRelativePeriod);
    m.unit = Unit::kYear;
    m.offset = -1;
    m.direction = Direction::kPast;
    return i + 1;
  }

  if ((e.flags & lex::kDayWord) && p != 'h') {
    // ביום חמישי, ביום ה', ביום ה ' (spaced), עד יום ראשון; not ביום השני (the second day).
    const Token* n = at(i + 1);
    if (n != nullptr && n->kind == TokenKind::kHebrew) {
      const lex::Entry* w = hebrew(i + 1, lex::kWeekdayName);
      if (w != nullptr && n->prefix.empty()) return hebrew_weekday_tail(i, i + 2, w->weekday);
      const int letter = weekday_letter(n->key);
      if (letter >= 0 && is_geresh(i + 2)) return hebrew_weekday_tail(i, i + 3, letter);
    }
  }

  if ((e.flags & lex::kRelDayWithArticle) && p == 'h' && !article_reading_excluded(i)) {
    std::size_t last = i;
    int weekday = -1;
    if (t.stem == "יום") {
      if (const std::size_t after = weekday_in_parentheses(i + 1, weekday)) last = after - 1;
    }
    TimeMention& m = emit(i, last, MentionKind::kRelativeDay);
    m.unit = Unit::kDay;
    m.offset = 0;
    m.weekday = weekday;
    return last + 1;
  }

  // בשבת, ובשבת האחרונה, משבת: Saturday without יום.
  if ((e.flags & lex::kWeekdayName) && e.weekday == 6 && (p == 'b' || p == 'm')) {
    return hebrew_weekday_tail(i, i + 1, 6);
  }

  if (e.flags & lex::kPeriodUnit) {
    // בחודש יולי, חודש ספטמבר האחרון: the month name with its cue.
    if (e.unit == Unit::kMonth && hebrew(i + 1, lex::kMonth) != nullptr && at(i + 1)->prefix.empty()) {
      if (const std::size_t next = hebrew_month(i, i + 1)) return next;
    }
    bool rolling = false;
    const Direction direction = hebrew_qualifier(i + 1, rolling);
    if (direction != Direction::kNearest && direction != Direction::kCurrent && (p == 'b' || p == 'h' || p == '\0')) {
      TimeMention& m = emit(i, i + 1, MentionKind::kRelativePeriod);
      m.unit = e.unit;
      m.direction = direction;
      m.rolling = rolling;
      m.offset = rolling ? 0 : (direction == Direction::kPast ? -1 : 1);
      return i + 2;
    }
    if ((p == 'h' && !article_reading_excluded(i)) || (p == 'b' && direction == Direction::kCurrent)) {
      const std::size_t last = direction == Direction::kCurrent ? i + 1 : i;
      TimeMention& m = emit(i, last, MentionKind::kRelativePeriod);
      m.unit = e.unit;
      m.direction = Direction::kCurrent;
      return last + 1;
    }
  }

  if (e.flags & lex::kMonth) return hebrew_month(i, i);

  // בשנת 2019, משנת 1948.
  if (e.flags & lex::kYearCue && t.stem == "שנת") {
    const int year = year_at(i + 1);
    if (year != 0 && !quantity_follows(i + 2)) {
      TimeMention& m = emit(i, i + 1, MentionKind::kYear);
      m.year = year;
      return i + 2;
    }
  }

  // בשעה 10:00, בשעה 10, עד השעה 14:30.
  if (e.flags & lex::kHour) {
    const Token* n = at(i + 1);
    if (n != nullptr && n->kind == TokenKind::kNumber) {
      const NumberShape s = number_shape(n->key);
      if (s.kind == NumberShape::kClock || (s.kind == NumberShape::kPlain && s.digits_a <= 2 && s.a <= 24)) {
        TimeMention& m = emit(i, i + 1, MentionKind::kClock);
        m.hour = s.a == 24 ? 0 : s.a;
        m.minute = s.kind == NumberShape::kClock ? s.b : 0;
        return i + 2;
      }
    }
  }
  return 0;
}

}  // namespace sipur::timex
