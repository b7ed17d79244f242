// Internal to the HTML reader: finding the article on a page (declared in html_content.h).
#include "ingest/html_content.h"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string>

#include "ingest/html_dom.h"

namespace sipur::ingest::detail {
namespace {

// A prose block has at least this many characters of its own text, less than half of them linked.
constexpr std::uint32_t kMinProseChars = 25;
// An element marked as furniture that holds more than this share of the page's text wraps the page
// (a <form> around everything, a "content-with-sidebar" wrapper): its mark is ignored.
constexpr double kWrapperShare = 0.5;
constexpr std::uint32_t kFormProse = 300;
constexpr double kMinArticleProse = 150;

// ---------------------------------------------------------------- names

// The lowercase words of class and id values: "postShareBar main_nav" -> post share bar main nav.
std::vector<std::string> name_tokens(const GumboNode* n) {
  std::vector<std::string> tokens;
  std::string token;
  const auto flush = [&] {
    if (!token.empty()) tokens.push_back(std::move(token));
    token.clear();
  };
  for (const char* name : {"class", "id"}) {
    const std::string_view value = attr(n, name);
    char previous = ' ';
    for (const char c : value) {
      const bool lower = c >= 'a' && c <= 'z';
      const bool upper = c >= 'A' && c <= 'Z';
      const bool digit = c >= '0' && c <= '9';
      if (!lower && !upper && !digit) {
        flush();
      } else {
        if (upper && previous >= 'a' && previous <= 'z') flush();  // camelCase
        token.push_back(upper ? static_cast<char>(c - 'A' + 'a') : c);
      }
      previous = c;
    }
    flush();
  }
  return tokens;
}

// Words that mark furniture when a class/id word is one of them, or (for the longer ones) starts or
// ends with one: "sharebar", "socialshare", "relatedposts", "commentlist".
struct Stem {
  std::string_view word;
  Furniture kind;
  bool affix;  // also as the start or end of a longer word
};
constexpr std::array<Stem, 70> kStems = {{
    {"nav", Furniture::kChrome, true},
    {"menu", Furniture::kChrome, true},
    {"footer", Furniture::kChrome, true},
    {"sidebar", Furniture::kChrome, true},
    {"breadcrumb", Furniture::kChrome, true},
    {"breadcrumbs", Furniture::kChrome, true},
    {"share", Furniture::kChrome, true},
    {"sharing", Furniture::kChrome, true},
    {"social", Furniture::kChrome, true},
    {"newsletter", Furniture::kChrome, true},
    {"subscribe", Furniture::kChrome, true},
    {"subscription", Furniture::kChrome, true},
    {"cookie", Furniture::kChrome, true},
    {"cookies", Furniture::kChrome, true},
    {"consent", Furniture::kChrome, true},
    {"gdpr", Furniture::kChrome, false},
    {"banner", Furniture::kChrome, true},
    {"advert", Furniture::kChrome, true},
    {"advertisement", Furniture::kChrome, true},
    {"advertising", Furniture::kChrome, true},
    {"ad", Furniture::kChrome, false},
    {"ads", Furniture::kChrome, false},
    {"adsbygoogle", Furniture::kChrome, false},
    {"adslot", Furniture::kChrome, false},
    {"adunit", Furniture::kChrome, false},
    {"werbung", Furniture::kChrome, true},
    {"anzeige", Furniture::kChrome, false},
    {"sponsor", Furniture::kChrome, true},
    {"sponsored", Furniture::kChrome, false},
    {"promo", Furniture::kChrome, true},
    {"popup", Furniture::kChrome, true},
    {"modal", Furniture::kChrome, false},
    {"widget", Furniture::kChrome, true},
    {"widgets", Furniture::kChrome, true},
    {"tags", Furniture::kChrome, false},
    {"tagcloud", Furniture::kChrome, false},
    {"pagination", Furniture::kChrome, true},
    {"pager", Furniture::kChrome, false},
    {"skiplinks", Furniture::kChrome, false},
    {"skiplink", Furniture::kChrome, false},
    {"masthead", Furniture::kChrome, true},
    {"toolbar", Furniture::kChrome, true},
    {"login", Furniture::kChrome, false},
    {"signup", Furniture::kChrome, false},
    {"searchform", Furniture::kChrome, false},
    {"teilen", Furniture::kChrome, false},
    {"sronly", Furniture::kChrome, false},
    {"offcanvas", Furniture::kChrome, false},
    {"related", Furniture::kRelated, true},
    {"recommended", Furniture::kRelated, true},
    {"recommendations", Furniture::kRelated, true},
    {"recommendation", Furniture::kRelated, true},
    {"outbrain", Furniture::kRelated, true},
    {"taboola", Furniture::kRelated, true},
    {"morestories", Furniture::kRelated, false},
    {"readmore", Furniture::kRelated, false},
    {"mostread", Furniture::kRelated, false},
    {"trending", Furniture::kRelated, false},
    {"caption", Furniture::kCredit, true},
    {"credit", Furniture::kCredit, true},
    {"credits", Furniture::kCredit, true},
    {"copyright", Furniture::kCredit, true},
    {"bildunterschrift", Furniture::kCredit, true},
    {"bildnachweis", Furniture::kCredit, true},
    {"comment", Furniture::kComments, true},
    {"comments", Furniture::kComments, true},
    {"disqus", Furniture::kComments, true},
    {"talkback", Furniture::kComments, true},
    {"talkbacks", Furniture::kComments, true},
    {"kommentare", Furniture::kComments, false},
}};

constexpr std::array<std::string_view, 14> kArticleWords = {"article", "articlebody", "body",   "content", "entry",
                                                            "hentry",  "main",        "post",   "text",    "blog",
                                                            "story",   "prose",       "inhalt", "artikel"};
constexpr std::array<std::string_view, 8> kDoubtfulWords = {"meta",   "tools",    "footnote", "contact",
                                                            "teaser", "shopping", "extra",    "byline"};

bool is_one_of(std::string_view token, const auto& words) {
  return std::find(words.begin(), words.end(), token) != words.end();
}

Furniture stem_kind(std::string_view token) {
  if (token.starts_with("commentar")) return Furniture::kNone;  // an opinion piece, not its readers' comments
  for (const Stem& stem : kStems) {
    if (token == stem.word) return stem.kind;
    if (stem.affix && token.size() > stem.word.size() + 1 &&
        (token.starts_with(stem.word) || token.ends_with(stem.word))) {
      return stem.kind;
    }
  }
  return Furniture::kNone;
}

bool has(const std::vector<std::string>& tokens, std::string_view word) {
  return std::find(tokens.begin(), tokens.end(), word) != tokens.end();
}

struct NameSense {
  Furniture furniture = Furniture::kNone;
  std::int8_t weight = 0;
  bool byline = false;  // "byline", "author", "dateline"...: who wrote it and when, if the element is short
};

constexpr std::array<std::string_view, 7> kBylineWords = {"byline",  "author",   "authors", "autor",
                                                          "autoren", "dateline", "posted"};

NameSense read_names(const GumboNode* n) {
  NameSense sense;
  const std::vector<std::string> tokens = name_tokens(n);
  if (tokens.empty()) return sense;
  bool article_like = false;
  bool doubtful = false;
  for (const std::string& t : tokens) {
    article_like = article_like || is_one_of(t, kArticleWords);
    sense.byline = sense.byline || is_one_of(t, kBylineWords);
    doubtful = doubtful || is_one_of(t, kDoubtfulWords);
    if (sense.furniture == Furniture::kNone) sense.furniture = stem_kind(t);
  }
  // Word pairs: "more stories", "most read", "also read"; "read more", "author bio", "screen reader",
  // "site header".
  const auto any = [&](std::initializer_list<std::string_view> words) {
    return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return has(tokens, w); });
  };
  const bool related = (has(tokens, "more") && any({"stories", "articles", "news", "posts", "from"})) ||
                       (has(tokens, "most") && any({"read", "popular", "viewed"})) ||
                       (has(tokens, "also") && any({"read", "like"}));
  const bool chrome =
      (has(tokens, "read") && has(tokens, "more")) ||
      (any({"author", "autor", "authors"}) &&
       any({"bio", "box", "about", "profile", "info", "description", "details", "widget", "card"})) ||
      (has(tokens, "screen") && has(tokens, "reader")) || (has(tokens, "visually") && has(tokens, "hidden")) ||
      (has(tokens, "sr") && has(tokens, "only")) ||
      // the site's header; an article's header holds its headline
      (has(tokens, "header") && !article_like && (tokens.size() == 1 || any({"site", "page", "top", "global"})));
  if (sense.furniture == Furniture::kNone && chrome) sense.furniture = Furniture::kChrome;
  if (sense.furniture == Furniture::kNone && related) sense.furniture = Furniture::kRelated;
  sense.weight = static_cast<std::int8_t>((article_like ? 1 : 0) - (doubtful || sense.furniture != Furniture::kNone));
  return sense;
}

bool is_chrome_role(std::string_view role) {
  static constexpr std::array<std::string_view, 9> kRoles = {
      "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "search", "dialog", "toolbar"};
  return is_one_of(lowercase(role), kRoles);
}

// What a block's own text (outside the blocks inside it) adds up to.
struct OwnText {
  std::uint32_t chars = 0;
  std::uint32_t linked = 0;
};

bool holds_tag(const GumboNode* n, std::initializer_list<GumboTag> tags) {
  bool found = false;
  walk(n, [&](const GumboNode* x) {
    if (found || !is_element(x)) return false;
    found = std::find(tags.begin(), tags.end(), tag_of(x)) != tags.end();
    return !found;
  });
  return found;
}

bool is_prose(const OwnText& t) {
  return t.chars >= kMinProseChars && t.linked * 2 < t.chars;
}

}  // namespace

std::uint32_t visible_chars(std::string_view text) {
  std::uint32_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      ++i;  // no-break space
      continue;
    }
    if ((c & 0xC0) != 0x80 && !is_space(static_cast<char>(c))) ++chars;
  }
  return chars;
}

namespace {

// What the tag or the ARIA role says.
Furniture tag_furniture(const GumboNode* n) {
  switch (tag_of(n)) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_INPUT:
      return Furniture::kChrome;
    case GUMBO_TAG_FIGCAPTION:
      return Furniture::kCredit;
    case GUMBO_TAG_FIGURE:
      // A picture with its caption and credit, unless the figure frames a table or a quote.
      if (!holds_tag(n, {GUMBO_TAG_TABLE, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_PRE})) return Furniture::kCredit;
      break;
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
      return Furniture::kNone;
    default:
      break;
  }
  if (is_chrome_role(attr(n, "role"))) return Furniture::kChrome;
  return Furniture::kNone;
}

constexpr std::array<std::string_view, 9> kLeadWords = {"lead",    "subtitle", "standfirst", "summary", "intro",
                                                        "excerpt", "dek",      "subline",    "teaser"};

bool has_lead_names(const GumboNode* n) {
  for (const std::string& t : name_tokens(n)) {
    if (is_one_of(t, kLeadWords)) return true;
  }
  return false;
}

}  // namespace

Furniture furniture_of(const GumboNode* n) {
  const Furniture by_tag = tag_furniture(n);
  if (by_tag != Furniture::kNone || tag_of(n) == GUMBO_TAG_BODY || tag_of(n) == GUMBO_TAG_HTML) return by_tag;
  return read_names(n).furniture;
}

std::string_view removed_kind(Furniture f) {
  switch (f) {
    case Furniture::kRelated:
      return "related-list";
    case Furniture::kCredit:
      return "photo-credit";
    case Furniture::kByline:
      return "byline";
    case Furniture::kNone:
      return "";
    default:
      return "page-chrome";
  }
}

PageIndex::PageIndex(const GumboNode* root, const ExtractOptions& options) : root_(root) {
  // Walk 1, bottom-up: text measures, own text of blocks, and what tags and names say.
  struct Open {
    NodeInfo* info;
    const GumboNode* node;
    OwnText own;
    bool block;
  };
  std::vector<Open> stack;
  std::unordered_map<const GumboNode*, OwnText> own_text;
  int in_link = 0;
  int in_article = 0;  // <article> or <main> above
  walk(
      root,
      [&](const GumboNode* n) {
        if (is_text(n)) {
          if (stack.empty()) return false;
          const std::string_view text = text_of(n);
          const std::uint32_t chars = visible_chars(text);
          const std::uint32_t linked = in_link > 0 ? chars : 0;
          stack.back().info->chars += chars;
          stack.back().info->linked += linked;
          for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
            if (!it->block) continue;
            it->own.chars += chars;
            it->own.linked += linked;
            break;
          }
          return false;
        }
        if (!is_element(n)) return n->type == GUMBO_NODE_DOCUMENT;
        if (n != root && is_invisible(n)) return false;
        NodeInfo& info = nodes_[n];
        const GumboTag tag = tag_of(n);
        const NameSense sense = tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML ? NameSense{} : read_names(n);
        info.name_weight = sense.weight;
        info.byline_names = sense.byline;
        info.furniture = tag_furniture(n);
        if (info.furniture == Furniture::kNone) {
          info.furniture = sense.furniture;
          info.named_furniture = sense.furniture != Furniture::kNone;
        }
        // The page's header; one inside an article, or named for one ("article-header"), holds its headline.
        if (tag == GUMBO_TAG_HEADER && in_article == 0 && sense.weight <= 0) info.furniture = Furniture::kChrome;
        in_link += tag == GUMBO_TAG_A ? 1 : 0;
        in_article += tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN ? 1 : 0;
        stack.push_back({&info, n, {}, !is_inline(tag)});
        return true;
      },
      [&](const GumboNode* n) {
        if (stack.empty() || stack.back().node != n) return;
        const Open open = stack.back();
        stack.pop_back();
        const GumboTag tag = tag_of(n);
        in_link -= tag == GUMBO_TAG_A ? 1 : 0;
        in_article -= tag == GUMBO_TAG_ARTICLE || tag == GUMBO_TAG_MAIN ? 1 : 0;
        if (open.block && open.own.chars > 0) {
          own_text.emplace(n, open.own);
          if (is_prose(open.own)) open.info->any_prose += open.own.chars;
        }
        if (!stack.empty()) {
          stack.back().info->chars += open.info->chars;
          stack.back().info->linked += open.info->linked;
          stack.back().info->any_prose += open.info->any_prose;
        }
      });

  // Walk 2, top-down: furniture (but for wrappers of most of the page and boxes of prose), then
  // bottom-up what each element holds of prose, other text, loose links and furniture.
  const NodeInfo* top = find(root);
  const double page_chars = top != nullptr ? top->chars : 0;
  const double page_prose = top != nullptr ? top->any_prose : 0;
  std::vector<NodeInfo*> ancestors;
  walk(
      root,
      [&](const GumboNode* n) {
        if (!is_element(n)) return n->type == GUMBO_NODE_DOCUMENT;
        const auto it = nodes_.find(n);
        if (it == nodes_.end()) return false;
        NodeInfo& info = it->second;
        if (info.furniture != Furniture::kNone && info.furniture != Furniture::kComments &&
            (info.chars > kWrapperShare * page_chars || info.any_prose > kWrapperShare * page_prose)) {
          info.furniture = Furniture::kNone;
        }
        if (info.byline_names && info.furniture == Furniture::kNone && info.chars <= options.byline_chars) {
          info.furniture = Furniture::kByline;
        }
        // Names say "widget", "ads", "banner" of boxes that hold text too: a box of prose is no chrome.
        if (info.named_furniture && info.furniture == Furniture::kChrome && info.any_prose >= options.named_prose &&
            info.link_density() < 0.25) {
          info.furniture = Furniture::kNone;
        }
        // A form around paragraphs of prose is a shop's product text, not a search box or a sign-up.
        if (tag_of(n) == GUMBO_TAG_FORM && info.any_prose >= kFormProse) info.furniture = Furniture::kNone;
        const bool parent_furniture = !ancestors.empty() && ancestors.back()->in_furniture;
        info.in_furniture = parent_furniture || info.furniture != Furniture::kNone;
        if (info.in_furniture && !parent_furniture) info.furniture_chars = info.chars;
        if (const auto own = own_text.find(n); own != own_text.end() && !info.in_furniture) {
          const OwnText& t = own->second;
          if (is_prose(t)) {
            info.prose += t.chars;
          } else {
            info.plain += t.chars - t.linked;
            info.loose_links += t.linked;
          }
        }
        ancestors.push_back(&info);
        return true;
      },
      [&](const GumboNode* n) {
        if (!is_element(n) || ancestors.empty()) return;
        if (nodes_.find(n) == nodes_.end()) return;
        NodeInfo* done = ancestors.back();
        ancestors.pop_back();
        if (!ancestors.empty()) {
          ancestors.back()->prose += done->prose;
          ancestors.back()->plain += done->plain;
          ancestors.back()->loose_links += done->loose_links;
          ancestors.back()->furniture_chars += done->furniture_chars;
        }
      });
  if (top != nullptr) prose_total_ = top->prose;
}

namespace {

// Lead paragraphs the page keeps apart from the text: elements named lead, subtitle, standfirst...
// that hold prose and come before `root` under one of its three nearest ancestors.
std::vector<const GumboNode*> leads_before(const GumboNode* root, const PageIndex& index) {
  std::vector<const GumboNode*> leads;
  const GumboNode* child = root;
  for (int level = 0; level < 3 && child->parent != nullptr && is_element(child->parent); ++level) {
    const GumboNode* parent = child->parent;
    const NodeInfo* parent_info = index.find(parent);
    if (parent_info == nullptr || parent_info->in_furniture) break;
    std::vector<const GumboNode*> found;
    walk(parent, [&](const GumboNode* n) {
      if (n == child) return false;
      if (!is_element(n)) return false;
      if (n != parent && n->index_within_parent >= child->index_within_parent && n->parent == parent) return false;
      const NodeInfo* info = index.find(n);
      if (info == nullptr || info->in_furniture) return false;
      if (n != parent && info->prose > 0 && has_lead_names(n)) {
        found.push_back(n);
        return false;
      }
      return true;
    });
    leads.insert(leads.begin(), found.begin(), found.end());
    child = parent;
  }
  return leads;
}

}  // namespace

Content find_content(const PageMeta& page, const GumboNode* document, const PageIndex& index,
                     const ExtractOptions& options) {
  const GumboNode* fallback = page.body != nullptr ? page.body : document;
  const double total = index.prose_total();
  if (page.article_body != nullptr && options.microdata == 1) {
    const NodeInfo* info = index.find(page.article_body);
    if (info != nullptr && info->prose > 0 && (info->prose >= 0.25 * total || info->prose >= 500)) {
      return {page.article_body, {}};
    }
  }
  // A page with hardly any prose has no article to tell from the rest: all of it but the furniture.
  if (total < kMinArticleProse) return {fallback, {}};
  // The element that holds the most prose for the least else.
  const auto coverage = [&](const GumboNode* n, const NodeInfo& info) {
    const double prose = info.prose;
    double value = prose - options.other_weight * info.plain - options.link_weight * info.loose_links -
                   options.furniture_weight * info.furniture_chars;
    if (info.name_weight > 0) value += options.name_share * prose;
    if (tag_of(n) == GUMBO_TAG_ARTICLE || tag_of(n) == GUMBO_TAG_MAIN) value += options.name_share * prose;
    if (options.microdata == 2 && n == page.article_body) value += options.name_share * prose;
    return value;
  };
  const GumboNode* best = nullptr;
  double best_value = 0;
  walk(index.root(), [&](const GumboNode* n) {
    if (!is_element(n)) return n->type == GUMBO_NODE_DOCUMENT;
    const NodeInfo* info = index.find(n);
    if (info == nullptr || info->in_furniture) return false;
    if (info->prose > 0 && !is_inline(tag_of(n))) {
      const double value = coverage(n, *info);
      if (best == nullptr || value > best_value) best = n, best_value = value;
    }
    return true;
  });
  if (best == nullptr) return {fallback, {}};
  return {best, options.leads != 0 ? leads_before(best, index) : std::vector<const GumboNode*>{}};
}

}  // namespace sipur::ingest::detail
