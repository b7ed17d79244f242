#include "search/query_plan.h"

#include <algorithm>

#include "crosslang/name_key.h"
#include "search/index_terms.h"

namespace sipur::search {
namespace {

bool has_hebrew_letter(const std::string& text) {
  // Hebrew letters are U+05D0..U+05EA: D7 90..D7 AA in UTF-8.
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const auto next = static_cast<unsigned char>(text[i + 1]);
    if (lead == 0xD7 && next >= 0x90 && next <= 0xAA) return true;
  }
  return false;
}

void add_unique(TermChoice& terms, std::string term) {
  if (term.size() > 1 && std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
}

// Which terms of a word an expression asks for: all of them, or only the
// form as typed.
enum class Terms { kAll, kTyped };

std::string matcher_expression(const Matcher& m, Terms terms) {
  if (m.positions.size() == 1) {
    const TermChoice& choice = m.positions.front();
    if (terms == Terms::kTyped && !m.typed.empty()) return quote_term(m.typed);
    if (choice.size() == 1) return quote_term(choice.front());
    std::string out = "(";
    for (std::size_t i = 0; i < choice.size(); ++i) out += (i ? " OR " : "") + quote_term(choice[i]);
    return out + ")";
  }
  // A phrase: one quoted string whose terms the tokenizer splits.
  std::string joined;
  for (const TermChoice& p : m.positions) {
    if (!joined.empty()) joined.push_back(kPositionSeparator);
    joined += p.front();
  }
  return quote_term(joined);
}

std::string clause_expression(const PlannedClause& c, Terms terms) {
  if (c.alternatives.size() == 1) return matcher_expression(c.alternatives.front(), terms);
  std::string out = "(";
  for (std::size_t i = 0; i < c.alternatives.size(); ++i) {
    out += (i ? " OR " : "") + matcher_expression(c.alternatives[i], terms);
  }
  return out + ")";
}

std::string required_expression(const std::vector<PlannedClause>& clauses, Terms terms) {
  std::string out;
  for (const PlannedClause& c : clauses) {
    if (!c.excluded) out += (out.empty() ? "" : " AND ") + clause_expression(c, terms);
  }
  return out;
}

}  // namespace

std::string quote_term(const std::string& term) {
  std::string out = "\"";
  for (const char c : term) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

Result<std::unique_ptr<QueryPlanner>> QueryPlanner::create(const analysis::AnalyzerOptions& options) {
  Result<std::unique_ptr<analysis::Analyzer>> analyzer = analysis::Analyzer::create(options);
  if (!analyzer) return analyzer.error();
  return std::unique_ptr<QueryPlanner>(new QueryPlanner(std::move(analyzer).value()));
}

TermChoice QueryPlanner::word_terms(const analysis::AnalyzedToken& token, const std::string& lang,
                                    const DocumentFrequency& frequency) {
  TermChoice terms;
  const bool hebrew = token.token.kind == analysis::TokenKind::kHebrew;
  const std::string lemma = token.lemma.empty() ? token.normalized : fold(token.lemma);
  // A lemma is stored as a lemma only where the word is spelled otherwise
  // (index_terms.h), so it is looked up as an exact form too.
  add_unique(terms, kLemmaMark + lemma);
  add_unique(terms, kExactMark + lemma);
  // The form as typed, too: an article holding exactly that form is a
  // match whatever reading its context gave the word there.
  add_unique(terms, kExactMark + token.normalized);
  for (const std::string& bare : lemma_variants(lemma)) {
    add_unique(terms, kLemmaMark + bare);
    add_unique(terms, kExactMark + bare);
  }
  std::string name = hebrew ? lemma : token.normalized;
  if (is_name_like(token)) {
    add_unique(terms, kWeakMark + lemma);
    // A name glued to a prefix (לפוטין): read without it when the corpus
    // holds the bare word more often than the word as typed.
    const std::int64_t as_typed = frequency(kLemmaMark + lemma) + frequency(kExactMark + lemma);
    for (const std::string& rest : prefix_strips(token.normalized)) {
      if (frequency(kLemmaMark + rest) + frequency(kExactMark + rest) > as_typed) {
        add_unique(terms, kLemmaMark + rest);
        add_unique(terms, kExactMark + rest);
        add_unique(terms, kWeakMark + rest);
        name = rest;
        break;
      }
    }
  }
  // Names across scripts: a Hebrew name-like word, or any Latin word (a
  // query is typed without the capitals that mark names in text).
  const bool latin = token.token.kind == analysis::TokenKind::kLatin;
  if (is_name_like(token) || token.entity_candidate || latin) {
    add_unique(terms, kNameKeyMark + crosslang::name_key(name, lang));
  }
  return terms;
}

std::optional<Matcher> QueryPlanner::plan_term(const QueryTerm& term, const std::string& lang_filter,
                                               const DocumentFrequency& frequency, StopWords stop_words,
                                               std::string& why) {
  const std::string lang = has_hebrew_letter(term.text) ? "he" : !lang_filter.empty() ? lang_filter : "en";
  std::vector<analysis::AnalyzedToken> tokens =
      analyzer_->analyze(term.text, lang, analysis::Analyzer::Detail::kMatching);
  std::erase_if(tokens, [](const analysis::AnalyzedToken& t) { return !is_indexed(t); });
  if (tokens.empty()) {
    why = "no letters or digits";
    return std::nullopt;
  }
  Matcher m;
  if (term.phrase || tokens.size() > 1) {
    // Exact forms in a row: a phrase, or a word the tokenizer splits (ב-2019).
    for (const analysis::AnalyzedToken& t : tokens) m.positions.push_back({kExactMark + t.normalized});
    return m;
  }
  if (tokens.front().stop_word) {
    if (stop_words == StopWords::kSetAside) {
      why = "a stop word";
      return std::nullopt;
    }
    why = "a stop word, matched as written";
    m.positions.push_back({kExactMark + tokens.front().normalized});
    return m;
  }
  m.positions.push_back(word_terms(tokens.front(), lang, frequency));
  m.typed = kExactMark + tokens.front().normalized;
  return m;
}

QueryPlan QueryPlanner::plan_clauses(const ParsedQuery& query, const DocumentFrequency& frequency,
                                     StopWords stop_words) {
  QueryPlan out;
  out.filters = query.filters;
  for (const QueryClause& clause : query.clauses) {
    PlannedClause planned;
    planned.excluded = clause.excluded;
    for (const QueryTerm& term : clause.alternatives) {
      std::string why;
      std::optional<Matcher> m = plan_term(term, query.filters.lang, frequency, stop_words, why);
      if (!why.empty()) out.notes.push_back((term.phrase ? "\"" + term.text + "\"" : term.text) + ": " + why);
      if (m) planned.alternatives.push_back(std::move(*m));
    }
    if (!planned.alternatives.empty()) out.clauses.push_back(std::move(planned));
  }
  return out;
}

Result<QueryPlan> QueryPlanner::plan(const ParsedQuery& query, const DocumentFrequency& frequency) {
  auto finds_something = [](const QueryPlan& p) {
    return std::any_of(p.clauses.begin(), p.clauses.end(), [](const PlannedClause& c) { return !c.excluded; });
  };
  QueryPlan out = plan_clauses(query, frequency, StopWords::kSetAside);
  // Nothing but stop words (של, "the who"): the words as written are what
  // the reader is after, so they are matched exactly rather than refused.
  if (!finds_something(out)) out = plan_clauses(query, frequency, StopWords::kAsWritten);
  if (Status hebrew = analyzer_->hebrew_status(); !hebrew) return hebrew.error();
  if (!finds_something(out)) {
    std::string words;
    for (const std::string& w : out.notes) words += (words.empty() ? "" : "; ") + w;
    return make_error(ErrorKind::kInvalidInput, "nothing to search for: every word was set aside (" + words +
                                                    "); type a word with letters or digits");
  }
  // An excluded word is matched by all its terms, in every expression.
  std::string excluded;
  for (const PlannedClause& c : out.clauses) {
    if (c.excluded) excluded += " NOT " + clause_expression(c, Terms::kAll);
  }
  out.match = "(" + required_expression(out.clauses, Terms::kAll) + ")" + excluded;
  out.first_scored = {"({title} : (" + required_expression(out.clauses, Terms::kTyped) + "))" + excluded,
                      "({title} : (" + required_expression(out.clauses, Terms::kAll) + "))" + excluded};
  return out;
}

}  // namespace sipur::search
