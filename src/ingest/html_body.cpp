// Internal to the HTML reader: main text extraction (declared in html_body.h).
#include "ingest/html_body.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "ingest/html_content.h"
#include "ingest/html_dom.h"

namespace sipur::ingest::detail {
namespace {

constexpr std::size_t kMaxRemovedBytes = 2000;
constexpr std::size_t kLinkListMaxWords = 25;
constexpr std::size_t kCallToActionWords = 40;
constexpr std::uint32_t kMaxTeaserChars = 600;
// A box without prose, half of its text or more linked, is a list of links however it is marked up.
constexpr std::uint32_t kMinLinkBoxChars = 30;
// A related-article item is a link, maybe a picture and a byline; anything bigger is content.
constexpr std::size_t kMaxLinkItemNodes = 256;

// Cuts at most kMaxRemovedBytes without splitting a UTF-8 sequence.
std::string capped(std::string text) {
  if (text.size() <= kMaxRemovedBytes) return text;
  std::size_t cut = kMaxRemovedBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  text.resize(cut);
  return text;
}

// ---------------------------------------------------------------- link lists

bool mostly_links(const TextStats& stats) {
  return !stats.truncated && stats.solid > 0 && stats.linked * 10 >= stats.solid * 7 &&
         word_count(stats.text) < kLinkListMaxWords;
}

// A <ul>/<ol> whose items are mostly short links (related articles, "more from"): its text
// with one item a line, or nullopt for an ordinary list.
std::optional<std::string> link_list_text(const GumboNode* list) {
  const GumboVector& kids = list->v.element.children;
  std::size_t items = 0;
  std::size_t linky = 0;
  std::string text;
  for (unsigned i = 0; kids.data != nullptr && i < kids.length; ++i) {
    const auto* kid = static_cast<const GumboNode*>(kids.data[i]);
    if (tag_of(kid) != GUMBO_TAG_LI) continue;
    const TextStats item = measure(kid, kMaxLinkItemNodes);
    if (item.solid == 0) continue;
    ++items;
    linky += mostly_links(item) ? 1 : 0;
    text += (text.empty() ? "" : "\n") + item.text;
  }
  if (items < 2 || linky * 2 <= items) return std::nullopt;
  return text;
}

// Letters and digits, ASCII lowercased: a headline compares equal however it is spaced and punctuated.
std::string letters_of(std::string_view s) {
  std::string out;
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')) out.push_back(c);
    if (c >= 'A' && c <= 'Z') out.push_back(static_cast<char>(c - 'A' + 'a'));
  }
  return out;
}

// ---------------------------------------------------------------- meta lines

// A short line that files the article ("Tags: ...", "Kategorie: News", "Quelle: dpa") or labels an
// ad, rather than saying anything.
bool is_meta_line(std::string_view block) {
  static constexpr std::array<std::string_view, 23> kLabels = {
      "Category:",         "Category :",   "Categories:", "Kategorie:",
      "Kategorien:",       "Tags:",        "Tag:",        "Schlagwörter:",
      "Schlagworte:",      "Stichwörter:", "Filed under", "Posted in",
      "Veröffentlicht in", "Etiquetas:",   "Categorías:", "Catégories :",
      "Mots-clés",         "Quelle:",      "Source:",     "Źródło:",
      "Fuente:",           "Rubrik:",      "Themen:"};
  static constexpr std::array<std::string_view, 8> kAdLabels = {"Anzeige",   "Werbung", "Advertisement", "Publicidad",
                                                                "Publicité", "Reklama", "Sponsored",     "Anzeigen"};
  if (block.size() > 200 || word_count(block) > 15) return false;
  for (const std::string_view label : kLabels) {
    if (block.starts_with(label)) return true;
  }
  std::string_view bare = block;
  const auto is_mark = [](char c) { return c == '-' || c == '*' || c == ' ' || c == '|' || c == ':'; };
  while (!bare.empty() && is_mark(bare.front())) bare.remove_prefix(1);
  while (!bare.empty() && is_mark(bare.back())) bare.remove_suffix(1);
  return std::find(kAdLabels.begin(), kAdLabels.end(), bare) != kAdLabels.end();
}

// A short line that asks the reader for something (subscribe, donate, log in, follow, read on) or
// claims rights, rather than telling the story. Lowercase ASCII letters; other bytes as they are.
bool is_call_to_action(std::string_view block) {
  static constexpr std::array<std::string_view, 30> kPhrases = {"newsletter",
                                                                "subscribe",
                                                                "subscription",
                                                                "abonnier",
                                                                "spende",
                                                                "donate",
                                                                "donation",
                                                                "log in",
                                                                "anmelden",
                                                                "affiliate",
                                                                "datenschutz",
                                                                "privacy",
                                                                "copyright",
                                                                "©",
                                                                "all rights reserved",
                                                                "alle rechte",
                                                                "share this",
                                                                "siguenos",
                                                                "síguenos",
                                                                "follow us",
                                                                "folgen sie uns",
                                                                "read more",
                                                                "weiterlesen",
                                                                "lesen sie auch",
                                                                "das könnte sie",
                                                                "you might also",
                                                                "you may also like",
                                                                "auch interessant",
                                                                "הירשמו",
                                                                "כל הזכויות"};
  if (block.size() > 400 || word_count(block) > kCallToActionWords) return false;
  const std::string lower = lowercase(block);
  return std::any_of(kPhrases.begin(), kPhrases.end(),
                     [&](std::string_view phrase) { return lower.find(phrase) != std::string::npos; });
}

// ---------------------------------------------------------------- containers

bool is_container(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_ARTICLE:
      return true;
    default:
      return false;
  }
}

bool is_heading(GumboTag tag) {
  return tag == GUMBO_TAG_H1 || tag == GUMBO_TAG_H2 || tag == GUMBO_TAG_H3 || tag == GUMBO_TAG_H4 ||
         tag == GUMBO_TAG_H5 || tag == GUMBO_TAG_H6;
}

bool holds_link(const GumboNode* n) {
  bool found = false;
  walk(n, [&found](const GumboNode* x) {
    if (found || !is_element(x)) return false;
    found = tag_of(x) == GUMBO_TAG_A && has_attr(x, "href");
    return !found;
  });
  return found;
}

// Repeated blocks of one kind, each a link with a little text (teasers of other articles): two or
// more children, two thirds of them of the same tag and class, each holding a link and short, a
// fifth of their text or more linked, which prose never is.
bool is_teaser_list(const GumboNode* n, const PageIndex& index) {
  const GumboVector& kids = n->v.element.children;
  std::string_view signature_class;
  GumboTag signature_tag = GUMBO_TAG_LAST;
  std::size_t same = 0;
  std::size_t items = 0;
  std::uint64_t chars = 0;
  std::uint64_t linked = 0;
  for (unsigned i = 0; kids.data != nullptr && i < kids.length; ++i) {
    const auto* kid = static_cast<const GumboNode*>(kids.data[i]);
    const NodeInfo* info = index.find(kid);
    if (info == nullptr || info->chars == 0) continue;
    ++items;
    const GumboTag tag = tag_of(kid);
    if (tag != GUMBO_TAG_DIV && tag != GUMBO_TAG_ARTICLE && tag != GUMBO_TAG_LI && tag != GUMBO_TAG_SECTION) {
      return false;
    }
    if (info->chars > kMaxTeaserChars || !holds_link(kid)) return false;
    if (signature_tag == GUMBO_TAG_LAST) signature_tag = tag, signature_class = attr(kid, "class");
    same += tag == signature_tag && attr(kid, "class") == signature_class ? 1 : 0;
    chars += info->chars;
    linked += info->linked;
  }
  return items >= 2 && same * 3 >= items * 2 && linked * 5 >= chars;
}

// ---------------------------------------------------------------- blocks

// Turns the content root into "\n\n"-separated blocks, moving chrome and link lists to removed.
class BodyBuilder {
  struct Block {
    std::string text;
    GumboTag tag;  // the element holding the text
  };

 public:
  BodyBuilder(Article& article, const PageIndex& index, const Content& content)
      : article_(article), index_(index), content_(content), title_letters_(letters_of(article.title)) {}

  std::string build() {
    for (const GumboNode* lead : content_.leads) {
      root_ = lead;
      walk(
          lead, [this](const GumboNode* n) { return enter(n); }, [this](const GumboNode* n) { leave(n); });
      flush();
    }
    root_ = content_.root;
    walk(
        root_, [this](const GumboNode* n) { return enter(n); }, [this](const GumboNode* n) { leave(n); });
    flush();
    drop_orphans();
    std::string body;
    for (const Block& block : blocks_) body += (body.empty() ? "" : "\n\n") + block.text;
    return body;
  }

 private:
  void remove(std::string_view kind, std::string text) {
    if (text.empty()) return;
    article_.removed.push_back(Removed{std::string(kind), capped(std::move(text))});
  }

  bool enter(const GumboNode* n) {
    if (is_text(n)) {
      if (block_.empty()) block_tag_ = open_blocks_.empty() ? GUMBO_TAG_LAST : open_blocks_.back();
      const std::size_t solid = append_collapsed(block_, text_of(n));
      solid_ += solid;
      linked_ += in_link_ > 0 ? solid : 0;
      return false;
    }
    if (!is_element(n)) return n->type == GUMBO_NODE_DOCUMENT;
    const GumboTag tag = tag_of(n);
    if (n != root_) {
      const NodeInfo* info = index_.find(n);
      if (info == nullptr) return false;  // invisible: the index leaves it out
      if (info->furniture != Furniture::kNone) {
        remove(removed_kind(info->furniture), measure(n).text);
        return false;
      }
      if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL) {
        if (auto text = link_list_text(n)) {
          flush();
          remove("related-list", std::move(*text));
          return false;
        }
      }
      if (is_container(tag) && info->prose == 0 && info->chars >= kMinLinkBoxChars && info->linked * 2 >= info->chars) {
        flush();
        remove("link-list", measure(n).text);
        return false;
      }
      if (is_container(tag) && is_teaser_list(n, index_)) {
        flush();
        remove("related-list", measure(n).text);
        return false;
      }
    }
    if (tag == GUMBO_TAG_BR) {
      line_break();
      return false;
    }
    in_link_ += tag == GUMBO_TAG_A ? 1 : 0;
    boundary(tag, true);
    in_table_ += tag == GUMBO_TAG_TABLE ? 1 : 0;
    if (!is_inline(tag)) open_blocks_.push_back(tag);
    return true;
  }

  void leave(const GumboNode* n) {
    const GumboTag tag = tag_of(n);
    if (tag == GUMBO_TAG_A && in_link_ > 0) --in_link_;
    if (tag == GUMBO_TAG_TABLE && in_table_ > 0) --in_table_;
    boundary(tag, false);
    if (!is_inline(tag) && !open_blocks_.empty()) open_blocks_.pop_back();
  }

  // Known block elements end the current block; unknown (custom) elements only separate words.
  // A table is one block: a row a line, its cells separated by " | ".
  void boundary(GumboTag tag, bool entering) {
    if (tag == GUMBO_TAG_UNKNOWN) {
      append_collapsed(block_, " ");
    } else if (in_table_ > 0 && tag != GUMBO_TAG_TABLE) {
      if (tag == GUMBO_TAG_TR && !entering) {
        line_break();
      } else if ((tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) && entering && !block_.empty() && block_.back() != '\n') {
        while (!block_.empty() && block_.back() == ' ') block_.pop_back();
        block_ += " | ";
      } else if (!is_inline(tag)) {
        append_collapsed(block_, " ");
      }
    } else if (!is_inline(tag)) {
      flush();
    }
  }

  void line_break() {
    while (!block_.empty() && block_.back() == ' ') block_.pop_back();
    if (!block_.empty() && !block_.ends_with("\n\n")) block_.push_back('\n');
  }

  void flush() {
    std::string block = trimmed(block_);
    const TextStats stats{block, solid_, linked_};
    block_.clear();
    solid_ = linked_ = 0;
    if (block.empty()) return;
    if (!title_seen_ && is_headline(block, block_tag_)) {
      title_seen_ = true;  // the page's own headline above the text
      remove("repeated-headline", std::move(block));
    } else if (mostly_links(stats)) {
      remove("link-list", std::move(block));
    } else if (is_meta_line(block)) {
      remove("page-chrome", std::move(block));
    } else if (is_call_to_action(block)) {
      remove("promo", std::move(block));
    } else {
      blocks_.push_back({std::move(block), block_tag_});
    }
  }

  // The page's own headline above the text: the title again, or the <h1> the title shortens or
  // lengthens (the title had the site's name, or the <h1> a subtitle).
  bool is_headline(const std::string& block, GumboTag tag) {
    if (title_letters_.empty()) return false;
    const std::string letters = letters_of(block);
    if (letters == title_letters_) return true;
    if (tag != GUMBO_TAG_H1 || letters.size() < 8) return false;
    return letters.find(title_letters_) != std::string::npos || title_letters_.find(letters) != std::string::npos;
  }

  // Headings and "...:" lines left at the end introduce what was removed after them.
  // Headings and "...:" lines left at the end introduce what was removed after them.
  void drop_orphans() {
    while (!blocks_.empty()) {
      const Block& last = blocks_.back();
      const bool introduces = last.text.ends_with(':') && word_count(last.text) <= 8;
      if (!is_heading(last.tag) && !introduces) break;
      remove("debris", std::move(blocks_.back().text));
      blocks_.pop_back();
    }
  }

  Article& article_;
  const PageIndex& index_;
  const Content& content_;
  std::string title_letters_;
  const GumboNode* root_ = nullptr;
  std::vector<Block> blocks_;
  std::vector<GumboTag> open_blocks_;
  GumboTag block_tag_ = GUMBO_TAG_LAST;
  std::string block_;
  std::size_t solid_ = 0;
  std::size_t linked_ = 0;
  int in_link_ = 0;
  int in_table_ = 0;
  bool title_seen_ = false;
};

}  // namespace

std::string build_body(const PageIndex& index, const Content& content, Article& article) {
  return BodyBuilder(article, index, content).build();
}

}  // namespace sipur::ingest::detail
