// estimate_text_time and the names and descriptions used to show mentions.
#include <algorithm>
#include <map>

#include "timex/timex.h"

namespace sipur::timex {
namespace {

struct Candidate {
  DayRange range;
  int count = 0;
};

bool overlaps_as_containment(const DayRange& a, const DayRange& b) {
  return (a.first <= b.first && b.last <= a.last) || (b.first <= a.first && a.last <= b.last);
}

}  // namespace

TextTimeEstimate estimate_text_time(const std::vector<TimeMention>& mentions, std::optional<std::int64_t> reference) {
  TextTimeEstimate out;
  // Days: count and first position, in text order.
  std::map<std::int32_t, std::pair<int, std::size_t>> days;
  for (std::size_t i = 0; i < mentions.size(); ++i) {
    const TimeMention& m = mentions[i];
    if (!m.days) continue;
    if (!reference && m.resolution != Resolution::kExplicit) continue;
    ++out.resolved_mentions;
    if (m.kind == MentionKind::kClock || m.granularity != Granularity::kDay || m.days->first != m.days->last) continue;
    auto [it, fresh] = days.emplace(m.days->first, std::make_pair(0, i));
    ++it->second.first;
  }
  std::vector<std::pair<std::int32_t, std::pair<int, std::size_t>>> ordered(days.begin(), days.end());
  std::sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    if (a.second.first != b.second.first) return a.second.first > b.second.first;
    return a.second.second < b.second.second;
  });
  for (const auto& [day, count_first] : ordered) out.days.push_back({day, count_first.first});

  // Best: the finest granularity the explicit mentions give; most mentioned, then the latest.
  std::vector<const TimeMention*> explicit_mentions;
  for (const TimeMention& m : mentions) {
    if (m.resolution == Resolution::kExplicit && m.days) explicit_mentions.push_back(&m);
  }
  out.explicit_mentions = static_cast<int>(explicit_mentions.size());
  if (explicit_mentions.empty()) return out;
  for (const Granularity g : {Granularity::kDay, Granularity::kMonth, Granularity::kYear}) {
    std::map<std::int32_t, Candidate> candidates;  // by first day
    for (const TimeMention* m : explicit_mentions) {
      if (m->granularity != g) continue;
      Candidate& c = candidates[m->days->first];
      c.range = *m->days;
      ++c.count;
    }
    if (candidates.empty()) continue;
    const Candidate* best = nullptr;
    for (const auto& [first, c] : candidates) {  // ascending: a later one wins a tie
      if (best == nullptr || c.count >= best->count) best = &c;
    }
    int agree = 0;
    for (const TimeMention* m : explicit_mentions) {
      if (overlaps_as_containment(*m->days, best->range)) ++agree;
    }
    const double weight = g == Granularity::kDay ? 1.0 : g == Granularity::kMonth ? 0.8 : 0.5;
    out.best = best->range;
    out.best_granularity = g;
    out.confidence = weight * agree / static_cast<double>(explicit_mentions.size());
    break;
  }
  return out;
}

std::string_view kind_name(MentionKind kind) {
  switch (kind) {
    case MentionKind::kDate:
      return "date";
    case MentionKind::kMonth:
      return "month";
    case MentionKind::kYear:
      return "year";
    case MentionKind::kRelativeDay:
      return "relative-day";
    case MentionKind::kWeekday:
      return "weekday";
    case MentionKind::kRelativePeriod:
      return "relative-period";
    case MentionKind::kOffset:
      return "offset";
    case MentionKind::kClock:
      return "clock";
  }
  return "";
}

std::string_view resolution_name(Resolution resolution) {
  switch (resolution) {
    case Resolution::kUnresolved:
      return "unresolved";
    case Resolution::kExplicit:
      return "explicit";
    case Resolution::kNearestYear:
      return "nearest-year";
    case Resolution::kFromReference:
      return "from-reference";
    case Resolution::kSameSentence:
      return "same-sentence";
  }
  return "";
}

std::string_view granularity_name(Granularity granularity) {
  switch (granularity) {
    case Granularity::kDay:
      return "day";
    case Granularity::kWeek:
      return "week";
    case Granularity::kMonth:
      return "month";
    case Granularity::kYear:
      return "year";
  }
  return "";
}

namespace {

std::string_view unit_name(Unit unit) {
  switch (unit) {
    case Unit::kDay:
      return "day";
    case Unit::kWeek:
      return "week";
    case Unit::kMonth:
      return "month";
    case Unit::kYear:
      return "year";
    default:
      return "";
  }
}

std::string count_of(int offset, Unit unit) {
  std::string out = offset > 0 ? "+" : "";
  out += std::to_string(offset);
  out += ' ';
  out += unit_name(unit);
  if (offset != 1 && offset != -1) out += 's';
  return out;
}

constexpr std::string_view kWeekdays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
constexpr std::string_view kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};

std::string with_direction(std::string_view name, Direction direction) {
  switch (direction) {
    case Direction::kNearest:
      return std::string(name) + " (nearest)";
    case Direction::kPast:
      return "last " + std::string(name);
    case Direction::kFuture:
      return "next " + std::string(name);
    case Direction::kCurrent:
      return "this " + std::string(name);
  }
  return std::string(name);
}

}  // namespace

std::string describe_relative(const TimeMention& m) {
  switch (m.kind) {
    case MentionKind::kRelativeDay:
      return m.offset == 0 ? "today" : count_of(m.offset, Unit::kDay);
    case MentionKind::kWeekday: {
      if (m.weekday < 0 || m.weekday > 6) return "";
      const std::string_view name = kWeekdays[m.weekday];
      if (m.direction == Direction::kCurrent && m.offset != 0) {
        return std::string(name) + ", " + count_of(m.offset, Unit::kWeek);
      }
      return with_direction(name, m.direction);
    }
    case MentionKind::kRelativePeriod:
      if (m.rolling) return "past " + std::string(unit_name(m.unit));
      if (m.offset == 0) return "this " + std::string(unit_name(m.unit));
      return count_of(m.offset, m.unit);
    case MentionKind::kOffset:
      return count_of(m.offset, m.unit) + (m.approximate ? " (about)" : "");
    case MentionKind::kMonth:
      if (m.year != 0 || m.month < 1 || m.month > 12) return "";
      return with_direction(kMonths[m.month - 1], m.direction);
    case MentionKind::kDate:
      if (m.year != 0 || m.month < 1 || m.month > 12) return "";
      return std::to_string(m.day) + " " + std::string(kMonths[m.month - 1]) + " (nearest year)";
    default:
      return "";
  }
}

}  // namespace sipur::timex
