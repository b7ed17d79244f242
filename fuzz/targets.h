// Fuzz entry points, one per reader and one for the cleaner. Each libFuzzer
// binary calls one of them; the regression test runs every saved crash input
// through the same functions under the normal test build.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sipur::fuzz {

void jsonl(std::string_view bytes);
void text(std::string_view bytes);
void html(std::string_view bytes);
void warc(std::string_view bytes);
void clean(std::string_view bytes);
void analyze(std::string_view bytes);  // tokenizer + Hebrew/English analysis

// Looks a target up by name ("jsonl", "text", ...); nullptr if unknown.
using Target = void (*)(std::string_view);
[[nodiscard]] Target find_target(std::string_view name);

}  // namespace sipur::fuzz
