// English patterns: today / yesterday / last night; weekdays with last,
// next, this and a following week; months with a day, a year or a cue word
// (in July, since March); last / next / this week, month, year; "3 days
// ago", "in two weeks".
#include "timex/scanner.h"

namespace sipur::timex {
namespace {

Direction direction_of(const lex::Entry& e, bool& rolling) {
  rolling = false;
  if (e.flags & lex::kQualPast) return Direction::kPast;
  if (e.flags & lex::kQualNext) return Direction::kFuture;
  if (e.flags & lex::kQualRecent) {
    rolling = true;
    return Direction::kPast;
  }
  if (e.flags & lex::kQualThis) return Direction::kCurrent;
  return Direction::kNearest;
}

constexpr std::uint32_t kQualifiers = lex::kQualPast | lex::kQualNext | lex::kQualRecent | lex::kQualThis;

}  // namespace

// An amount and a unit at k, then "ago" when need_ago (3 days ago, a week ago, two years ago);
// otherwise after "in" (in 3 days, in two weeks), and then not followed by "ago" or "time".
std::size_t Scanner::english_offset(std::size_t first, std::size_t k, int sign, bool need_ago) {
  const Token* t = at(k);
  if (t == nullptr) return 0;
  int amount = 0;
  if (t->kind == TokenKind::kNumber) {
    amount = small_number_at(k, 3660);
  } else if (const lex::Entry* n = english(k, lex::kNumber)) {
    amount = n->value;
    if (n->value >= 20 && is_hyphen(k + 1)) {  // twenty-one
      if (const lex::Entry* u = english(k + 2, lex::kNumber); u != nullptr && u->value < 10) {
        amount += u->value;
        k += 2;
      }
    }
  }
  if (amount <= 0) return 0;
  const lex::Entry* u = english(k + 1, lex::kUnit);
  if (u == nullptr) return 0;
  std::size_t last = k + 1;
  if (need_ago) {
    if (english(k + 2, lex::kAgo) == nullptr) return 0;
    last = k + 2;
  } else if (english(k + 2, lex::kAgo) != nullptr) {
    return 0;
  }
  TimeMention& m = emit(first, last, MentionKind::kOffset);
  m.unit = u->unit;
  m.offset = sign * amount;
  if (first > 0) {
    const Token& b = tokens_[first - 1];
    m.approximate = b.kind == TokenKind::kLatin && (b.key == "about" || b.key == "around" || b.key == "nearly" ||
                                                    b.key == "roughly" || b.key == "some" || b.key == "almost");
  }
  return last + 1;
}

// After a weekday at k-1: "Thursday last week", "Monday next week", "Friday this week".
std::size_t Scanner::english_weekday_tail(std::size_t first, std::size_t k, int weekday, Direction direction) {
  int week_offset = 0;
  if (direction == Direction::kNearest) {
    const lex::Entry* q = english(k, kQualifiers);
    const lex::Entry* w = english(k + 1, lex::kPeriodUnit);
    if (q != nullptr && w != nullptr && w->unit == Unit::kWeek) {
      bool rolling = false;
      const Direction d = direction_of(*q, rolling);
      if (!rolling) {
        direction = Direction::kCurrent;
        week_offset = d == Direction::kPast ? -1 : d == Direction::kFuture ? 1 : 0;
        k += 2;
      }
    }
  }
  return emit_weekday(first, k - 1, weekday, direction, week_offset);
}

// A month name at k (first: where the mention starts, at last / next / this when there is one).
std::size_t Scanner::english_month(std::size_t first, std::size_t k, Direction direction) {
  const Token& t = tokens_[k];
  if (!t.capitalized) return 0;
  const int month = t.entry->value;
  const bool abbreviation = (t.entry->flags & lex::kAbbreviation) != 0;
  std::size_t j = k + 1;
  if (abbreviation && is_punct(j, '.') && !at(j)->space_before) ++j;
  if (direction == Direction::kNearest) {
    // April 12[th][,] [2019]
    if (const int day = small_number_at(j, 31); day != 0 && at(j)->key.size() <= 2) {
      std::size_t last = j;
      const Token* suffix = at(j + 1);
      if (suffix != nullptr && suffix->kind == TokenKind::kLatin && !suffix->space_before &&
          (suffix->key == "th" || suffix->key == "st" || suffix->key == "nd" || suffix->key == "rd")) {
        last = j + 1;
      }
      std::size_t y = last + 1;
      if (is_punct(y, ',')) ++y;
      int year = year_at(y);
      if (year != 0 && quantity_follows(y + 1)) year = 0;
      if (year != 0) last = y;
      if (year != 0 ? is_valid_date(year, month, day) : is_valid_date(2000, month, day)) {
        TimeMention& m = emit(first, last, MentionKind::kDate);
        m.year = year;
        m.month = month;
        m.day = day;
        return last + 1;
      }
    }
    // April 2019, April, 2019
    std::size_t y = j;
    if (is_punct(y, ',')) ++y;
    if (const int year = year_at(y); year != 0 && !quantity_follows(y + 1)) {
      TimeMention& m = emit(first, y, MentionKind::kMonth);
      m.year = year;
      m.month = month;
      return y + 1;
    }
    if (abbreviation) return 0;
    // in July, since March, mid-July: a cue word before it.
    bool cue = false;
    if (k > 0) {
      std::size_t b = k - 1;
      if (is_hyphen(b) && b > 0) --b;
      cue = english(b, lex::kMonthCue) != nullptr;
    }
    if (!cue) return 0;
  } else if (abbreviation) {
    return 0;
  }
  TimeMention& m = emit(first, k, MentionKind::kMonth);
  m.month = month;
  m.direction = direction;
  return k + 1;
}

std::size_t Scanner::match_english(std::size_t i) {
  const Token& t = tokens_[i];
  const lex::Entry& e = *t.entry;

  // the day before yesterday, the day after tomorrow
  if (e.flags & lex::kDayFiller) {
    std::size_t k = t.key == "the" ? i + 1 : i;
    if (at(k) != nullptr && at(k)->key == "day") {
      const Token* dir = at(k + 1);
      const lex::Entry* d = english(k + 2, lex::kRelDay);
      if (dir != nullptr && d != nullptr &&
          ((dir->key == "before" && d->value == -1) || (dir->key == "after" && d->value == 1))) {
        TimeMention& m = emit(i, k + 2, MentionKind::kRelativeDay);
        m.unit = Unit::kDay;
        m.offset = 2 * d->value;
        return k + 3;
      }
    }
  }

  if (e.flags & lex::kRelDay) {
    TimeMention& m = emit(i, i, MentionKind::kRelativeDay);
    m.unit = Unit::kDay;
    m.offset = e.value;
    return i + 1;
  }

  if (e.flags & kQualifiers) {
    bool rolling = false;
    Direction direction = direction_of(e, rolling);
    std::size_t k = i + 1;
    // this past Monday, this coming Monday
    if (direction == Direction::kCurrent) {
      if (const lex::Entry* q = english(k, lex::kQualRecent | lex::kQualNext)) {
        direction = direction_of(*q, rolling);
        rolling = false;
        ++k;
      }
    }
    const Token* n = at(k);
    if (n != nullptr && n->kind == TokenKind::kLatin && n->entry != nullptr) {
      const lex::Entry& ne = *n->entry;
      if (ne.flags & lex::kWeekdayName) {
        return english_weekday_tail(i, k + 1, ne.weekday, direction);
      }
      if ((ne.flags & lex::kMonth) && n->capitalized) {
        if (const std::size_t next = english_month(i, k, direction)) return next;
      }
      if (ne.flags & lex::kPeriodUnit) {
        TimeMention& m = emit(i, k, MentionKind::kRelativePeriod);
        m.unit = ne.unit;
        m.direction = direction;
        m.rolling = rolling;
        m.offset = rolling || direction == Direction::kCurrent ? 0 : (direction == Direction::kPast ? -1 : 1);
        return k + 1;
      }
      // last night, this morning, this evening
      if ((ne.flags & lex::kPartOfDay) && (direction == Direction::kCurrent || (t.key == "last" && n->key == "night") ||
                                           (t.key == "last" && n->key == "evening"))) {
        TimeMention& m = emit(i, k, MentionKind::kRelativeDay);
        m.unit = Unit::kDay;
        m.offset = direction == Direction::kCurrent ? 0 : -1;
        return k + 1;
      }
    }
    return 0;
  }

  if (e.flags & lex::kWeekdayName) return english_weekday_tail(i, i + 1, e.weekday, Direction::kNearest);

  if (e.flags & lex::kMonth) return english_month(i, i, Direction::kNearest);

  if ((e.flags & lex::kIn) && t.key == "in") {
    if (const std::size_t next = english_offset(i, i + 1, 1, false)) return next;
    return 0;
  }

  if (e.flags & lex::kNumber) return english_offset(i, i, -1, true);
  return 0;
}

}  // namespace sipur::timex
