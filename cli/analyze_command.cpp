#include <algorithm>
#include <cmath>
#include <iostream>
#include <optional>
#include <sstream>
#include <tuple>

#include "analysis/analyzer.h"
#include "cli/analyzer_options.h"
#include "cli/commands.h"
#include "crosslang/lexicon.h"
#include "crosslang/name_key.h"
#include "langid/langid.h"
#include "text/normalize.h"
#include "text/utf8.h"

namespace sipur::cli {
namespace {

struct AnalyzeArgs {
  std::string text;
  std::string lang;
  analysis::AnalyzerOptions analyzer;
  LexiconOptions lexicons;
  bool conllu = false;
};

// What links a token to English: the lexicons' words for it and, for
// names and numbers, the skeleton key (crosslang/name_key.h).
struct CrossLanguage {
  std::optional<crosslang::Lexicon> words, names;

  [[nodiscard]] std::string english(const analysis::AnalyzedToken& t) const {
    std::vector<std::string> out;
    auto add_from = [&](const std::optional<crosslang::Lexicon>& lex, const std::string& hebrew) {
      if (!lex || hebrew.empty()) return;
      for (const std::string& en : lex->english(hebrew)) {
        if (std::find(out.begin(), out.end(), en) == out.end()) out.push_back(en);
      }
    };
    const std::string base = t.words.empty() ? t.lemma : t.words[t.base_word].form;
    if (t.entity_candidate) {  // a names file maps name words; "אמר" is a verb before it is Amar
      add_from(names, t.lemma);
      add_from(names, base);
    }
    add_from(words, t.lemma);
    add_from(words, base);
    std::string joined;
    for (std::size_t i = 0; i < out.size() && i < 3; ++i) joined += (i ? "," : "") + out[i];
    return joined;
  }
};

// The key a name or number is matched by across languages: of the word
// without its Hebrew prefixes.
std::string name_key_of(const analysis::AnalyzedToken& t, std::string_view lang) {
  // English names at the start of a sentence are not flagged as entities;
  // their capital still marks them.
  const bool capitalized =
      lang != "he" && !t.stop_word && !t.surface.empty() && t.surface[0] >= 'A' && t.surface[0] <= 'Z';
  if (!t.entity_candidate && !t.number && !capitalized) return {};
  const std::string& word = t.words.empty() ? t.surface : t.words[t.base_word].form;
  return crosslang::name_key(word, lang);
}

std::string flags_of(const analysis::AnalyzedToken& t) {
  std::string flags;
  auto add = [&](bool on, const char* name) {
    if (!on) return;
    if (!flags.empty()) flags += ',';
    flags += name;
  };
  add(t.stop_word, "stop");
  add(t.number, "number");
  add(t.punctuation, "punct");
  add(t.entity_candidate, "entity");
  return flags.empty() ? "-" : flags;
}

void print_readable(const std::vector<analysis::AnalyzedToken>& tokens, std::string_view lang,
                    const CrossLanguage& cross, std::ostream& out) {
  for (const auto& t : tokens) {
    out << t.surface << '\t';
    for (std::size_t i = 0; i < t.words.size(); ++i) {
      if (i) out << '+';
      out << t.words[i].form;
    }
    out << "\tlemma=" << t.lemma << '\t' << flags_of(t);
    if (t.source[0]) out << "\tvia=" << t.source;
    if (!t.match_lemma.empty()) out << "\tmatches=" << t.match_lemma;  // the key event matching uses
    if (!t.expansion.empty()) {                                        // an acronym: the words it is matched by
      out << "\tstands-for=";
      for (std::size_t i = 0; i < t.expansion.size(); ++i) out << (i ? "+" : "") << t.expansion[i].lemma;
    }
    if (const std::string key = name_key_of(t, lang); !key.empty()) out << "\tname=" << key;
    if (lang == "he" && !t.punctuation) {
      if (const std::string en = cross.english(t); !en.empty()) out << "\ten=" << en;
    }
    if (t.alternatives.size() > 1) {
      out << "\talt=";
      for (std::size_t i = 0; i < t.alternatives.size() && i < 4; ++i) {
        if (i) out << ',';
        out << t.alternatives[i].lemma << ':' << std::lround(t.alternatives[i].score * 100) << '%';
      }
    }
    out << '\n';
  }
}

// CoNLL-U with forms taken from the raw line (the offset map leads back), so
// that a scorer aligning characters sees exactly the input text.
void print_conllu(std::size_t sentence, std::string_view raw, const text::CleanText& clean,
                  const std::vector<analysis::AnalyzedToken>& tokens, std::ostream& out) {
  out << "# sent_id = " << sentence << "\n# text = " << raw << '\n';
  int id = 1;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const auto& t = tokens[i];
    const std::size_t b = clean.map.to_raw(t.token.begin);
    const std::size_t e = i + 1 < tokens.size()
                              ? std::min(clean.map.to_raw(t.token.end), clean.map.to_raw(tokens[i + 1].token.begin))
                              : clean.map.to_raw(t.token.end);
    std::string form(raw.substr(b, e - b));
    while (!form.empty() && (form.back() == ' ' || form.back() == '\t')) form.pop_back();
    const std::string misc = t.token.space_after ? "_" : "SpaceAfter=No";
    if (t.words.size() > 1) {
      out << id << '-' << id + static_cast<int>(t.words.size()) - 1 << '\t' << form << "\t_\t_\t_\t_\t_\t_\t_\t" << misc
          << '\n';
      for (const auto& w : t.words) {
        out << id++ << '\t' << w.form << '\t' << w.lemma << '\t' << w.upos << "\t_\t_\t_\t_\t_\t_\n";
      }
    } else {
      const auto& w = t.words.empty() ? analysis::Segment{form, form, "X"} : t.words.front();
      out << id++ << '\t' << form << '\t' << w.lemma << '\t' << w.upos << "\t_\t_\t_\t_\t_\t" << misc << '\n';
    }
  }
  out << '\n';
}

int run(const AnalyzeArgs& args) {
  Result<std::unique_ptr<analysis::Analyzer>> created = analysis::Analyzer::create(args.analyzer);
  if (!created) {
    std::cerr << "sipur analyze: " << created.error().describe() << '\n';
    return kExitFailure;
  }
  analysis::Analyzer& analyzer = *created.value();
  CrossLanguage cross;
  for (const auto& [path, format, slot] :
       {std::tuple{&args.lexicons.lexicon, crosslang::Lexicon::Format::kWords, &cross.words},
        std::tuple{&args.lexicons.names, crosslang::Lexicon::Format::kNames, &cross.names}}) {
    if (path->empty()) continue;
    Result<crosslang::Lexicon> loaded = crosslang::Lexicon::load(*path, format);
    if (!loaded) {
      std::cerr << "sipur analyze: " << loaded.error().describe() << '\n';
      return kExitFailure;
    }
    slot->emplace(std::move(loaded).value());
  }
  if (cross.names) analyzer.add_known_names(cross.names->hebrew_words());
  std::ios::sync_with_stdio(false);
  std::vector<std::string> lines;
  if (!args.text.empty()) {
    lines.push_back(args.text);
  } else {
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(std::move(line));
    }
  }
  // Let the whole input vouch for standalone words first (לפוטין -> פוטין).
  std::vector<text::CleanText> cleaned;
  cleaned.reserve(lines.size());
  int rejected = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (const auto bad = text::first_invalid_utf8(lines[i])) {
      std::cerr << "rejected: <input>:" << i + 1 << " (byte " << *bad << "): invalid-utf8: line skipped\n";
      ++rejected;
      cleaned.push_back({});
      continue;
    }
    cleaned.push_back(text::clean_characters(lines[i]));
    analyzer.observe(cleaned.back().text);
  }
  std::ostringstream out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (text::first_invalid_utf8(lines[i])) continue;
    const std::string& clean = cleaned[i].text;
    const std::string lang = args.lang.empty() ? langid::identify("", clean, "").lang : args.lang;
    const auto tokens = analyzer.analyze(clean, lang);
    if (Status hebrew = analyzer.hebrew_status(); !hebrew) {
      std::cerr << "sipur analyze: " << hebrew.error().describe() << '\n';
      return kExitFailure;
    }
    if (args.conllu) {
      print_conllu(i + 1, lines[i], cleaned[i], tokens, out);
    } else {
      print_readable(tokens, lang, cross, out);
      out << '\n';
    }
    if (out.tellp() > (1 << 20)) {
      std::cout << out.str();
      out.str("");
    }
  }
  std::cout << out.str();
  return rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace

void add_analyze_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd =
      app.add_subcommand("analyze", "Tokens, Hebrew segmentation and lemmas of text (a sentence per stdin line)");
  cmd->add_option("--text", args->text, "Analyze this text instead of standard input");
  cmd->add_option("--lang", args->lang, "Language of every line (default: identified per line)");
  cmd->add_flag("--conllu", args->conllu, "Print CoNLL-U (ID, FORM, LEMMA, UPOS; multi-word tokens for split words)");
  add_analyzer_options(cmd, args->analyzer);
  add_lexicon_options(cmd, args->lexicons);
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace sipur::cli
