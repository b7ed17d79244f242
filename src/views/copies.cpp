#include "views/copies.h"

#include <algorithm>
#include <map>

#include "views/catalog.h"
#include "views/records.h"

namespace sipur::views {
namespace {

// Union-find over article ids: groups are the connected copy relations.
class Groups {
 public:
  std::size_t index(const std::string& id) {
    const auto [it, added] = ids_.emplace(id, parent_.size());
    if (added) parent_.push_back(parent_.size());
    return it->second;
  }
  std::size_t find(std::size_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  void join(const std::string& a, const std::string& b) {
    const std::size_t ra = find(index(a));
    const std::size_t rb = find(index(b));
    if (ra != rb) parent_[std::max(ra, rb)] = std::min(ra, rb);
  }
  // Member ids (sorted) by group root; roots in the order groups were first met.
  std::map<std::size_t, std::vector<std::string>> members() {
    std::map<std::size_t, std::vector<std::string>> out;
    for (const auto& [id, i] : ids_) out[find(i)].push_back(id);
    return out;
  }

 private:
  std::map<std::string, std::size_t> ids_;
  std::vector<std::size_t> parent_;
};

std::string excerpt(const std::string& text, std::uint64_t begin, std::uint64_t end, std::size_t max_chars) {
  const std::size_t from = static_cast<std::size_t>(std::min<std::uint64_t>(begin, text.size()));
  const std::size_t to = static_cast<std::size_t>(std::clamp<std::uint64_t>(end, from, text.size()));
  std::string out = text.substr(from, to - from);
  if (out.size() > max_chars) {
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // whole characters only
    out = out.substr(0, cut) + "…";
  }
  for (char& c : out) {
    if (c == '\n') c = ' ';
  }
  return out;
}

// The group of `ids` with `rows` (its relations, in source then copy order).
Result<CopyGroup> build_group(store::Store& store, const std::vector<std::string>& ids,
                              const std::vector<store::CopyRow>& rows, const CopyGroupOptions& options) {
  std::map<std::string, Article> articles;  // a missing article shows with empty fields
  for (const std::string& id : ids) {
    Result<std::optional<Article>> a = store.get(id);
    if (!a) return a.error();
    if (a.value()) articles[id] = std::move(*a.value());
  }
  CopyGroup group;
  for (const std::string& id : ids) {
    const Article& a = articles[id];
    group.articles.push_back({id, a.source, a.published, a.title});
  }
  for (const store::CopyRow& c : rows) {
    const std::string ta = copy_text(articles[c.a]);
    const std::string tb = copy_text(articles[c.b]);
    CopyRelationView relation{c.a, c.b, c.kind, c.score, {}};
    for (const StoredPassage& p : decode_passages(c.passages)) {
      relation.passages.push_back({p.words, excerpt(ta, p.a_begin, p.a_end, options.max_passage_chars),
                                   excerpt(tb, p.b_begin, p.b_end, options.max_passage_chars)});
    }
    group.relations.push_back(std::move(relation));
  }
  return group;
}

}  // namespace

Result<std::vector<CopyGroup>> copy_groups(store::Store& store, const CopyGroupOptions& options) {
  const ReadSnapshot snapshot(store);
  std::vector<store::CopyRow> copies;
  Groups groups;
  const Status status = store.for_each_copy([&](const store::CopyRow& c) {
    copies.push_back(c);
    groups.join(c.a, c.b);
  });
  if (!status) return status.error();
  std::vector<CopyGroup> out;
  for (const auto& [root, ids] : groups.members()) {
    std::vector<store::CopyRow> rows;
    for (const store::CopyRow& c : copies) {
      if (groups.find(groups.index(c.a)) == root) rows.push_back(c);
    }
    Result<CopyGroup> group = build_group(store, ids, rows, options);
    if (!group) return group.error();
    out.push_back(std::move(group).value());
  }
  return out;
}

Result<CopyGroupPage> copy_group_page(store::Store& store, std::size_t limit, const std::optional<std::string>& after,
                                      const CopyGroupOptions& options) {
  const ReadSnapshot snapshot(store);
  Groups groups;
  const Status status = store.for_each_copy_pair([&](const store::CopyRow& c) { groups.join(c.a, c.b); });
  if (!status) return status.error();
  std::vector<std::vector<std::string>> ordered;  // member ids, sorted; groups by smallest id
  for (auto& [root, ids] : groups.members()) {
    if (!after || ids.front() > *after) ordered.push_back(std::move(ids));
  }
  std::sort(ordered.begin(), ordered.end(),
            [](const std::vector<std::string>& x, const std::vector<std::string>& y) { return x.front() < y.front(); });
  CopyGroupPage page;
  for (std::size_t g = 0; g < ordered.size() && g < limit; ++g) {
    std::vector<store::CopyRow> rows;
    for (const std::string& id : ordered[g]) {
      const Status listed = store.for_each_copy_of(id, [&](const store::CopyRow& c) { rows.push_back(c); });
      if (!listed) return listed.error();
    }
    std::sort(rows.begin(), rows.end(),
              [](const store::CopyRow& x, const store::CopyRow& y) { return std::tie(x.a, x.b) < std::tie(y.a, y.b); });
    rows.erase(std::unique(rows.begin(), rows.end(),
                           [](const store::CopyRow& x, const store::CopyRow& y) { return x.a == y.a && x.b == y.b; }),
               rows.end());
    Result<CopyGroup> group = build_group(store, ordered[g], rows, options);
    if (!group) return group.error();
    page.groups.push_back(std::move(group).value());
  }
  if (ordered.size() > limit && limit > 0) page.next = ordered[limit - 1].front();
  return page;
}

nlohmann::ordered_json copy_group_json(const CopyGroup& group) {
  nlohmann::ordered_json out = {{"articles", nlohmann::ordered_json::array()},
                                {"relations", nlohmann::ordered_json::array()}};
  for (const CopyGroupArticle& a : group.articles) {
    out["articles"].push_back({{"id", a.id}, {"source", a.source}, {"published", a.published}, {"title", a.title}});
  }
  for (const CopyRelationView& r : group.relations) {
    nlohmann::ordered_json rel = {
        {"a", r.a}, {"b", r.b}, {"kind", r.kind}, {"score", r.score}, {"passages", nlohmann::ordered_json::array()}};
    for (const QuotedPassage& p : r.passages) {
      rel["passages"].push_back({{"words", p.words}, {"a_text", p.a_text}, {"b_text", p.b_text}});
    }
    out["relations"].push_back(std::move(rel));
  }
  return out;
}

}  // namespace sipur::views
