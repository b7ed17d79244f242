#include "views/records.h"

#include "core/json_out.h"

namespace sipur::views {

std::string encode_decision(const cluster::Decision& d) {
  std::string out;
  out.reserve(512);
  auto key = [&out](std::string_view k) {  // keys are plain ASCII literals: nothing to escape
    out.push_back(out.empty() ? '{' : ',');
    out.push_back('"');
    out.append(k);
    out.append("\":");
  };
  auto number = [&](std::string_view k, double v) {
    key(k);
    append_json_number(out, v);
  };
  auto text = [&](std::string_view k, std::string_view v) {
    key(k);
    append_json_string(out, v);
  };
  auto flag = [&](std::string_view k, bool v) {
    key(k);
    out.append(v ? "true" : "false");
  };
  // In sorted key order, as nlohmann::json would write them.
  number("body", d.body);
  text("copy_of", d.copy_of);
  number("entities", d.entities);
  text("event", d.event);
  flag("new_event", d.new_event);
  flag("new_story", d.new_story);
  // The learned decision's probability for the event chosen (for a new
  // event: for the runner-up) and the threshold it had to reach; absent
  // under the hand-weighted rule.
  if (d.probability >= 0) number("probability", d.probability);
  text("runner_up", d.runner_up);
  number("runner_up_score", d.runner_up_score);
  number("score", d.score);
  key("shared_entities");
  append_json_strings(out, d.shared_entities);
  key("shared_terms");
  append_json_strings(out, d.shared_terms);
  text("story", d.story);
  number("story_score", d.story_score);
  if (d.probability >= 0) number("threshold", d.threshold);
  number("time", d.time);
  flag("time_ignored", d.time_ignored);
  number("title", d.title);
  flag("title_weighed", d.title_weighed);
  out.push_back('}');
  return out;
}

Result<nlohmann::json> decode_decision(std::string_view stored, const std::string& article_id) {
  nlohmann::json decision = nlohmann::json::parse(stored, nullptr, false);
  if (!decision.is_object()) {
    return make_error(ErrorKind::kStorage, "article " + article_id + ": the stored decision is not a JSON object");
  }
  return decision;
}

std::string encode_strings(const std::vector<std::string>& items) {
  std::string out;
  append_json_strings(out, items);
  return out;
}

Result<std::vector<std::string>> decode_strings(std::string_view stored, const std::string& what) {
  const auto parsed = nlohmann::json::parse(stored, nullptr, false);
  std::vector<std::string> out;
  if (parsed.is_array()) {
    for (const auto& item : parsed) {
      if (!item.is_string()) break;
      out.push_back(item.get<std::string>());
    }
    if (out.size() == parsed.size()) return out;
  }
  return make_error(ErrorKind::kStorage, what + " is not a JSON array of strings");
}

std::string encode_passages(const std::vector<dedup::Passage>& passages) {
  nlohmann::json out = nlohmann::json::array();
  for (const dedup::Passage& p : passages) out.push_back({p.a_begin, p.a_end, p.b_begin, p.b_end, p.words});
  return out.dump();
}

std::vector<StoredPassage> decode_passages(std::string_view stored) {
  std::vector<StoredPassage> out;
  const auto parsed = nlohmann::json::parse(stored, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& item : parsed) {
    if (!item.is_array() || item.size() != 5) continue;
    bool numbers = true;
    for (const auto& n : item) numbers = numbers && n.is_number_unsigned();
    if (!numbers) continue;
    out.push_back({item[0].get<std::uint64_t>(), item[1].get<std::uint64_t>(), item[2].get<std::uint64_t>(),
                   item[3].get<std::uint64_t>(), item[4].get<std::uint64_t>()});
  }
  return out;
}

std::string copy_text(const Article& article) {
  if (article.body.empty()) return article.title;
  if (article.title.empty()) return article.body;
  return article.title + "\n\n" + article.body;
}

std::size_t body_offset_in_copy_text(const Article& article) {
  if (article.body.empty()) return article.title.size();
  return article.title.empty() ? 0 : article.title.size() + 2;
}

}  // namespace sipur::views
