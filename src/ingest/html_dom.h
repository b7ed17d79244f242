// Internal to the HTML reader: the text and Gumbo tree helpers its parts share
// (whitespace collapsing, attribute access, an explicit-stack tree walk, and
// measuring the visible text under a node).
#pragma once

#include <gumbo.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace sipur::ingest::detail {

// ---------------------------------------------------------------- text

bool is_space(char c);
std::string lowercase(std::string_view s);  // ASCII letters only
std::string trimmed(std::string_view s);

// Appends `text` with each whitespace run (NBSP included) as one space, never a space at the
// start of `out` or after a space or line break. Returns the non-space bytes appended.
std::size_t append_collapsed(std::string& out, std::string_view text);
std::string collapse(std::string_view text);  // append_collapsed into nothing, then trimmed
std::size_t word_count(std::string_view s);

// ---------------------------------------------------------------- Gumbo nodes

bool is_element(const GumboNode* n);
bool is_text(const GumboNode* n);              // text, CDATA or whitespace
GumboTag tag_of(const GumboNode* n);           // GUMBO_TAG_LAST for non-elements
std::string_view text_of(const GumboNode* n);  // "" for non-text nodes
std::string_view attr(const GumboNode* n, const char* name);
bool has_attr(const GumboNode* n, const char* name);

// Visits `root` and everything under it in document order with an explicit stack, since pages
// nest arbitrarily deep. `enter` returns whether to visit a node's children; `leave` runs after them.
void walk(const GumboNode* root, const std::function<bool(const GumboNode*)>& enter,
          const std::function<void(const GumboNode*)>& leave = nullptr);

bool is_inline(GumboTag tag);
bool is_invisible(const GumboNode* n);  // content never shown: script, style, hidden, display:none...

// ---------------------------------------------------------------- visible text

struct TextStats {
  std::string text;        // visible text, whitespace collapsed
  std::size_t solid = 0;   // non-space bytes
  std::size_t linked = 0;  // non-space bytes inside <a>
  bool truncated = false;  // stopped at the node limit
};

// The visible text under `root`, visiting at most `node_limit` nodes (callers that only ask
// "is this a short link?" stop early, so nested lists cannot make the walk quadratic).
TextStats measure(const GumboNode* root, std::size_t node_limit = SIZE_MAX);

}  // namespace sipur::ingest::detail
