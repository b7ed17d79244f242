// Saving and loading an EventClusterer's state. The format is private to
// this file, written with core/byte_io.h behind a magic string with a
// version. A state that does not read back whole is refused, and the caller
// replays assignments instead. Weights and norms are stored bit for bit, so a
// resumed clusterer decides exactly as one that never stopped.
#include <algorithm>

#include "cluster/event_clusterer.h"
#include "core/byte_io.h"

namespace sipur::cluster {
namespace {

// 2: events with a pending story; 3: display forms of terms; 4: the
// window of recent articles and each event's recent titles, which the
// learned decision weighs (an older state is refused, and the store's
// assignments are replayed instead)
constexpr std::string_view kMagic = "sipur-clusterer-state 4\n";

template <class Map>
void put_counts(ByteWriter& w, const Map& counts) {
  // Sorted, so that the same state gives the same bytes.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end());
  w.put(static_cast<std::uint64_t>(sorted.size()));
  for (const auto& [term, n] : sorted) {
    w.put(term);
    w.put(n);
  }
}

}  // namespace

std::string EventClusterer::save_state() const {
  auto write = [this](ByteWriter& w) {
    w.put_bytes(kMagic);
    w.put(static_cast<std::int64_t>(documents_));
    w.put(next_event_);
    w.put(next_story_);
    w.put(static_cast<std::uint64_t>(adds_since_sweep_));
    w.put(static_cast<std::uint64_t>(term_names_.size()));
    for (std::size_t t = 0; t < term_names_.size(); ++t) {
      w.put_string(term_names_[t]);
      // How it reads: 0 as itself, 1 not yet decided, 2 a form and its votes.
      const std::uint32_t slot = term_display_[t];
      const std::uint8_t reads = slot == kItself ? 0 : slot == kUnseen ? 1 : 2;
      w.put(reads);
      if (reads == 2) {
        w.put_string(display_forms_[slot].form);
        w.put(display_forms_[slot].votes);
      }
      w.put(df_[t]);
    }
    auto put_vector = [&w](const SparseVector& v) {
      w.put(static_cast<std::uint64_t>(v.size()));
      for (const auto& [t, x] : v) {
        w.put(t);
        w.put(x);
      }
    };
    auto put_centroid = [&w](const Centroid& c) {
      w.put(static_cast<std::uint64_t>(c.terms.size()));
      for (std::size_t i = 0; i < c.terms.size(); ++i) {
        w.put(c.terms[i]);
        w.put(c.weights[i]);
      }
      w.put(c.norm2);
    };
    w.put(static_cast<std::uint64_t>(live_stories_.size()));
    for (const auto& [number, slot] : live_stories_) {
      const Story& s = stories_[slot];
      w.put(s.number);
      put_centroid(s.title);
      put_counts(w, s.entities);
      w.put_time(s.last);
      w.put(static_cast<std::uint64_t>(s.size));
    }
    w.put(static_cast<std::uint64_t>(live_events_.size()));
    for (const auto& [number, slot] : live_events_) {
      const Event& e = events_[slot];
      w.put(e.number);
      w.put(e.story == kPendingStory ? std::uint64_t{0} : stories_[e.story].number);  // 0: pending
      put_centroid(e.title);
      put_centroid(e.body);
      put_counts(w, e.entities);
      w.put(static_cast<std::uint64_t>(e.members.size()));
      for (const std::string& id : e.members) w.put_string(id);
      w.put(static_cast<std::uint64_t>(e.size));
      w.put_time(e.first);
      w.put_time(e.last);
      w.put_string(e.label);
      w.put(e.label_score);
      w.put(static_cast<std::uint8_t>(e.changed));
      w.put(static_cast<std::uint64_t>(e.recent_titles.size()));
      for (const Event::MemberTitle& member : e.recent_titles) {
        w.put_time(member.published);
        put_vector(member.title);
      }
    }
    w.put(static_cast<std::uint64_t>(recent_.size()));
    for (const Recent& r : recent_) {
      w.put_time(r.published);
      w.put(static_cast<std::uint64_t>(r.terms.size()));
      for (const TermId t : r.terms) w.put(t);
    }
  };
  // Sized before it is written: the state can take megabytes, and RSS crept
  // up on the million-article replay while it grew by doubling.
  return ByteWriter::write_sized(write);
}

bool EventClusterer::load_state(std::string_view bytes) {
  *this = EventClusterer(options_);
  ByteReader r(bytes);
  if (!read_state(r) || !r.ok() || !r.at_end()) {
    *this = EventClusterer(options_);
    return false;
  }
  return true;
}

// The body of load_state: false on the first inconsistency.
bool EventClusterer::read_state(ByteReader& r) {
  if (!r.skip_magic(kMagic)) return false;
  documents_ = r.get<std::int64_t>();
  next_event_ = r.get<std::uint64_t>();
  next_story_ = r.get<std::uint64_t>();
  adds_since_sweep_ = static_cast<std::size_t>(r.get<std::uint64_t>());
  const std::size_t terms = r.get_count(16);
  for (std::size_t t = 0; t < terms && r.ok(); ++t) {
    const std::string name = r.get_string();
    const auto reads = r.get<std::uint8_t>();
    if (reads > 2) return false;
    std::uint32_t slot = reads == 0 ? kItself : kUnseen;
    if (reads == 2) {
      slot = static_cast<std::uint32_t>(display_forms_.size());
      DisplayForm& d = display_forms_.emplace_back();
      d.form = r.get_string();
      d.votes = r.get<std::uint32_t>();
    }
    const auto df = r.get<std::int64_t>();
    if (intern(name) != t) return false;  // a repeated term
    term_display_[t] = slot;
    df_[t] = df;
  }
  auto valid_term = [&](TermId t) { return t < term_names_.size(); };
  auto get_centroid = [&](Centroid& c, std::uint32_t slot, std::vector<std::vector<Posting>>& postings) {
    const std::size_t n = r.get_count(8);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
      const auto t = r.get<TermId>();
      const auto weight = r.get<float>();
      if (!valid_term(t) || !c.index.try_emplace(t, static_cast<std::uint32_t>(i)).second) return false;
      c.terms.push_back(t);
      c.weights.push_back(weight);
      postings[t].push_back({slot, static_cast<std::uint32_t>(i)});
    }
    c.norm2 = r.get<double>();
    return r.ok();
  };
  auto get_counts = [&](std::unordered_map<TermId, std::uint32_t>& counts) {
    const std::size_t n = r.get_count(8);
    for (std::size_t i = 0; i < n && r.ok(); ++i) {
      const auto t = r.get<TermId>();
      const auto count = r.get<std::uint32_t>();
      if (!valid_term(t)) return false;
      counts[t] = count;
    }
    return r.ok();
  };
  const std::size_t stories = r.get_count(8);
  for (std::size_t i = 0; i < stories && r.ok(); ++i) {
    const auto number = r.get<std::uint64_t>();
    if (number == 0 || live_stories_.count(number)) return false;
    const std::uint32_t slot = create_story(number);
    Story& s = stories_[slot];
    if (!get_centroid(s.title, slot, story_postings_) || !get_counts(s.entities)) return false;
    s.last = r.get_time();
    s.size = static_cast<std::size_t>(r.get<std::uint64_t>());
  }
  const std::size_t events = r.get_count(8);
  for (std::size_t i = 0; i < events && r.ok(); ++i) {
    const auto number = r.get<std::uint64_t>();
    const auto story_number = r.get<std::uint64_t>();
    const auto story = live_stories_.find(story_number);
    if (number == 0 || live_events_.count(number) || (story_number != 0 && story == live_stories_.end())) {
      return false;
    }
    const std::uint32_t slot = create_event(number, story_number == 0 ? kPendingStory : story->second);

    Event& e = events_[slot];
    if (!get_centroid(e.title, slot, title_postings_) || !get_centroid(e.body, slot, body_postings_) ||
        !get_counts(e.entities)) {
      return false;
    }
    for (const auto& [x, n] : e.entities) entity_postings_[x].push_back({slot, 0});
    const std::size_t members = r.get_count(8);
    for (std::size_t m = 0; m < members && r.ok(); ++m) {
      e.members.push_back(r.get_string());
      article_event_[e.members.back()] = slot;
    }
    e.size = static_cast<std::size_t>(r.get<std::uint64_t>());
    e.first = r.get_time();
    if (story_number == 0 && e.first) pending_dated_.push_back(number);  // saved oldest first, as they wait
    e.last = r.get_time();
    e.label = r.get_string();
    e.label_score = r.get<double>();
    e.changed = r.get<std::uint8_t>() != 0;
    const std::size_t titles = r.get_count(8);
    for (std::size_t m = 0; m < titles && r.ok(); ++m) {
      Event::MemberTitle& member = e.recent_titles.emplace_back();
      member.published = r.get_time();
      SparseVector& title = member.title;
      const std::size_t n = r.get_count(8);
      for (std::size_t k = 0; k < n && r.ok(); ++k) {
        const auto t = r.get<TermId>();
        const auto x = r.get<float>();
        if (!valid_term(t)) return false;
        title.emplace_back(t, x);
      }
    }
  }
  const std::size_t recent = r.get_count(8);
  for (std::size_t i = 0; i < recent && r.ok(); ++i) {
    Recent& x = recent_.emplace_back();
    x.published = r.get_time();
    const std::size_t n = r.get_count(4);
    for (std::size_t k = 0; k < n && r.ok(); ++k) {
      const auto t = r.get<TermId>();
      if (!valid_term(t)) return false;
      x.terms.push_back(t);
      ++recent_df_[t];
    }
  }
  return r.ok();
}

}  // namespace sipur::cluster
