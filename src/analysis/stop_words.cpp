#include "analysis/stop_words.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <span>
#include <string_view>
#include <unordered_set>

namespace sipur::analysis {
namespace {

// Each list is sorted by UTF-8 bytes (std::string_view's order), so lookup is
// a binary search with no allocation and no initialization at run time. The
// static_asserts below reject an unsorted or duplicated entry at compile time.
// Words are lowercase and NFC, several to a line; clang-format is off for the
// lists because it would spread them into columns.

// clang-format off
// Hebrew. Prefix letters, prepositions with their pronoun suffixes (שלו, אותם, עליהם: they appear
// as written when no lemma is available), pronouns, demonstratives, question words, conjunctions,
// copulas. Homographs of content words (עם "nation", אם "mother", אף "nose", פה "mouth") stay in:
// the function-word reading is far more frequent. שם ("there" but also "name") and numerals stay out.
// Time words (היום, אתמול, עכשיו, כעת, השנה) stay out on purpose.
constexpr std::array<std::string_view, 202> kHe = {
    "אבל", "או", "אודות", "אולי", "אולם", "אותה", "אותו", "אותי", "אותך", "אותם", "אותן", "אותנו", "אז", "אחרי",
    "איזה", "איזו", "איך", "אילו", "אין", "אינה", "אינו", "אינם", "אינן", "איפה", "איתה", "איתו", "איתם", "אך", "אל",
    "אלא", "אלה", "אלו", "אליה", "אליהם", "אליו", "אם", "אמנם", "אנו", "אנחנו", "אני", "אף", "אפילו", "אצל", "אצלו",
    "אשר", "את", "אתה", "אתכם", "אתם", "אתן", "ב", "באמצעות", "בגלל", "בה", "בהם", "בהן", "בו", "בי", "בין",
    "ביניהם", "בלי", "בנו", "בעד", "בעוד", "בשל", "בתוך", "גם", "דווקא", "ה", "האלה", "האלו", "האם", "ההוא", "ההיא",
    "ההם", "ההן", "הוא", "הזאת", "הזה", "הזו", "היא", "היה", "היו", "הייתה", "היכן", "הינה", "הינו", "היתה", "הם",
    "הן", "הרבה", "הרי", "ו", "זאת", "זה", "זו", "ידי", "יהיה", "יהיו", "יותר", "יש", "כ", "כאילו", "כאן", "כאשר",
    "כבר", "כגון", "כדי", "כה", "כולה", "כולו", "כולם", "כי", "כיוון", "כך", "כל", "כלומר", "כלפי", "כמה", "כמו",
    "כמעט", "כן", "כש", "ל", "לא", "לאחר", "לאן", "לגבי", "לה", "להיות", "להם", "להן", "לו", "לי", "ליד", "לך",
    "לכם", "לכן", "ללא", "למה", "למען", "למרות", "למשל", "לנו", "לעבר", "לפי", "לפני", "לקראת", "מ", "מאוד", "מדוע",
    "מה", "מהם", "מהן", "מול", "מי", "מכיוון", "ממנה", "ממנו", "ממני", "ממש", "מן", "מפני", "משום", "מתוך", "מתי",
    "נגד", "ע\"י", "עד", "עוד", "על", "עלי", "עליה", "עליהם", "עליהן", "עליו", "עלינו", "עם", "עמו", "עצמה", "עצמו",
    "עצמם", "עקב", "פה", "פחות", "פי", "רק", "ש", "שוב", "שום", "של", "שלה", "שלהם", "שלהן", "שלו", "שלי", "שלך",
    "שלכם", "שלנו", "תהיה", "תוך", "תחת",
};

// English: the usual function words plus contractions, which the tokenizer keeps whole ("don't") or
// splits ("s", "t", "ll"). "us" is left out because lowercased "US" (United States) is one of the
// most frequent names in the news. "now", "today" and reporting verbs stay out on purpose.
constexpr std::array<std::string_view, 189> kEn = {
    "a", "about", "above", "across", "after", "again", "against", "all", "along", "also", "although", "am", "among",
    "an", "and", "any", "are", "aren't", "around", "as", "at", "be", "because", "been", "before", "being", "below",
    "between", "both", "but", "by", "can", "can't", "cannot", "could", "couldn't", "d", "did", "didn't", "do",
    "does", "doesn't", "doing", "don't", "down", "during", "each", "either", "few", "for", "from", "further", "had",
    "hadn't", "has", "hasn't", "have", "haven't", "having", "he", "he's", "her", "here", "hers", "herself", "him",
    "himself", "his", "how", "however", "i", "i'd", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's",
    "its", "itself", "just", "let's", "ll", "m", "may", "me", "might", "mine", "more", "most", "must", "my",
    "myself", "neither", "no", "nor", "not", "of", "off", "on", "once", "only", "onto", "or", "other", "our", "ours",
    "ourselves", "out", "over", "own", "re", "s", "same", "shall", "she", "she's", "should", "shouldn't", "so",
    "some", "such", "t", "than", "that", "that's", "the", "their", "theirs", "them", "themselves", "then", "there",
    "there's", "these", "they", "they're", "they've", "this", "those", "though", "through", "to", "too", "toward",
    "towards", "under", "until", "up", "upon", "ve", "very", "via", "was", "wasn't", "we", "we're", "we've", "were",
    "weren't", "what", "whatever", "when", "where", "whether", "which", "while", "who", "whoever", "whom", "whose",
    "why", "will", "with", "within", "without", "won't", "would", "wouldn't", "yet", "you", "you're", "your",
    "yours", "yourself", "yourselves",
};

// German.
constexpr std::array<std::string_view, 135> kDe = {
    "aber", "alle", "als", "am", "an", "auch", "auf", "aus", "bei", "beim", "bin", "bis", "bist", "da", "dann",
    "das", "dass", "dein", "dem", "den", "denn", "der", "des", "dich", "die", "dies", "diese", "diesem", "diesen",
    "dieser", "dieses", "dir", "doch", "du", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "er", "es",
    "euch", "für", "gegen", "haben", "hat", "hatte", "hatten", "hier", "hinter", "ich", "ihm", "ihn", "ihnen", "ihr",
    "ihre", "ihrem", "ihren", "ihrer", "ihres", "im", "in", "ins", "ist", "jede", "jeder", "jedes", "kann", "kein",
    "keine", "können", "man", "mein", "meine", "mich", "mir", "mit", "muss", "müssen", "nach", "neben", "nicht",
    "noch", "nur", "ob", "oder", "ohne", "schon", "sehr", "sein", "seine", "seinem", "seinen", "seiner", "seines",
    "seit", "sich", "sie", "sind", "so", "soll", "sollen", "sondern", "um", "und", "uns", "unser", "unsere", "unter",
    "vom", "von", "vor", "war", "waren", "was", "weil", "welche", "welcher", "welches", "wenn", "wer", "werden",
    "wie", "wir", "wird", "wo", "wurde", "wurden", "zu", "zum", "zur", "zwischen", "über",
};

// French. Elided forms (l, d, qu, ...) in case a tokenizer splits at the apostrophe.
constexpr std::array<std::string_view, 105> kFr = {
    "a", "ai", "au", "aussi", "aux", "avaient", "avait", "avec", "avoir", "c", "car", "ce", "ceci", "cela", "ces",
    "cet", "cette", "chez", "comme", "contre", "d", "dans", "de", "depuis", "des", "donc", "dont", "du", "elle",
    "elles", "en", "entre", "est", "et", "il", "ils", "j", "je", "l", "la", "le", "les", "leur", "leurs", "lui", "m",
    "ma", "mais", "me", "mes", "mon", "même", "ne", "ni", "nos", "notre", "nous", "on", "ont", "ou", "où", "par",
    "pas", "pendant", "plus", "pour", "qu", "que", "qui", "quoi", "s", "sa", "sans", "se", "sera", "seront", "ses",
    "si", "son", "sont", "sous", "sur", "t", "ta", "te", "tes", "ton", "tous", "tout", "toute", "toutes", "très",
    "tu", "un", "une", "vers", "vos", "votre", "vous", "y", "ça", "étaient", "était", "été", "être",
};

// Spanish.
constexpr std::array<std::string_view, 115> kEs = {
    "a", "al", "ante", "aquel", "aquella", "como", "con", "contra", "cual", "cuando", "cuál", "cómo", "de", "del",
    "desde", "donde", "durante", "e", "el", "ella", "ellas", "ello", "ellos", "en", "entre", "era", "eran", "es",
    "esa", "esas", "ese", "eso", "esos", "esta", "estar", "estas", "este", "esto", "estos", "está", "están", "fue",
    "fueron", "ha", "haber", "había", "hacia", "han", "hasta", "hay", "la", "las", "le", "les", "lo", "los", "me",
    "mi", "mis", "misma", "mismo", "muy", "más", "ni", "no", "nos", "nosotras", "nosotros", "nuestra", "nuestras",
    "nuestro", "nuestros", "o", "os", "para", "pero", "por", "porque", "que", "quien", "quién", "qué", "se", "según",
    "ser", "si", "sin", "sino", "sobre", "son", "su", "sus", "sí", "también", "te", "toda", "todas", "todo", "todos",
    "tras", "tu", "tus", "tú", "u", "un", "una", "unas", "unos", "usted", "ustedes", "vosotros", "y", "ya", "yo",
    "él",
};

// Italian.
constexpr std::array<std::string_view, 95> kIt = {
    "a", "agli", "ai", "al", "alla", "alle", "allo", "anche", "avere", "aveva", "che", "chi", "ci", "come", "con",
    "cui", "da", "dai", "dal", "dalla", "degli", "dei", "del", "della", "delle", "dello", "di", "dove", "e", "ed",
    "era", "erano", "essere", "fra", "già", "gli", "ha", "hanno", "i", "il", "in", "io", "l", "la", "le", "lei",
    "lo", "loro", "lui", "ma", "mi", "molto", "ne", "negli", "nei", "nel", "nella", "nelle", "nello", "noi", "non",
    "o", "per", "perché", "più", "quando", "quella", "quello", "questa", "queste", "questi", "questo", "se", "si",
    "sono", "stata", "stato", "su", "sua", "sue", "sul", "sulla", "suo", "suoi", "ti", "tra", "tu", "tutti", "tutto",
    "un", "una", "uno", "vi", "voi", "è",
};

// Portuguese.
constexpr std::array<std::string_view, 96> kPt = {
    "a", "ao", "aos", "aquela", "aquele", "aquilo", "as", "até", "com", "como", "contra", "da", "das", "de", "desde",
    "do", "dos", "e", "ela", "elas", "ele", "eles", "em", "entre", "era", "essa", "esse", "esta", "estar", "este",
    "está", "estão", "eu", "foi", "foram", "há", "isso", "isto", "já", "lhe", "lhes", "mais", "mas", "me", "meu",
    "minha", "muito", "na", "nas", "nem", "no", "nos", "num", "numa", "não", "nós", "o", "onde", "os", "ou", "para",
    "pela", "pelas", "pelo", "pelos", "por", "porque", "qual", "quando", "que", "quem", "se", "sem", "ser", "seu",
    "seus", "sobre", "sua", "suas", "são", "também", "te", "tem", "ter", "tu", "têm", "um", "uma", "umas", "uns",
    "você", "vocês", "vós", "à", "às", "é",
};

// Dutch.
constexpr std::array<std::string_view, 86> kNl = {
    "aan", "al", "als", "ben", "bent", "bij", "daar", "dan", "dat", "de", "deze", "die", "dit", "door", "een", "en",
    "er", "geen", "haar", "had", "hebben", "heeft", "hem", "hen", "het", "hier", "hij", "hoe", "hun", "ik", "in",
    "is", "je", "jij", "jullie", "kan", "kunnen", "maar", "me", "men", "met", "mij", "mijn", "moet", "na", "naar",
    "niet", "nog", "of", "om", "omdat", "onder", "ons", "onze", "ook", "op", "over", "te", "tegen", "tot", "tussen",
    "u", "uit", "van", "voor", "waar", "wanneer", "want", "waren", "was", "wat", "we", "wel", "werd", "wie", "wij",
    "worden", "wordt", "zal", "ze", "zich", "zij", "zijn", "zo", "zonder", "zou",
};

// Russian, with both е and ё spellings where texts use either.
constexpr std::array<std::string_view, 104> kRu = {
    "а", "без", "будет", "бы", "был", "была", "были", "было", "быть", "в", "вам", "вас", "ведь", "во", "вот", "все",
    "всё", "вы", "где", "да", "даже", "для", "до", "его", "ее", "ей", "ему", "если", "есть", "еще", "ещё", "её", "ж",
    "же", "за", "и", "из", "или", "их", "к", "как", "когда", "которая", "которого", "которые", "который", "которых",
    "кто", "ли", "между", "меня", "мне", "может", "мы", "на", "над", "надо", "не", "него", "ней", "нет", "ни",
    "нибудь", "ничего", "но", "ну", "о", "об", "он", "она", "они", "от", "перед", "по", "под", "после", "при", "с",
    "себе", "себя", "со", "так", "также", "там", "тебя", "то", "того", "тоже", "только", "ты", "у", "уж", "уже",
    "чего", "чем", "через", "что", "чтобы", "эта", "эти", "это", "этого", "этот", "я",
};

// Arabic, with and without hamza (إلى/الى, أن/ان): news text often omits it. Arabic has no
// prefix segmentation here, so only free-standing words match.
constexpr std::array<std::string_view, 85> kAr = {
    "أما", "أن", "أنا", "أنت", "أنتم", "أنه", "أو", "أي", "أيضا", "إذا", "إلا", "إلى", "إن", "إنه", "اذا", "الا",
    "التي", "الذي", "الذين", "الى", "اما", "ان", "انا", "انت", "انه", "او", "اي", "ايضا", "بعد", "بعض", "بل", "به",
    "بها", "بين", "تلك", "ثم", "حتى", "حول", "خلال", "ذلك", "ضد", "على", "عليه", "عليها", "عن", "عند", "غير", "فقط",
    "في", "فيه", "فيها", "قبل", "قد", "كان", "كانت", "كانوا", "كل", "كما", "لا", "لقد", "لكن", "لم", "لن", "له",
    "لها", "لهم", "ليس", "ما", "ماذا", "مع", "من", "منذ", "منه", "نحن", "هؤلاء", "هذا", "هذه", "هم", "هن", "هنا",
    "هناك", "هو", "هي", "و", "يكون",
};

// clang-format on

template <std::size_t N>
constexpr bool strictly_sorted(const std::array<std::string_view, N>& words) {
  // Strictly increasing means sorted for binary_search and free of duplicates.
  return std::adjacent_find(words.begin(), words.end(),
                            [](std::string_view a, std::string_view b) { return !(a < b); }) == words.end();
}

static_assert(strictly_sorted(kHe), "Hebrew stop words must be sorted by UTF-8 bytes and unique");
static_assert(strictly_sorted(kEn), "English stop words must be sorted and unique");
static_assert(strictly_sorted(kDe), "German stop words must be sorted by UTF-8 bytes and unique");
static_assert(strictly_sorted(kFr), "French stop words must be sorted by UTF-8 bytes and unique");
static_assert(strictly_sorted(kEs), "Spanish stop words must be sorted by UTF-8 bytes and unique");
static_assert(strictly_sorted(kIt), "Italian stop words must be sorted by UTF-8 bytes and unique");
static_assert(strictly_sorted(kPt), "Portuguese stop words must be sorted by UTF-8 bytes and unique");
static_assert(strictly_sorted(kNl), "Dutch stop words must be sorted and unique");
static_assert(strictly_sorted(kRu), "Russian stop words must be sorted by UTF-8 bytes and unique");
static_assert(strictly_sorted(kAr), "Arabic stop words must be sorted by UTF-8 bytes and unique");

struct LanguageList {
  std::string_view lang;
  std::span<const std::string_view> words;
};

constexpr std::array kLists = {
    LanguageList{"he", kHe}, LanguageList{"en", kEn}, LanguageList{"de", kDe}, LanguageList{"fr", kFr},
    LanguageList{"es", kEs}, LanguageList{"it", kIt}, LanguageList{"pt", kPt}, LanguageList{"nl", kNl},
    LanguageList{"ru", kRu}, LanguageList{"ar", kAr},
};

}  // namespace

std::span<const std::string_view> stop_word_list(std::string_view lang) {
  for (const LanguageList& list : kLists) {
    if (list.lang == lang) return list.words;
  }
  return {};
}

bool is_stop_word(std::string_view lang, std::string_view word) {
  // Asked once or twice per token: a hash set per language, built on first
  // use, instead of a binary search of string comparisons.
  using WordSet = std::unordered_set<std::string_view>;
  static const std::array<WordSet, kLists.size()> sets = [] {
    std::array<WordSet, kLists.size()> out;
    for (std::size_t i = 0; i < kLists.size(); ++i) out[i] = WordSet(kLists[i].words.begin(), kLists[i].words.end());
    return out;
  }();
  for (std::size_t i = 0; i < kLists.size(); ++i) {
    if (kLists[i].lang == lang) return sets[i].count(word) > 0;
  }
  return false;
}

std::size_t stop_word_count(std::string_view lang) {
  return stop_word_list(lang).size();
}

}  // namespace sipur::analysis
