#include "cluster/features.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <nlohmann/json.hpp>

#include "core/byte_io.h"
#include "text/normalize.h"

namespace sipur::cluster {
namespace {

// Counts terms into a TermCounts, finding each term through an index of
// views into the analysis tokens, which outlive it. Alongside, how each
// term reads where its key does not (ArticleFeatures::display): a key that
// is a Snowball stem reads as the first form met with it, a possessive
// without its 's ("snowden" for "Snowden's"), and a key met as itself reads
// as itself (Hebrew keys are lemmas, which are words already). Across
// articles, the clusterer takes the form most of them use.
class TermCounter {
 public:
  explicit TermCounter(TermCounts& terms) : terms_(terms) {}
  // Room for `n` distinct terms, so that a long body does not rehash its
  // index term by term. (Not the terms themselves: they are kept, and a
  // guess would hold its slack in every article waiting to be clustered.)
  void reserve(std::size_t n) {
    index_.reserve(n);
    forms_.reserve(n);
  }
  void add(std::string_view term, const analysis::AnalyzedToken& t) {
    const auto [it, added] = index_.try_emplace(term, terms_.size());
    if (added) {
      terms_.emplace_back(std::string(term), 0.0F);
      forms_.emplace_back();
    }
    terms_[it->second].second += 1.0F;
    if (t.token.kind != analysis::TokenKind::kLatin) return;
    Form& f = forms_[it->second];
    if (f.itself) return;
    std::string_view form = t.normalized;
    for (const std::string_view possessive : {std::string_view("'s"), std::string_view("\u2019s")}) {
      if (form.size() > possessive.size() && form.ends_with(possessive)) form.remove_suffix(possessive.size());
    }
    if (form == term) {
      f.itself = true;
    } else if (f.form.empty()) {
      f.form = form;
    }
  }
  // The display forms, places numbered from `first`, of the terms that
  // read otherwise; `other` is the article's other part. A term in both
  // reads as itself if either part met it so, and is listed once, with the
  // title's form (`title_first`: this part is the title).
  void put_display(std::uint32_t first, const TermCounter& other, bool title_first,
                   std::vector<std::pair<std::uint32_t, std::string>>& display) const {
    for (std::size_t i = 0; i < forms_.size(); ++i) {
      const Form& f = forms_[i];
      if (f.itself || f.form.empty()) continue;
      if (!other.index_.empty()) {
        if (const auto it = other.index_.find(terms_[i].first); it != other.index_.end()) {
          if (!title_first || other.forms_[it->second].itself) continue;
        }
      }
      display.emplace_back(first + static_cast<std::uint32_t>(i), f.form);
    }
  }

 private:
  struct Form {
    std::string_view form;  // the first met that is not the key; a view into the tokens
    bool itself = false;    // met as the key
  };
  TermCounts& terms_;
  absl::flat_hash_map<std::string_view, std::size_t> index_;
  std::vector<Form> forms_;  // by place, as terms_
};

// Words of datelines ("Friday, March 8, 2013 at 12:46 PM", "21 July 2013
// Last updated at 11:11 GMT", "יום שלישי, 11 באוקטובר 2011"), in their
// matching form or Hebrew lemma.
bool is_date_word(const analysis::AnalyzedToken& t) {
  static const absl::flat_hash_set<std::string_view> date_words = {
      "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
      "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday",
      "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur",
      "thurs", "fri", "sat", "sun", "am", "pm", "a.m", "p.m", "gmt", "utc", "est", "edt", "cst", "cdt", "mst", "mdt",
      "pst", "pdt", "bst", "cet", "cest", "ist", "idt", "published", "updated", "last", "posted", "modified",
      // Hebrew: months, days, hour, published, updated
      "ינואר", "פברואר", "מרץ", "מרס", "אפריל", "מאי", "יוני", "יולי", "אוגוסט", "ספטמבר", "אוקטובר", "נובמבר", "דצמבר",
      "יום", "ראשון", "שני", "שלישי", "רביעי", "חמישי", "שישי", "שבת", "שעה", "פורסם", "עודכן"};
  if (date_words.contains(t.normalized)) return true;
  if (t.token.kind == analysis::TokenKind::kHebrew && date_words.contains(t.lemma)) return true;  // באוקטובר
  // A number glued to a time or an ordinal suffix is one token: 24am, 18th.
  const std::string_view w = t.normalized;
  const std::size_t digits = w.find_first_not_of("0123456789");
  if (digits == 0 || digits == std::string_view::npos) return false;
  const std::string_view suffix = w.substr(digits);
  return suffix == "am" || suffix == "pm" || suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th";
}

// Days and months, capitalized but no names (a date word that can be a
// name stays one: "Jan" as in Jan Egeland, "Sun" the paper).
bool is_calendar_word(const analysis::AnalyzedToken& t) {
  static const absl::flat_hash_set<std::string_view> names = {"may", "jan", "mar", "sun", "sat", "wed", "dec"};
  return is_date_word(t) && !names.contains(t.normalized);
}

void add_term(const analysis::AnalyzedToken& t, TermCounter& terms, std::vector<std::string_view>& entities) {
  if (t.punctuation || t.stop_word) return;
  // An acronym matches by the words it stands for: ת"א as תל and אביב.
  if (!t.expansion.empty()) {
    for (const analysis::ExpandedWord& w : t.expansion) {
      if (w.stop_word || w.lemma.empty()) continue;
      terms.add(w.lemma, t);
      if (w.entity_candidate) entities.emplace_back(w.lemma);
    }
    return;
  }
  // A number matches as written, but for typographic hyphens (2000‐2010 as
  // 2000-2010), which clean text keeps and matching reads as ASCII.
  std::string folded_number;
  if (t.number && text::has_foldable_punctuation(t.surface)) folded_number = text::fold_punctuation(t.surface);
  const std::string& key = !folded_number.empty()   ? folded_number
                           : t.number               ? t.surface
                           : !t.match_lemma.empty() ? t.match_lemma
                           : t.lemma.empty()        ? t.normalized
                                                    : t.lemma;
  if (key.empty()) return;
  terms.add(key, t);
  if (t.entity_candidate && !is_calendar_word(t)) entities.emplace_back(key);
}

// The stored form: a version byte that JSON cannot start with, then the
// title's and the body's terms with their counts, then the entities. Terms
// go in their order of first occurrence; no sorting, since this is written
// for every article. Version 2 writes
// lengths and counts as varints (counts are whole numbers: features_of
// counts occurrences), about half the bytes of version 1's fixed widths,
// which is still read; a count that is not a whole number is written as
// version 1. Version 3 is version 2 followed by the display forms (pairs of
// the term's place and its display form), written when there are any: an
// article without stemmed words (Hebrew) keeps version 2's bytes. Version 1
// leaves them out.
constexpr char kFixedWidthVersion = 1;
constexpr char kVarintVersion = 2;
constexpr char kDisplayVersion = 3;

bool whole_counts(const TermCounts& terms) {
  return std::all_of(terms.begin(), terms.end(), [](const auto& term) {
    const float c = term.second;
    return c >= 0 && c < 1e9F && c == static_cast<float>(static_cast<std::uint32_t>(c));
  });
}

void put_terms(ByteWriter& w, const TermCounts& terms, char version) {
  if (version != kFixedWidthVersion) {
    w.put_varint(terms.size());
    for (const auto& [term, count] : terms) {
      w.put_varint_string(term);
      w.put_varint(static_cast<std::uint32_t>(count));
    }
    return;
  }
  w.put(static_cast<std::uint32_t>(terms.size()));
  for (const auto& [term, count] : terms) {
    w.put_string<std::uint32_t>(term);
    w.put(count);
  }
}

bool get_terms(ByteReader& r, TermCounts& into, char version) {
  const bool varint = version != kFixedWidthVersion;
  const std::size_t n = varint ? r.get_varint_count(2) : r.get_count<std::uint32_t>(8);
  into.reserve(n);
  for (std::size_t i = 0; i < n && r.ok(); ++i) {
    std::string_view term;
    float count = 0;
    if (varint) {
      term = r.get_varint_string_view();
      count = static_cast<float>(r.get_varint());
    } else {
      term = r.get_string_view<std::uint32_t>();
      count = r.get<float>();
    }
    if (r.ok()) into.emplace_back(term, count);
  }
  return r.ok();
}

// The JSON form that stores written before the binary one hold:
// {"title":[["term",count],...],"body":[...],"entities":["name",...]}.
bool deserialize_json_features(const std::string& json, ArticleFeatures& out) {
  const auto j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_object()) return false;
  auto terms = [](const nlohmann::json& a, TermCounts& into) {
    if (!a.is_array()) return false;
    for (const auto& p : a) {
      if (!p.is_array() || p.size() != 2 || !p[0].is_string() || !p[1].is_number()) return false;
      into.emplace_back(p[0].get<std::string>(), p[1].get<float>());
    }
    return true;
  };
  if (!terms(j.value("title", nlohmann::json()), out.title_terms)) return false;
  if (!terms(j.value("body", nlohmann::json()), out.body_terms)) return false;
  const auto e = j.value("entities", nlohmann::json());
  if (!e.is_array()) return false;
  for (const auto& x : e) {
    if (x.is_string()) out.entities.push_back(x.get<std::string>());
  }
  return true;
}

// A title with no content words but a date (stop words and punctuation
// aside, only numbers and date words, at least one number) is a dateline,
// as the first line of many scraped pages is: it says when, not what.
bool is_dateline(const std::vector<analysis::AnalyzedToken>& tokens, std::size_t title_end) {
  bool number = false;
  for (const auto& t : tokens) {
    if (t.token.begin >= title_end) break;
    if (t.punctuation || t.stop_word) continue;
    if (t.number) {
      number = true;
    } else if (!is_date_word(t)) {
      return false;
    }
  }
  return number;
}

}  // namespace

ArticleFeatures features_of(const std::vector<analysis::AnalyzedToken>& tokens, std::size_t title_end) {
  ArticleFeatures f;
  TermCounter title(f.title_terms);
  TermCounter body(f.body_terms);
  std::vector<std::string_view> entities;
  // A dateline in the title's place leaves the article without title terms.
  const bool dateline = is_dateline(tokens, title_end);
  // About a third of a report's tokens are distinct content words.
  body.reserve(tokens.size() / 3);
  for (const auto& t : tokens) {
    if (t.token.begin >= title_end) {
      add_term(t, body, entities);
    } else if (!dateline) {
      add_term(t, title, entities);
    }
  }
  std::sort(entities.begin(), entities.end());
  entities.erase(std::unique(entities.begin(), entities.end()), entities.end());
  f.entities.assign(entities.begin(), entities.end());
  title.put_display(0, body, true, f.display);
  body.put_display(static_cast<std::uint32_t>(f.title_terms.size()), title, false, f.display);
  return f;
}

std::string serialize_features(const ArticleFeatures& f) {
  char version = kFixedWidthVersion;
  if (whole_counts(f.title_terms) && whole_counts(f.body_terms)) {
    version = f.display.empty() ? kVarintVersion : kDisplayVersion;
  }
  auto write = [&f, version](ByteWriter& w) {
    w.put(version);
    put_terms(w, f.title_terms, version);
    put_terms(w, f.body_terms, version);
    if (version == kFixedWidthVersion) {
      w.put(static_cast<std::uint32_t>(f.entities.size()));
      for (const std::string& e : f.entities) w.put_string<std::uint32_t>(e);
      return;
    }
    w.put_varint(f.entities.size());
    for (const std::string& e : f.entities) w.put_varint_string(e);
    if (version != kDisplayVersion) return;
    w.put_varint(f.display.size());
    for (const auto& [at, display] : f.display) {
      w.put_varint(at);
      w.put_varint_string(display);
    }
  };
  return ByteWriter::write_sized(write);
}

bool deserialize_features(const std::string& bytes, ArticleFeatures& out) {
  if (bytes.empty()) return false;
  if (bytes.front() == '{') return deserialize_json_features(bytes, out);
  ByteReader r(bytes);
  const char version = r.get<char>();
  if (version != kFixedWidthVersion && version != kVarintVersion && version != kDisplayVersion) return false;
  if (!get_terms(r, out.title_terms, version) || !get_terms(r, out.body_terms, version)) return false;
  const bool varint = version != kFixedWidthVersion;
  const std::size_t n = varint ? r.get_varint_count(1) : r.get_count<std::uint32_t>(4);
  out.entities.reserve(n);
  for (std::size_t i = 0; i < n && r.ok(); ++i) {
    out.entities.emplace_back(varint ? r.get_varint_string_view() : r.get_string_view<std::uint32_t>());
  }
  if (version == kDisplayVersion) {
    const std::size_t pairs = r.get_varint_count(2);
    const std::size_t terms = out.title_terms.size() + out.body_terms.size();
    out.display.reserve(pairs);
    for (std::size_t i = 0; i < pairs && r.ok(); ++i) {
      const std::uint64_t at = r.get_varint();
      std::string display(r.get_varint_string_view());
      if (at >= terms) return false;  // no such term
      if (r.ok()) out.display.emplace_back(static_cast<std::uint32_t>(at), std::move(display));
    }
  }
  return r.ok() && r.at_end();
}

}  // namespace sipur::cluster
