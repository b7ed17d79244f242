// The likely root of a Hebrew content lemma, as a key that words of one
// root across parts of speech and binyanim share (הצביע / הצבעה: צבע;
// נרצח / רצח: רצח; התפוצץ / פיצוץ: פצץ), where the lemmas differ. Hspell
// and the treebanks give lemmas, never roots, and Hspell's descriptions
// carry no binyan, so the key is read off the lemma's letters by the
// regular patterns of verbs and verbal nouns. Only a pattern that leaves no
// doubt gives a key: a lemma whose letters could be read two ways (הת__ה:
// a hitpa'el of a root ending in ה, or a hif'il noun of a root starting
// with ת), whose root ends in a weak letter (שינוי, שנה), or that fits no
// pattern gets none.
#pragma once

#include <string>
#include <string_view>

namespace sipur::analysis {

// The root key of `lemma` (Hebrew letters only, final or not), three
// letters in their non-final forms; "" when there is none: not all Hebrew
// letters, shorter than three or longer than the patterns, or no clear
// pattern. A three-letter lemma is its own key (רצח, חטף), but for a final
// י, read as the ה of its verb (ירי: ירה).
[[nodiscard]] std::string hebrew_root_key(std::string_view lemma);

}  // namespace sipur::analysis
